# test_report_flow.py: from two exports to a report, as a marketer does it
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A person creates a project, imports a Meta Ads Manager export and a
# HubSpot deals export through the wizard, reads the report's totals, moves
# the reporting timezone and sees a sale change days, undoes the CRM batch,
# and adds a KPI that is still there when the project is opened again.
#
# The fixtures (tests/fixtures/e2e/) by hand, in the project's timezone
# America/Bogota (UTC-5, the test's system zone):
#   Meta: 2026-03-01 spend 100.00, 3 purchases worth 600.00;
#         2026-03-02 spend 150.00, 2 purchases worth 450.00.
#         Spend 250.00, Meta value 1,050.00, Meta ROAS 4.20, CPA 50.00.
#   HubSpot: deal 501, 400.00, facebook, won 2026-03-01 18:00Z (13:00 in
#         Bogota); deal 502, 250.00, facebook, won 2026-03-02 03:30Z, which
#         is 22:30 on 03-01 in Bogota; deal 503, 100.00, from google, is not
#         Meta-sourced.
#         CRM revenue 650.00 from 2 customers, all on 03-01; CRM ROAS 2.60;
#         ROAS gap 2.60 - 4.20 = -1.60; CRM CAC 250 / 2 = 125.00.
#   In UTC, deal 502 is won on 03-02: 03-01 has 400.00 and 03-02 250.00.

import os

from tallytest import (FIXTURES, button, check, choose_in_dropdown, click, fill_field, find, find_all, frame_named,
                       import_through_wizard, press, report_cell, run, select_page, total, type_text, wait_for,
                       wait_total)


def create_project(session, app):
    frame = frame_named(app, "Tally")
    click(wait_for("the New Project button", lambda: button(frame, "New Project…")))
    dialog = frame_named(app, "New Project")
    wait_for("the name field", lambda: find(dialog, role="text"))
    press("<Control>a")
    type_text(session.path("Flow"))
    press("Return")
    return frame_named(app, "Flow — Tally")


def test(session):
    app = session.start()
    project = create_project(session, app)
    path = session.path("Flow.tally")
    check(os.path.exists(path), "the project file was not created")

    # The empty report offers the import; the wizard recognizes the export
    # and has mapped its spend column.
    def check_meta(wizard):
        check(find(wizard, role="label",
                   name="Recognized as a Meta Ads Manager export (83 % of its expected columns found).") is not None,
              "the wizard did not recognize the Meta export")
        wait_for("the spend column mapped to the spend",
                 lambda: find(wizard, role="combo box", name="What “Amount spent (USD)” holds: Amount spent"))

    def check_file(wizard):
        if find(wizard, role="label", name="meta-ads-march.csv"):
            check_meta(wizard)
        else:
            wait_for("the deals file recognized", lambda: find(
                wizard, role="label", name="Recognized as a HubSpot deals export (88 % of its expected columns found)."))
            wait_for("the close date mapped to the won time",
                     lambda: find(wizard, role="combo box", name="What “Close Date” holds: Won"))

    # Both exports at once: the person selects the two files in the chooser.
    summary = import_through_wizard(session, app, project, [os.path.join(FIXTURES, "meta-ads-march.csv"),
                                                            os.path.join(FIXTURES, "hubspot-deals-march.csv")],
                                    check_file)
    check("2 files imported" in summary, "the summary says %r" % summary)
    check("Spend: 0.00 to 250.00" in summary, "the summary says %r" % summary)
    check("Meta purchase value: 0.00 to 1,050.00" in summary, "the summary says %r" % summary)
    check("CRM revenue: 0.00 to 650.00" in summary, "the summary says %r" % summary)
    check("New customers: 0 to 2" in summary, "the summary says %r" % summary)

    # The report, read from the screen.
    select_page(project, "Report")
    wait_total(project, "CRM revenue", "650.00")
    for name, value in (("Spend", "250.00"), ("Meta value", "1,050.00"), ("Meta purchases", "5"),
                        ("Meta ROAS", "4.20"), ("CRM customers", "2"), ("CRM ROAS", "2.60"),
                        ("ROAS gap", "-1.60"), ("Meta CPA", "50.00"), ("CRM CAC", "125.00")):
        check(total(project, name) == value, "the total %s is %r, not %s" % (name, total(project, name), value))
    check(report_cell(project, "2026-03-01", "CRM revenue") == "650.00", "03-01 does not hold both sales")
    check(report_cell(project, "2026-03-02", "CRM revenue") == "0.00", "03-02 has CRM revenue")

    # In UTC, the sale at 03:30 UTC belongs to 03-02.
    select_page(project, "Settings")
    choose_in_dropdown(project, "Reporting timezone", "UTC")
    wait_for("the timezone saved", lambda: session.cli("get", path, "timezone").stdout == "UTC\n")
    select_page(project, "Report")
    wait_for("the report in UTC", lambda: report_cell(project, "2026-03-02", "CRM revenue") == "250.00")
    check(report_cell(project, "2026-03-01", "CRM revenue") == "400.00", "03-01 still holds deal 502")
    check(total(project, "CRM revenue") == "650.00", "the total moved with the timezone")

    # Undoing the CRM batch empties the CRM columns.
    select_page(project, "Data")
    row = wait_for("the deals batch", lambda: next((r for r in find_all(project, role="table row")
                                                     if find(r, role="label", name="hubspot-deals-march.csv")), None))
    click(button(row, "Undo…"))
    click(wait_for("the Undo Import button", lambda: button(app, "Undo Import")))
    select_page(project, "Report")
    wait_total(project, "CRM revenue", "0.00")
    check(total(project, "CRM customers") == "0", "CRM customers remain after the undo")
    check(total(project, "Spend") == "250.00", "the Meta batch went too")

    # A custom KPI, still there when the project is opened again.
    select_page(project, "Dictionary")
    click(wait_for("the Add KPI button", lambda: button(project, "Add KPI…")))
    dialog = frame_named(app, "Add KPI")
    fill_field(dialog, "Name", "Margin after ads")
    fill_field(dialog, "Definition", "What the CRM revenue leaves after the spend, per unit of revenue.")
    fill_field(dialog, "Formula", "(revenue_net - spend) / revenue_net")
    click(wait_for("the Save button", lambda: button(dialog, "Save")))
    wait_for("the new KPI in the list", lambda: find(project, role="label", name="Margin after ads"))

    press("<Control>q")
    session.wait_exit()
    app = session.start(path)
    project = frame_named(app, "Flow — Tally")
    select_page(project, "Dictionary")
    wait_for("the KPI after reopening", lambda: find(project, role="label", name="Margin after ads"))
    check(find(project, role="label", name="(revenue_net - spend) / revenue_net") is not None,
          "the KPI's formula is not shown after reopening")


run(test)
