#!/bin/sh
# check-potfiles.sh: every source file with translatable strings is in
# po/POTFILES.in, so that none of its strings escapes the translators.
set -eu
cd "$1"
missing=$( (grep -lE '\b_\(|N_\(|g_dngettext' $(find src -name "*.c"); grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui) \
  | sort | while read -r file; do grep -qx "$file" po/POTFILES.in || echo "$file"; done)
if [ -n "$missing" ]; then
  echo "Not in po/POTFILES.in:"
  echo "$missing"
  exit 1
fi
