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

from dogtail import rawinput, tree  # noqa: E402

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


def shot(name):
    """With TALLY_E2E_SHOTS set to a folder, a screenshot of the screen as
    the test sees it, to look at what was built."""
    folder = os.environ.get("TALLY_E2E_SHOTS")
    if folder and shutil.which("import"):
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")], check=False)


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


# The app's pages ------------------------------------------------------------

FIXTURES = os.environ.get("TALLY_E2E_FIXTURES", "")

REPORT_COLUMNS = ["Period", "Spend", "Meta purchases", "Meta value", "Meta ROAS", "CRM customers",
                  "CRM revenue", "CRM ROAS", "ROAS gap", "Meta CPA", "CRM CAC"]


def select_page(frame, title):
    click(wait_for("the %s tab" % title, lambda: find(frame, role="page tab", name=title)))


def total(frame, name):
    """A total under the report, as its label reads to a screen reader."""
    prefix = "Total %s: " % name
    for label in find_all(frame, role="label"):
        if label.name.startswith(prefix):
            return label.name[len(prefix):]
    return None


def wait_total(frame, name, value, timeout=30):
    return wait_for("the total %s to be %s" % (name, value), lambda: total(frame, name) == value, timeout)


def report_cell(frame, key, column):
    """The report's cell of the row @key (a day, week, month or campaign)."""
    index = REPORT_COLUMNS.index(column)
    for row in find_all(frame, role="table row"):
        cells = [c for c in row.children if c.roleName == "table cell"]
        if len(cells) != len(REPORT_COLUMNS):
            continue
        first = find(cells[0], role="label")
        if first is not None and first.name.split("  ")[0] == key:
            label = find(cells[index], role="label")
            return label.name if label is not None else None
    return None


def choose_file(app, title, path, accept):
    """Types @path in the file chooser titled @title, as Ctrl+L lets one,
    and clicks its @accept button."""
    dialog = frame_named(app, title)
    wait_for("the file chooser", lambda: find(dialog, role="table") or find(dialog, role="text"))
    time.sleep(1)  # the chooser takes the keyboard once it has listed its folder
    press("<Control>l")
    type_text(path)
    time.sleep(0.5)
    click(wait_for("the %s button" % accept, lambda: button(dialog, accept)))


def wizard_summary(wizard):
    """The lines of the wizard's last page: files, and how the totals moved."""
    wait_for("the wizard's summary", lambda: any(l.name.endswith("imported") for l in find_all(wizard, role="label")),
             timeout=120)
    return "\n".join(l.name for l in find_all(wizard, role="label"))


def choose_files(app, title, folder, accept):
    """Opens @folder in the file chooser titled @title, selects all it
    holds (Ctrl+A) and clicks @accept."""
    dialog = frame_named(app, title)
    wait_for("the file chooser", lambda: find(dialog, role="table") or find(dialog, role="text"))
    time.sleep(1)
    press("<Control>l")
    type_text(folder.rstrip("/") + "/")
    time.sleep(0.5)
    press("Return")
    time.sleep(1.5)  # the folder's files are listed, and the list takes the keyboard
    press("<Control>a")
    time.sleep(0.5)
    click(wait_for("the %s button" % accept, lambda: button(dialog, accept)))


def import_through_wizard(session, app, frame, paths, inspect=None):
    """Imports files with the Import button and the wizard, clicking. Several
    files are put in a folder of their own and all chosen at once."""
    if isinstance(paths, str):
        paths = [paths]
    click(wait_for("the Import button", lambda: button(frame, "Import…")))
    if len(paths) == 1:
        choose_file(app, "Choose Files to Import", paths[0], "Import")
    else:
        folder = tempfile.mkdtemp(prefix="exports-", dir=session.home)
        for path in paths:
            shutil.copy(path, folder)
        choose_files(app, "Choose Files to Import", folder, "Import")
    wizard = frame_named(app, "Import Files")
    for index in range(len(paths)):
        wait_for("file %d in the wizard" % (index + 1),
                 lambda: any(l.name.startswith("File %d of %d" % (index + 1, len(paths))) or
                             (len(paths) == 1 and l.name.startswith("File 1 of 1"))
                             for l in find_all(wizard, role="label")))
        if inspect is not None:
            inspect(wizard)
        click(wait_for("the wizard's Import button", lambda: button(wizard, "Import")))
    summary = wizard_summary(wizard)
    shot("wizard-summary-last")
    click(wait_for("the Done button", lambda: button(wizard, "Done")))
    wait_for("the wizard to close", lambda: not any(c.name == "Import Files" for c in app.children))
    return summary


def choose_in_dropdown(frame, name, value):
    """Picks @value in the searchable drop-down named @name: a click opens
    it (GTK 4.8 drop-downs take no accessible actions), typing searches,
    Return picks the first match."""
    dropdown = wait_for("the %s drop-down" % name,
                        lambda: next((n for n in find_all(frame, role="combo box", name=name)), None))
    dropdown.click()
    time.sleep(1)
    type_text(value)
    time.sleep(0.5)
    press("Return")
    wait_for("%s to show %s" % (name, value), lambda: dropdown.description == value)


def fill_field(frame, name, text):
    """Types @text into the field named @name, clicked to take the keyboard."""
    field = wait_for("the %s field" % name,
                     lambda: next((n for n in find_all(frame, name=name) if n.roleName in ("text", "entry")), None))
    field.click()
    time.sleep(0.3)
    press("<Control>a")
    type_text(text)
