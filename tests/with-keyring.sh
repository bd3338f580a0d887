#!/bin/sh
# with-keyring.sh COMMAND [ARGS…]: runs COMMAND in a D-Bus session of its
# own, with a real gnome-keyring-daemon whose login keyring (in a fresh,
# private home) is created and unlocked, so that libsecret talks to a real
# Secret Service and never to the user's.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"
export HOME="$home" XDG_DATA_HOME="$home/share" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"

# The daemon leaves with its session bus; none of its output may hold the
# test's pipes open after the test.
# shellcheck disable=SC2016
dbus-run-session -- sh -c '
  printf "%s" "tally-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"
' with-keyring "$@"
