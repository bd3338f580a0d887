#!/bin/sh
# take.sh: the README's screenshots, from the running app on the demo client.
#
#   sh data/screenshots/take.sh [BUILDDIR]
#
# Needs xvfb-run, xdotool and imagemagick (`import`); writes
# data/screenshots/<page>.png. Each page is shown with its keyboard shortcut
# (Alt+1 … Alt+6) and captured as the window alone; the PDF report's pages
# become pdf-page-N.png (poppler-utils' pdftoppm).
set -eu

BUILDDIR=${1:-_build}
OUT=$(dirname "$0")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BUILDDIR/src/cli/tally-cli" demo "$WORK/Casa Jacaranda.tally" > /dev/null
# A new month of Ads Manager export for the import wizard's picture.
sed 's/2026-08-/2026-11-/g; s/2026-09-/2026-12-/g' \
  "$OUT/../demo/Casa-Jacaranda-MX-Anuncios-1-ago-2026-31-oct-2026.csv" | head -n 60 > "$WORK/Casa-Jacaranda-MX-Anuncios-noviembre.csv"

cat > "$WORK/shoot.sh" <<SHOOT
#!/bin/sh
set -eu
export HOME="$WORK" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILDDIR/data" GSK_RENDERER=cairo NO_AT_BRIDGE=1
"$BUILDDIR/src/app/tally" "$WORK/Casa Jacaranda.tally" &
APP=\$!
sleep 5
WINDOW=\$(xdotool search --sync --name "Casa Jacaranda — Tally" | head -n 1)
xdotool windowsize "\$WINDOW" 1280 760
sleep 1
for page in 1:report 2:charts 3:mismatch 4:data 5:dictionary 6:settings; do
  xdotool key --window "\$WINDOW" "alt+\${page%%:*}"
  sleep 2
  import -window "\$WINDOW" "$OUT/\${page#*:}.png"
done
xdotool key --window "\$WINDOW" ctrl+i
sleep 2
xdotool key ctrl+l
sleep 0.5
xdotool type "$WORK/Casa-Jacaranda-MX-Anuncios-noviembre.csv"
xdotool key Return
sleep 3
WIZARD=\$(xdotool search --name "^Import Files\$" | head -n 1)
import -window "\$WIZARD" "$OUT/import-wizard.png"
kill \$APP
SHOOT

xvfb-run -a -s "-screen 0 1400x900x24" sh "$WORK/shoot.sh"

"$BUILDDIR/src/cli/tally-cli" pdf "$WORK/Casa Jacaranda.tally" "$WORK/report.pdf" > /dev/null
pdftoppm -png -r 50 "$WORK/report.pdf" "$WORK/page"
for page in "$WORK"/page-*.png; do
  number=${page##*-}
  cp "$page" "$OUT/pdf-page-$(expr "${number%.png}" + 0).png"
done
echo "Screenshots written to $OUT"
