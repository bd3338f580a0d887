# test_pull.py: connecting to Meta, pulling its insights and the ECB's
# rates from the app
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A person connects the client's project to Meta from the main menu:
# pastes a token, asks for the accounts it sees, picks the client's and
# connects (the token goes to a real gnome-keyring in the test's D-Bus
# session). Then "Pull from Meta" fetches the account's insights with a
# progress bar and says what came, and "Update Exchange Rates" does the
# same for the ECB's feed. The servers are a small web server on loopback
# that answers with the recorded samples (tests/fixtures/samples):
#   Airbyte's insights, one ad on 2023-06-01, spend 14.35 + 8.53 = 22.88;
#   the ECB's daily file, 30 currencies on 2025-05-09.

import http.server
import os
import subprocess
import threading
import time

from tallytest import (FIXTURES, button, check, click, find_all, frame_named, press, run, select_page,
                       shot, type_text, wait_for, wait_total)

TOKEN = "EAAB-e2e-token-41d0c3"
SAMPLES = os.path.join(os.path.dirname(FIXTURES), "samples")
ACCOUNT = ('{"id":"act_798085168510957","account_id":"798085168510957","name":"Porsche Riverside",'
           '"currency":"USD","timezone_name":"America/Bogota"}')


def answers():
    with open(os.path.join(SAMPLES, "airbyte-fb-marketing", "ads_insights_action_product_id.json"), "rb") as f:
        insights = f.read()
    with open(os.path.join(SAMPLES, "ecb", "eurofxref-daily.xml"), "rb") as f:
        rates = f.read()
    return {
        "/v25.0/me/adaccounts": b'{"data":[' + ACCOUNT.encode() + b']}',
        "/v25.0/act_798085168510957": ACCOUNT.encode(),
        "/v25.0/act_798085168510957/insights": insights,
        "/stats/eurofxref/eurofxref-daily.xml": rates,
    }


class Meta(http.server.BaseHTTPRequestHandler):
    seen = []
    slow = threading.Event()

    def do_GET(self):
        path, _, query = self.path.partition("?")
        Meta.seen.append((path, query))
        if Meta.slow.is_set() and path.endswith("/insights"):
            time.sleep(20)
        body = answers().get(path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


def start_keyring(session):
    """A real Secret Service in the test's D-Bus session, unlocked."""
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"], input=b"tally-e2e",
                            env=session.env, capture_output=True, check=False)
    check(daemon.returncode == 0, "gnome-keyring-daemon did not start: %r" % daemon.stderr)


def menu_item(app, label):
    press("F10")
    return wait_for("the menu item " + label,
                    lambda: next((m for m in find_all(app, role="menu item") if m.name == label), None))


def label_containing(node, part):
    return next((l for l in find_all(node, role="label") if part in l.name), None)


def test(session):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Meta)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    start_keyring(session)
    session.env.pop("TALLY_META_TOKEN", None)

    path = session.path("Porsche.tally")
    for args in (("new", path, "--timezone", "America/Bogota", "--currency", "USD", "--name", "Porsche"),
                 ("set", path, "meta_api_base_url", base),
                 ("set", path, "fx_feed_url", base + "/stats/eurofxref/eurofxref-daily.xml")):
        result = session.cli(*args)
        check(result.returncode == 0, "tally-cli %s failed: %s" % (args[0], result.stderr))

    app = session.start(path)
    project = frame_named(app, "Porsche — Tally")

    # Connect: the token, the accounts it sees, the client's.
    click(menu_item(project, "Connect to Meta…"))
    dialog = frame_named(app, "Connect to Meta")
    entry = wait_for("the token field", lambda: next((n for n in find_all(dialog)
                                                      if n.roleName in ("password text", "text", "entry")), None))
    entry.click()
    type_text(TOKEN)
    click(wait_for("the Show Accounts button", lambda: button(dialog, "Show Accounts")))
    wait_for("the client's account", lambda: label_containing(dialog, "Porsche Riverside — act_798085168510957"))
    shot("connect-dialog")
    click(wait_for("the Connect button", lambda: button(dialog, "Connect")))
    wait_for("the dialog to close", lambda: not any(c.name == "Connect to Meta" for c in app.children))
    account = session.cli("get", path, "meta_account_id")
    check(account.stdout.strip() == "act_798085168510957", "the account was not kept: %r" % account.stdout)
    check(any("access_token=" + TOKEN in q for p, q in Meta.seen if p == "/v25.0/me/adaccounts"),
          "the accounts were not asked with the token")

    # Pull from Meta, with the token from the keyring.
    click(menu_item(project, "Pull from Meta"))
    pull = frame_named(app, "Pull from Meta")
    wait_for("what the pull brought", lambda: label_containing(pull, "2 rows added, 0 replaced"), timeout=60)
    shot("pull-dialog")
    click(wait_for("the Close button", lambda: button(pull, "Close")))
    wait_for("the dialog to close", lambda: not any(c.name == "Pull from Meta" for c in app.children))
    check(any("access_token=" + TOKEN in q for p, q in Meta.seen if p.endswith("/insights")),
          "the insights were not asked with the keyring's token")
    select_page(project, "Report")
    wait_total(project, "Spend", "22.88")

    # Update the exchange rates from the ECB's feed.
    click(menu_item(project, "Update Exchange Rates"))
    rates = frame_named(app, "Update Exchange Rates")
    wait_for("what the update brought", lambda: label_containing(rates, "30 rows added"), timeout=60)
    click(wait_for("the Close button", lambda: button(rates, "Close")))

    # A pull cancelled while Meta is slow to answer writes nothing.
    before = session.cli("batches", path, "--json").stdout
    Meta.slow.set()
    click(menu_item(project, "Pull from Meta"))
    pull = frame_named(app, "Pull from Meta")
    click(wait_for("the Cancel button", lambda: button(pull, "Cancel")))
    wait_for("the pull to say it was cancelled", lambda: label_containing(pull, "Cancelled: nothing was written."))
    click(wait_for("the Close button", lambda: button(pull, "Close")))
    check(session.cli("batches", path, "--json").stdout == before, "the cancelled pull wrote a batch")

    with open(path, "rb") as f:
        check(TOKEN.encode() not in f.read(), "the token is in the project file")
    server.shutdown()


if __name__ == "__main__":
    run(test)
