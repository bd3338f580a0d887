#!/bin/sh
# `make demo`: writes the demo client's project afresh and opens it in the
# app; without a display it says where the project is instead.
set -eu

BUILDDIR=${BUILDDIR:-_build}
DEMO_PROJECT=${DEMO_PROJECT:-$BUILDDIR/demo/Casa Jacaranda.tally}

mkdir -p "$(dirname "$DEMO_PROJECT")"
rm -f "$DEMO_PROJECT"
"$BUILDDIR/src/cli/tally-cli" demo "$DEMO_PROJECT"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display here, so the app was not opened. The demo project is at:"
  echo "  $(realpath "$DEMO_PROJECT")"
  echo "Try: $BUILDDIR/src/cli/tally-cli get \"$DEMO_PROJECT\""
  exit 0
fi

# The uninstalled app reads its settings schema from the build tree.
GSETTINGS_SCHEMA_DIR="$BUILDDIR/data" exec "$BUILDDIR/src/app/tally" "$DEMO_PROJECT"
