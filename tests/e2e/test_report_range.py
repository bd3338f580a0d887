# test_report_range.py: a report range that ends before it starts
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# On a project whose Meta data runs to today, a person types a From day
# after the data's last day as the first edit of the range and presses
# Enter, then a To day before the data's first: each once killed the app
# (the empty range was put on today, a day with data, and summed). The
# report shows an empty range instead; clearing both days brings back
# the totals. Spend by hand: 40.00 yesterday and 60.00 today, 100.00.

import datetime

import time

from tallytest import check, find_all, frame_named, press, run, select_page, type_text, wait_for, wait_total


def set_day(frame, name, text):
    """Replaces what the range field @name holds with @text (GTK 4.8 reads
    its mnemonic label twice: "From From")."""
    field = wait_for("the %s field" % name, lambda: next(
        (n for n in find_all(frame, role="text") if n.name in (name, name + " " + name)), None))
    field.click()
    time.sleep(0.3)
    press("<Control>a")
    press("BackSpace")
    if text:
        type_text(text)


def test(session):
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-5))).date()
    yesterday = today - datetime.timedelta(days=1)
    meta = session.path("meta.csv")
    with open(meta, "w") as f:
        f.write("Day,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks,Purchases,"
                "Purchases conversion value\n")
        f.write("%s,1,Verano,40.00,400,20,1,90.00\n" % yesterday.isoformat())
        f.write("%s,1,Verano,60.00,600,30,2,150.00\n" % today.isoformat())
    path = session.path("Today.tally")
    for args in (("new", path, "--timezone", "America/Bogota", "--currency", "USD", "--name", "Today"),
                 ("import", path, meta)):
        result = session.cli(*args)
        check(result.returncode == 0, "tally-cli %s failed: %s" % (args[0], result.stderr))

    app = session.start(path)
    project = frame_named(app, "Today — Tally")
    select_page(project, "Report")
    wait_total(project, "Spend", "100.00")

    set_day(project, "From", (today + datetime.timedelta(days=2)).isoformat())
    press("Return")
    wait_total(project, "Spend", "0.00")
    check(session.process.poll() is None, "the app died on a From after the data")

    set_day(project, "From", "")
    set_day(project, "To", (yesterday - datetime.timedelta(days=3)).isoformat())
    press("Return")
    wait_total(project, "Spend", "0.00")
    check(session.process.poll() is None, "the app died on a To before the data")

    set_day(project, "To", "")
    press("Return")
    wait_total(project, "Spend", "100.00")


if __name__ == "__main__":
    run(test)
