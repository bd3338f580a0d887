# test_wizard_rejects.py: rows the wizard cannot read, listed before anything is written
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A person imports an Ads Manager export with two bad rows. The wizard
# lists both, with their line, column and the text as written, and writes
# nothing; Back returns to the columns. "Skip 2 Rows and Import the Rest"
# imports the other three, the summary names the lines left out, and the
# batch records them.
#
# The fixture (tests/fixtures/e2e/meta-ads-rejects.csv), by hand:
#   line 2  2026-03-01  spend 100.00
#   line 3  2026-03-02  spend "ten"          rejected: not an amount
#   line 4  2026-03-03  spend 150.25
#   line 5  2026-02-30  spend 80.00          rejected: no such day
#   line 6  2026-03-04  spend 45.50
# Spend of the three valid rows: 100.00 + 150.25 + 45.50 = 295.75;
# impressions 5000 + 5500 + 2000 = 12500.

import json
import os
import sqlite3

from tallytest import (FIXTURES, button, check, choose_file, click, find, find_all, frame_named, import_through_wizard,
                       press, run,
                       select_page, shot, total, wait_for, wait_total, wizard_summary)

EXPORT = os.path.join(FIXTURES, "meta-ads-rejects.csv")
# A real export in euros (tests/fixtures/samples/real/SOURCES.md).
EUROS = os.path.join(os.path.dirname(FIXTURES), "samples", "real", "meta-isn-eur",
                     "ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv")
TITLE = "“meta-ads-rejects.csv” has 2 rows Tally cannot read"
ROWS = ("Line 3, “Amount spent (USD)”: “ten” is not an amount",
        "Line 5, “Day”: “2026-02-30” is not a date")
SKIP = "Skip 2 Rows and Import the Rest"


def batches(session, path):
    result = session.cli("batches", path, "--json")
    check(result.returncode == 0, "tally-cli batches failed: %s" % result.stderr)
    return json.loads(result.stdout)


def offered(node, label):
    """Whether a button is there to press. GTK 4.8 leaves hidden widgets
    out of the accessible tree, and does not keep "showing" up to date."""
    found = button(node, label)
    return found is not None and found.sensitive


def problem_rows(wizard):
    """The accessible names of the problems list's rows."""
    return [n.name for n in find_all(wizard, role="list item") if n.name.startswith(("Line ", "And "))]


def wait_problems(wizard):
    wait_for("the problems step", lambda: find(wizard, role="label", name=TITLE), timeout=60)
    return wait_for("both rejected rows", lambda: (lambda rows: rows if len(rows) == 2 else None)(problem_rows(wizard)))


def test(session):
    path = session.path("Rejects.tally")
    result = session.cli("new", path, "--timezone", "America/Bogota", "--currency", "USD", "--name", "Rejects")
    check(result.returncode == 0, "tally-cli new failed: %s" % result.stderr)
    app = session.start(path)
    project = frame_named(app, "Rejects — Tally")

    click(wait_for("the Import button", lambda: button(project, "Import…")))
    choose_file(app, "Choose Files to Import", EXPORT, "Import")
    wizard = frame_named(app, "Import Files")
    wait_for("the file in the wizard", lambda: find(wizard, role="label", name="meta-ads-rejects.csv"))
    click(wait_for("the wizard's Import button", lambda: button(wizard, "Import")))

    # Every rejected row, each read as one sentence with its raw text.
    rows = wait_problems(wizard)
    shot("wizard-problems")
    for expected, row in zip(ROWS, rows):
        check(row.startswith(expected), "a problem row reads %r, not %r…" % (row, expected))
    labels = [l.name for l in find_all(wizard, role="label")]
    for text in ("Line 3", "Line 5", "Amount spent (USD)", "Day"):
        check(text in labels, "the problems list has no label %r: %r" % (text, labels))
    check(any("“ten”" in l for l in labels) and any("“2026-02-30”" in l for l in labels),
          "the raw text of the rows is not shown: %r" % labels)
    check(not offered(wizard, "Import"), "the header bar's Import is still offered on the problems step")

    # Nothing is written yet: no batch, no spend.
    check(batches(session, path) == [], "a batch was written before the rows were skipped")
    select_page(project, "Report")
    check(total(project, "Spend") in (None, "0.00"), "the report shows spend before the import")

    # Back to the columns (Alt+B), and Import again: the same two rows.
    wait_for("the Back button", lambda: button(wizard, "Back"))
    press("<Alt>b")
    wait_for("the mapping step", lambda: offered(wizard, "Import") and not offered(wizard, SKIP))
    click(wait_for("the wizard's Import button", lambda: button(wizard, "Import")))
    wait_problems(wizard)
    check(batches(session, path) == [], "going back wrote a batch")

    # The explicit choice, then what was left out.
    click(wait_for("the %s button" % SKIP, lambda: button(wizard, SKIP)))
    summary = wizard_summary(wizard)
    shot("wizard-summary")
    check("2 rows were left out: lines 3 and 5" in summary, "the summary says %r" % summary)
    check("3 rows added, 0 replaced, 2 skipped" in summary, "the summary says %r" % summary)
    check("Spend: 0.00 to 295.75" in summary, "the summary says %r" % summary)
    click(wait_for("the Done button", lambda: button(wizard, "Done")))
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))
    wait_total(project, "Spend", "295.75")

    # The batch: three rows, two skipped, and the skipped lines recorded.
    listed = batches(session, path)
    check(len(listed) == 1 and listed[0]["rows"] == 3 and listed[0]["skipped"] == 2,
          "the batches are %r" % listed)
    with sqlite3.connect("file:%s?mode=ro" % path, uri=True) as db:
        recorded = db.execute("SELECT line, column_name FROM import_issues WHERE batch_id = ? AND severity = 'rejected' "
                              "ORDER BY line", (listed[0]["id"],)).fetchall()
    check(recorded == [(3, "Amount spent (USD)"), (5, "Day")], "the batch records %r" % recorded)

    report = json.loads(session.cli("report", path, "--json").stdout)
    check(report["totals"]["spend"] == 295.75, "spend is %r, not 295.75" % report["totals"]["spend"])
    check(report["totals"]["impressions"] == 12500, "impressions are %r" % report["totals"]["impressions"])

    # Euros in this dollar project with no rates: the summary says their
    # spend is left out until rates are imported, and the total keeps it out.
    summary = import_through_wizard(session, app, project, EUROS)
    check("no exchange rate between them yet" in summary and "EUR" in summary,
          "the summary does not say the euros have no rate: %r" % summary)
    wait_total(project, "Spend", "295.75")


run(test)
