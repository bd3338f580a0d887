# tallytest.py: what the dogtail tests share
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each test gets a fresh HOME (so the file chooser, the demo folder and the
# saved window size are its own), starts the real `tally` binary, and acts
# on it through the accessibility bus as a person would: clicking buttons,
# typing, reading labels.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from dogtail.config import config

# GTK 4 talks to the accessibility bus whatever this GNOME key says.
config.checkForA11y = False
config.searchCutoffCount = 20
config.defaultDelay = 0.3
config.logDebugToFile = False

from dogtail import predicate, rawinput, tree  # noqa: E402

APP = os.environ["TALLY_APP"]
CLI = os.environ["TALLY_CLI"]


class Session:
    """A scratch home folder and the app running in it."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="tally-e2e-")
        self.env = dict(os.environ)
        self.env["HOME"] = self.home
        self.env["XDG_CONFIG_HOME"] = os.path.join(self.home, ".config")
        self.env["XDG_DATA_HOME"] = os.path.join(self.home, ".local", "share")
        self.env["XDG_CACHE_HOME"] = os.path.join(self.home, ".cache")
        self.env["GSETTINGS_BACKEND"] = "keyfile"
        self.env["GSK_RENDERER"] = "cairo"
        self.process = None
        self.app = None

    def path(self, *parts):
        return os.path.join(self.home, *parts)

    def start(self, *args):
        self.process = subprocess.Popen([APP, *args], env=self.env, cwd=self.home)
        deadline = time.time() + 30
        while time.time() < deadline:
            for child in tree.root.children:
                if child.name == "tally":
                    self.app = child
                    return self.app
            time.sleep(0.3)
        fail("the app did not appear on the accessibility bus")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.app = None

    def wait_exit(self, timeout=10):
        return self.process.wait(timeout)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def cli(self, *args):
        return subprocess.run([CLI, *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True)


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def wait_for(what, find, timeout=20):
    """Polls find() until it returns something true, or fails the test."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            found = find()
        except Exception:  # the tree changes under our feet while GTK works
            found = None
        if found:
            return found
        time.sleep(0.3)
    fail("timed out waiting for " + what)


def find_all(node, role=None, name=None):
    return node.findChildren(lambda n: (role is None or n.roleName == role) and
                             (name is None or n.name == name),
                             showingOnly=False)


def find(node, role=None, name=None):
    found = find_all(node, role, name)
    return found[0] if found else None


def button(node, label):
    """A push button by the text on it. GTK 4.8 names a button with a
    mnemonic "_Close Close", so its label child is what we match."""
    for b in find_all(node, role="push button"):
        if b.name == label or any(c.roleName == "label" and c.name == label for c in b.children):
            return b
    return None


def frame_named(app, title):
    return wait_for("a window titled " + title,
                    lambda: next((c for c in app.children if c.name == title), None))


def click(node):
    node.doActionNamed("click")


def type_text(text):
    rawinput.typeText(text)


def press(combo):
    rawinput.keyCombo(combo)


def run(test):
    session = Session()
    try:
        test(session)
    finally:
        session.cleanup()
    print("PASS")
