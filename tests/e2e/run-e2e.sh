#!/bin/sh
# Runs one dogtail test against the real app, in an X server and a D-Bus
# session of its own, with the accessibility bus that dogtail reads.
set -eu
unset NO_AT_BRIDGE GTK_A11Y
exec xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
  dbus-run-session -- /usr/bin/python3 "$@"
