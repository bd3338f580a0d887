# test_publish.py: publishing a period from the app, and a late import
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A person opens a client whose exports are in, sees that nothing is
# frozen, publishes the period from the Report page with a note, imports a
# late CRM export through the wizard, sees the banner about the published
# day with new data, and accepts the restatement from it.
#
# The fixtures (tests/fixtures/e2e/) by hand, in America/Bogota (UTC-5):
#   Meta: 03-01 and 03-02. HubSpot: deals 501 (400.00) and 502 (250.00)
#   are won on 03-01 in Bogota; 503 is from google. CRM revenue 650.00.
#   The data's days run from 02-27 (the first deal's creation) to 03-02;
#   02-27 and 02-28 have CRM records and no Meta rows: a warning. Today is
#   long after March: publishing 02-27 to 03-02 freezes all four days.
#   The late export: deal 504, 80.00 from facebook, created 02-28 (a lead
#   that day) and won 03-02 10:00 in Bogota, two days already published:
#   the report keeps 650.00 until the restatements are accepted, then shows
#   730.00.

import os

from tallytest import (FIXTURES, button, check, click, fill_field, find, find_all, frame_named,
                       import_through_wizard, report_cell, run, select_page, total, wait_for, wait_total)


def label_starting(node, prefix):
    return next((l for l in find_all(node, role="label") if l.name.startswith(prefix)), None)


def test(session):
    path = session.path("Publish.tally")
    for args in (("new", path, "--timezone", "America/Bogota", "--currency", "USD", "--name", "Publish"),
                 ("import", path, os.path.join(FIXTURES, "meta-ads-march.csv")),
                 ("import", path, os.path.join(FIXTURES, "hubspot-deals-march.csv"))):
        result = session.cli(*args)
        check(result.returncode == 0, "tally-cli %s failed: %s" % (args[0], result.stderr))

    app = session.start(path)
    project = frame_named(app, "Publish — Tally")
    select_page(project, "Report")
    wait_total(project, "CRM revenue", "650.00")
    wait_for("the report saying nothing is published",
             lambda: label_starting(project, "Live numbers: nothing in this period is published"))
    check(report_cell(project, "2026-03-01", "Period") == "2026-03-01", "a day shows as frozen before publishing")

    # The dialog says what will freeze, and takes a note.
    click(wait_for("the Publish button", lambda: button(project, "Publish…")))
    dialog = frame_named(app, "Publish a Period")
    wait_for("what will freeze", lambda: label_starting(dialog, "4 days freeze (2026-02-27 to 2026-03-02)."))
    wait_for("the warning about the days without Meta data", lambda: label_starting(
        dialog, "2026-02-27 to 2026-02-28 (2 days): the CRM has records but Meta has no data yet"))
    fill_field(dialog, "Note (kept with the publication)", "March for the client")
    click(wait_for("the dialog's Publish button", lambda: button(dialog, "Publish")))
    wait_for("the dialog to close", lambda: not any(c.name == "Publish a Period" for c in app.children))
    wait_for("the report saying what froze", lambda: label_starting(project, "4 days frozen by publications"))
    check(report_cell(project, "2026-03-01", "Period") == "2026-03-01  (frozen)", "03-01 is not marked frozen")
    listed = session.cli("publications", path)
    check("March for the client" in listed.stdout, "the publication is not listed: %r" % listed.stdout)

    # The list of publications, from the Report page.
    click(wait_for("the Publications button", lambda: button(project, "Publications")))
    publications = frame_named(app, "Publications")
    wait_for("the publication in the list", lambda: next(
        (l for l in find_all(publications, role="label") if "March for the client" in l.name), None))
    click(wait_for("the Close button", lambda: button(publications, "Close")))

    # A late deal on the published 03-02: the banner, and the published total.
    import_through_wizard(session, app, project, os.path.join(FIXTURES, "hubspot-deals-late.csv"))
    select_page(project, "Report")
    wait_for("the banner about the published days",
             lambda: label_starting(project, "2 published days have new data"))
    check(total(project, "CRM revenue") == "650.00", "the published total changed: %s" % total(project, "CRM revenue"))
    check(report_cell(project, "2026-03-02", "CRM revenue") == "0.00", "the frozen 03-02 shows the late deal")

    # The banner opens the restatements; accepting them shows the new numbers.
    click(wait_for("the Review button", lambda: button(project, "Review…")))
    review = frame_named(app, "Published Days With New Numbers")
    wait_for("the day and its change", lambda: next(
        (l for l in find_all(review, role="label") if l.name.startswith("2026-03-02: ") and "→ 80.00 (+80.00)" in l.name),
        None))
    fill_field(review, "Why the published numbers change (kept in the project’s log)", "Late CRM export")
    check(next((l for l in find_all(review, role="label")
                if l.name.startswith("2026-02-28: ") and "CRM leads 1 → 2 (+1)" in l.name), None) is not None,
          "the lead of 02-28 is not listed")
    click(wait_for("the Restate button", lambda: button(review, "Restate 2 Days")))
    wait_total(project, "CRM revenue", "730.00")
    check(report_cell(project, "2026-03-02", "CRM revenue") == "80.00", "03-02 does not show the restated deal")
    restatements = session.cli("restatements", path)
    check("No frozen day has new data." in restatements.stdout and "Late CRM export" in restatements.stdout,
          "the restatement is not logged: %r" % restatements.stdout)


run(test)
