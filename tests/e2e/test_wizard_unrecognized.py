# test_wizard_unrecognized.py: a file the wizard does not recognize,
# mapped by hand
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A person imports a CSV whose columns match no source. The wizard says so
# and shows a drop-down for each column at once (it once showed none until
# the source was switched away and back); Import stays off, naming the
# field the file still needs, until a column is chosen for it. Mapped
# "Fecha" as the day, "Campana" as the campaign's name and "Gasto" as the
# amount spent, the two rows import: spend 12.50 + 7.50 = 20.00 by hand
# (in the project's USD, the file naming no currency).

import json
import time

from tallytest import button, check, choose_file, click, find_all, frame_named, press, run, shot, wait_for


def column_dropdown(wizard, header):
    prefix = "What “%s” holds: " % header
    return wait_for("the drop-down of " + header, lambda: next(
        (n for n in find_all(wizard, role="combo box") if n.name.startswith(prefix)), None))


def pick(wizard, header, field, downs):
    """Opens the column's drop-down and walks down its list with the
    keyboard to @field, @downs rows below "— Not imported —"."""
    column_dropdown(wizard, header).click()
    time.sleep(1)
    for _ in range(downs):
        press("Down")
        time.sleep(0.1)
    press("Return")
    wait_for("%s to hold %s" % (header, field), lambda: column_dropdown(wizard, header).name.endswith(": " + field))


def label_starting(node, prefix):
    return next((l for l in find_all(node, role="label") if l.name.startswith(prefix)), None)


def test(session):
    export = session.path("gastos.csv")
    with open(export, "w") as f:
        f.write("Fecha,Campana,Gasto\n2026-03-01,Verano,12.50\n2026-03-02,Verano,7.50\n")
    path = session.path("Gastos.tally")
    result = session.cli("new", path, "--timezone", "America/Bogota", "--currency", "USD", "--name", "Gastos")
    check(result.returncode == 0, "tally-cli new failed: %s" % result.stderr)

    app = session.start(path)
    project = frame_named(app, "Gastos — Tally")
    click(wait_for("the Import button", lambda: button(project, "Import…")))
    choose_file(app, "Choose Files to Import", export, "Import")
    wizard = frame_named(app, "Import Files")
    wait_for("the wizard saying it does not recognize the file",
             lambda: label_starting(wizard, "Tally does not recognize this file"))
    for header in ("Fecha", "Campana", "Gasto"):
        column_dropdown(wizard, header)
    shot("wizard-unrecognized")
    wait_for("the field the file still needs", lambda: label_starting(wizard, "Choose the column that holds “Day”"))
    shot("wizard-unrecognized")
    check(not button(wizard, "Import").sensitive, "Import is on with no day mapped")

    # Meta's fields, in order: Reporting starts, Reporting ends, Day, …,
    # Attribution setting, Currency (13th), Amount spent (14th).
    pick(wizard, "Fecha", "Day", 3)
    pick(wizard, "Campana", "Campaign name", 7)
    pick(wizard, "Gasto", "Amount spent", 14)
    wait_for("Import to turn on", lambda: button(wizard, "Import").sensitive)
    click(button(wizard, "Import"))
    click(wait_for("the Done button", lambda: button(wizard, "Done"), timeout=60))
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))

    batches = json.loads(session.cli("batches", path, "--json").stdout)
    check(len(batches) == 1 and batches[0]["rows"] == 2, "the batches are %r" % batches)
    report = json.loads(session.cli("report", path, "--json").stdout)
    check(report["totals"]["spend"] == 20.0, "spend is %r, not 20.00" % report["totals"]["spend"])


if __name__ == "__main__":
    run(test)
