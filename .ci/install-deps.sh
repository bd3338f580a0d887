#!/bin/sh
# Installs the Debian 12 packages that building, running and testing Tally
# need, but only those that are missing, so a second run costs nothing.
# Used by both `make demo` and `make check`.
set -eu

packages="
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libsqlite3-dev nettle-dev libjson-glib-dev
  libsoup-3.0-dev libsecret-1-dev gnome-keyring libarchive-dev libxml2-dev libcairo2-dev libpango1.0-dev
  sqlite3 tzdata desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 at-spi2-core
  python3 python3-dogtail python3-gi python3-pyatspi gir1.2-atspi-2.0
  imagemagick poppler-utils locales
"

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  case "$status" in
    ii*) ;;
    *) missing="$missing $p" ;;
  esac
done

if [ -z "$missing" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "These Debian packages are missing:$missing" >&2
  echo "Run this again as root, or install them with: sudo apt-get install$missing" >&2
  exit 1
fi

echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
