# test_open_bad_file.py: opening a file that is not a project explains why
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib

from tallytest import button, check, click, find, find_all, frame_named, run, wait_for


def test(session):
    bad = session.path("notes.tally")
    with open(bad, "w") as f:
        f.write("Call the client on Monday.\n")
    before = hashlib.sha256(open(bad, "rb").read()).hexdigest()

    # The CLI's sentence for this file…
    cli = session.cli("get", bad)
    check(cli.returncode == 3, "tally-cli exited %d" % cli.returncode)
    sentence = cli.stderr.strip()

    # …is what the window shows when the file is opened from the command line.
    app = session.start(bad)
    dialog = wait_for("the error dialog",
                      lambda: next((c for c in app.children if c.roleName in ("alert", "dialog")), None))
    labels = [label.name for label in find_all(dialog, role="label")]
    check(sentence in labels, "the dialog says %r, not %r" % (labels, sentence))
    check("The project could not be opened" in labels, "the dialog has no title")

    click(wait_for("the Close button", lambda: button(dialog, "Close")))
    frame = frame_named(app, "Tally")
    wait_for("the empty state", lambda: find(frame, role="label", name="No Project Open"))

    after = hashlib.sha256(open(bad, "rb").read()).hexdigest()
    check(before == after, "the file was changed")


run(test)
