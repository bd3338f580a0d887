# test_new_project.py: a person creates a project and sees its settings
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import os

from tallytest import (button, check, click, fail, find, find_all, frame_named, press, run, select_page,
                       type_text, wait_for)


def settings_value(frame, title):
    """What a setting's drop-down shows, as it tells a screen reader."""
    for node in find_all(frame, role="combo box", name=title):
        return node.description
    return None


def test(session):
    # A size saved by an earlier session is where the window opens.
    config_dir = session.path(".config", "glib-2.0", "settings")
    os.makedirs(config_dir)
    with open(os.path.join(config_dir, "keyfile"), "w") as f:
        f.write("[io/github/tallyapp/Tally]\nwindow-width=1000\nwindow-height=700\n")

    app = session.start()
    frame = frame_named(app, "Tally")
    width, height = frame.size
    check(abs(width - 1000) <= 40 and abs(height - 700) <= 80,
          "the window opened at %dx%d, not the saved 1000x700" % (width, height))

    # The empty window offers to make a project.
    click(wait_for("the New Project button", lambda: button(frame, "New Project…")))

    # The file chooser asks where; the person types a name and presses Enter.
    dialog = frame_named(app, "New Project")
    wait_for("the name field", lambda: find(dialog, role="text"))
    press("<Control>a")
    type_text(session.path("Acme Hogar"))
    press("Return")

    # The window now shows the new project's rules and settings.
    project = frame_named(app, "Acme Hogar — Tally")
    path = session.path("Acme Hogar.tally")
    check(os.path.exists(path), "the project file was not created at " + path)

    select_page(project, "Settings")
    wait_for("the settings page", lambda: settings_value(project, "Reporting timezone"))
    check(settings_value(project, "Reporting timezone") == "America/Bogota",
          "timezone shows %r" % settings_value(project, "Reporting timezone"))
    check(settings_value(project, "Attribution window") == "7-day click or 1-day view",
          "attribution window shows %r" % settings_value(project, "Attribution window"))
    check(settings_value(project, "Reporting currency") == "USD — US Dollar",
          "currency shows %r" % settings_value(project, "Reporting currency"))
    check(settings_value(project, "CRM timezone") == "Same as the reporting timezone (America/Bogota)",
          "crm_timezone shows %r" % settings_value(project, "CRM timezone"))

    rules = wait_for("the rules bar", lambda: find(project, role="panel", name="Rules in force"))
    check(any("Timezone: America/Bogota" in label.name for label in find_all(rules, role="label")),
          "the rules bar does not show the timezone")

    # The dictionary page lists the KPIs.
    select_page(project, "Dictionary")
    wait_for("the CRM CAC entry", lambda: find(project, role="label", name="CRM CAC"))
    check(find(project, role="label", name="spend / new_customers") is not None,
          "the CAC formula is not shown")

    # What the window shows is what the file holds.
    result = session.cli("get", path, "timezone")
    check(result.stdout == "America/Bogota\n", "tally-cli reads %r" % result.stdout)

    # Closing the window saves its size.
    press("<Control>q")
    session.wait_exit()
    saved = configparser.ConfigParser()
    saved.read(os.path.join(config_dir, "keyfile"))
    check(saved.has_option("io/github/tallyapp/Tally", "window-width"), "the window size was not saved")
    check(saved.has_option("io/github/tallyapp/Tally", "recent-projects"), "the project is not in the recent list")
    if "Acme Hogar.tally" not in saved.get("io/github/tallyapp/Tally", "recent-projects"):
        fail("the recent list does not name the new project")


run(test)
