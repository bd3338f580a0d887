# test_wizard_keyboard.py: the import wizard with the keyboard alone
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An analyst imports a shop's orders without touching the mouse: Ctrl+I,
# Ctrl+L and the path, the wizard's mnemonics to import and to answer its
# question about the decimal separator, and Escape to cancel. Nothing a
# cancelled wizard touched is written.
#
# The fixture, by hand: orders 601 ("1,500") and 602 ("2,250"), both from
# facebook, won on 2026-03-03. Read with a decimal point they are 1,500.00
# and 2,250.00: CRM revenue 3,750.00 from 2 new customers.

import json
import os
import time

from tallytest import (FIXTURES, check, find, find_all, frame_named, press, run, total,
                       type_text, wait_for, wait_total, wizard_summary)

ORDERS = os.path.join(FIXTURES, "shop-orders-ambiguous.csv")


def open_wizard(app, path):
    press("<Control>i")
    dialog = frame_named(app, "Choose Files to Import")
    wait_for("the file chooser", lambda: find(dialog, role="table") or find(dialog, role="text"))
    time.sleep(1)
    press("<Control>l")
    type_text(path)
    time.sleep(0.5)
    press("Return")
    wizard = frame_named(app, "Import Files")
    wait_for("the file in the wizard", lambda: find(wizard, role="label", name=os.path.basename(path)))
    time.sleep(0.5)
    return wizard


def batches(session, path):
    return json.loads(session.cli("batches", path, "--json").stdout)


def test(session):
    path = session.path("Keys.tally")
    session.cli("new", path, "--name", "Keys", "--currency", "USD")
    app = session.start(path)
    project = frame_named(app, "Keys — Tally")

    # Import: Alt+I. The wizard asks how "1,500" reads; Alt+P answers a point.
    wizard = open_wizard(app, ORDERS)
    press("<Alt>i")
    wait_for("the decimal question",
             lambda: find(wizard, role="label", name="Which decimal separator does this file use?"))
    check(find(wizard, role="label", name="The column “Amount” has numbers such as “1,500”, which read two ways.")
          is not None, "the question does not name the column and its example")
    press("<Alt>p")
    press("<Alt>i")
    summary = wizard_summary(wizard)
    check("CRM revenue: 0.00 to 3,750.00" in summary, "the summary says %r" % summary)
    check("New customers: 0 to 2" in summary, "the summary says %r" % summary)
    press("<Alt>d")
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))
    wait_total(project, "CRM revenue", "3,750.00")
    check(len(batches(session, path)) == 1, "the import is not one batch")

    # The same file again is refused, in the wizard, naming the batch; Escape
    # leaves without writing anything.
    wizard = open_wizard(app, ORDERS)
    press("<Alt>i")
    wait_for("the refusal", lambda: any("already imported" in l.name for l in find_all(wizard, role="label")))
    press("Escape")
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))

    # Escape on the first step of another file writes nothing either.
    wizard = open_wizard(app, os.path.join(FIXTURES, "meta-ads-march.csv"))
    press("Escape")
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))
    check(len(batches(session, path)) == 1, "a cancelled wizard wrote a batch")
    check(total(project, "CRM revenue") == "3,750.00", "the report changed after a cancel")


run(test)
