# test_charts.py: a person points at the charts and clicks a campaign
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real pointer moves over the ROAS chart and the tooltip's values are
# read where a screen reader finds them (the chart's description, which the
# tooltip sets); a real click on a campaign's bars narrows the other charts.
#
# The fixtures (tests/fixtures/e2e/charts-*.csv) by hand, in UTC:
#   Meta: 03-01 Alfa (11) spend 100.00 value 300.00, Beta (22) 100.00 / 100.00;
#         03-02 Alfa 50.00 / 150.00, Beta 150.00 / 300.00.
#   HubSpot: 03-01 deal 200.00 for campaign 11 (Alfa); 03-02 300.00 for
#         "Beta" and 100.00 for 11.
#   All campaigns: 03-01 Meta ROAS 400 / 200 = 2.00, CRM ROAS 200 / 200 = 1.00;
#                  03-02 Meta ROAS 450 / 200 = 2.25, CRM ROAS 400 / 200 = 2.00.
#   Alfa alone:    03-01 Meta 300 / 100 = 3.00, CRM 200 / 100 = 2.00;
#                  03-02 Meta 150 / 50 = 3.00, CRM 100 / 50 = 2.00.
#   CAC by campaign: Alfa 150 / 2 = 75.00 (left), Beta 250 / 1 = 250.00.

import os
import time

import pyatspi

from tallytest import (FIXTURES, button, check, click, find, find_all, frame_named, press, rawinput, run, select_page,
                       wait_for)


def chart(frame, name):
    return wait_for("the chart " + name, lambda: find(frame, role="image", name=name))


def screen_point(node, fx, fy):
    """A point at fractions (@fx, @fy) of @node. GTK 4.8 gives no screen
    coordinates, only the window's; without a window manager the window
    sits at the screen's origin, and its few pixels of shadow do not
    matter: a chart answers the pointer across a whole column."""
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return int(extents.x + extents.width * fx), int(extents.y + extents.height * fy)


def hover(node, fx, fy):
    x, y = screen_point(node, fx, fy)
    # Two motions: GTK shows a tooltip once the pointer moves within it.
    rawinput.absoluteMotion(x - 3, y)
    time.sleep(0.2)
    rawinput.absoluteMotion(x, y)


def tooltip_reads(node, *parts):
    text = node.description or ""
    return all(part in text for part in parts)


def hover_until(node, fx, fy, what, *parts):
    """Moves onto the point and waits for its tooltip's values; moves off
    and on again while waiting, as a person would."""
    deadline = time.time() + 20
    while time.time() < deadline:
        hover(node, fx, fy)
        for _ in range(6):
            time.sleep(0.3)
            if tooltip_reads(node, *parts):
                return
        rawinput.absoluteMotion(2, 2)
        time.sleep(0.3)
    check(False, "hovering %s, the tooltip read “%s”, not %s" % (what, node.description, " / ".join(parts)))


def narrowed_to(frame, campaign):
    """Whether the note above the charts says they show @campaign alone."""
    return any("“%s” alone" % campaign in label.name for label in find_all(frame, role="label"))


def test(session):
    project = session.path("Charts.tally")
    result = session.cli("new", project, "--timezone", "UTC", "--currency", "USD")
    check(result.returncode == 0, "tally-cli new failed: " + result.stderr)
    for name in ("charts-meta.csv", "charts-deals.csv"):
        result = session.cli("import", project, os.path.join(FIXTURES, name))
        check(result.returncode == 0, "importing %s failed: %s" % (name, result.stderr))

    # A tall window, so the CAC chart is on screen under the ROAS chart.
    config_dir = session.path(".config", "glib-2.0", "settings")
    os.makedirs(config_dir)
    with open(os.path.join(config_dir, "keyfile"), "w") as f:
        f.write("[io/github/tallyapp/Tally]\nwindow-width=1200\nwindow-height=880\n")

    app = session.start(project)
    frame = frame_named(app, "Charts — Tally")
    select_page(frame, "Charts")
    roas = chart(frame, "ROAS over time")
    cac = chart(frame, "CAC by campaign")

    # Two days, two columns: the right half of the plot is 03-02.
    hover_until(roas, 0.75, 0.55, "03-02", "2026-03-02", "Meta ROAS 2.25", "CRM ROAS 2.00")
    hover_until(roas, 0.30, 0.55, "03-01", "2026-03-01", "Meta ROAS 2.00", "CRM ROAS 1.00")

    # Alfa's bars are on the left; its name is their tooltip.
    hover_until(cac, 0.30, 0.35, "Alfa's bars", "Alfa", "CRM CAC", "75.00", "Meta CPA", "50.00")
    x, y = screen_point(cac, 0.30, 0.35)
    rawinput.click(x, y)
    wait_for("the charts narrowed to Alfa", lambda: narrowed_to(frame, "Alfa"))

    # Over time, Alfa alone: 3.00 against 2.00 on both days.
    hover_until(roas, 0.30, 0.55, "03-01 of Alfa", "2026-03-01", "Meta ROAS 3.00", "CRM ROAS 2.00")
    hover_until(roas, 0.75, 0.55, "03-02 of Alfa", "2026-03-02", "Meta ROAS 3.00", "CRM ROAS 2.00")

    # Show All Campaigns brings every campaign back.
    click(wait_for("the Show All Campaigns button", lambda: button(frame, "Show All Campaigns")))
    hover_until(roas, 0.30, 0.55, "03-01 again", "2026-03-01", "Meta ROAS 2.00", "CRM ROAS 1.00")

    # The keyboard: a click gives the chart the keyboard at 03-01, Right
    # steps to 03-02; Tab goes on to the CAC chart, Home selects Alfa and
    # Enter narrows the charts to it, as a click would.
    x, y = screen_point(roas, 0.30, 0.55)
    rawinput.click(x, y)
    rawinput.absoluteMotion(2, 2)
    wait_for("the ROAS chart to have the keyboard", lambda: roas.focused)
    press("Right")
    wait_for("the keyboard on 03-02", lambda: tooltip_reads(roas, "2026-03-02", "Meta ROAS 2.25", "CRM ROAS 2.00"))
    press("Tab")
    wait_for("the CAC chart to have the keyboard", lambda: cac.focused)
    press("Home")
    wait_for("the keyboard on Alfa", lambda: tooltip_reads(cac, "Alfa", "CRM CAC", "75.00"))
    press("Return")
    # Back on the ROAS chart, still on 03-02: Alfa's numbers alone.
    press("<Shift>Tab")
    wait_for("the ROAS chart to have the keyboard again", lambda: roas.focused)
    wait_for("03-02 of Alfa by the keyboard", lambda: tooltip_reads(roas, "2026-03-02", "Meta ROAS 3.00"))
    # Enter on Alfa again shows every campaign.
    press("Tab")
    press("Return")
    press("<Shift>Tab")
    wait_for("03-02 of every campaign again", lambda: tooltip_reads(roas, "2026-03-02", "Meta ROAS 2.25"))


run(test)
