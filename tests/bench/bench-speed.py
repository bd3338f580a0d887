#!/usr/bin/python3
# bench-speed.py: the import path's figures, each beside its reference
# measured in the same run on the same machine.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 tests/bench/bench-speed.py [--build _build] [--data DIR] [--rows 1000000] [--runs 3]
#
# With a HubSpot-shaped deals export of N rows (/work/shared/tools/gen_crm.py,
# or tests/bench/gen_crm.py when that is absent), it prints:
#   - tally-cli import vs `sqlite3 db ".import --csv FILE t"` (target ratio ≤ 1.0);
#   - the first report after the import and the next, each vs one
#     SELECT …, count(*), sum(…) FROM t GROUP BY … in the sqlite3 shell over
#     the same rows (target ratio ≤ 0.5 for both);
#   - the project file's size vs the .import database's (target ratio ≤ 1.0);
#   - the peak resident memory of a yearly report (`/usr/bin/time -v`,
#     target under 100 MB; the engine's figure, printed only).
# Times are the best of N runs; the first report is measured once per run.

import argparse
import os
import re
import subprocess
import sys
import tempfile

from benchlib import HERE, ROOT, measure

GEN_CRM = "/work/shared/tools/gen_crm.py"
GROUP_BY = 'SELECT "Close Date", "Deal Stage", count(*), sum("Amount") FROM t GROUP BY 1, 2'


def crm_file(data, rows):
    """The generated export of `rows` deals, made once per data folder."""
    path = os.path.join(data, f"crm-{rows}.csv")
    if not os.path.exists(path):
        generator = GEN_CRM if os.path.exists(GEN_CRM) else os.path.join(HERE, "gen_crm.py")
        print(f"Generating {rows} CRM rows in {path} …", flush=True)
        with open(path + ".part", "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, generator, str(rows)], stdout=out, check=True)
        os.rename(path + ".part", path)
    return path


def peak_rss_mb(argv, cwd):
    """The "Maximum resident set size" that /usr/bin/time -v reports, in MB."""
    done = subprocess.run(["/usr/bin/time", "-v"] + argv, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)
    kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return kib * 1024 / 1e6


def one_run(cli, path, scratch, first):
    """One import and its reports, with the sqlite3 shell's figures beside them."""
    project = os.path.join(scratch, "bench.tally")
    plain = os.path.join(scratch, "plain.db")
    subprocess.run([cli, "new", project, "--currency", "MXN", "--timezone", "America/Mexico_City"],
                   check=True, stdout=subprocess.DEVNULL)
    figures = {}
    imports = [("import", [cli, "import", project, path]),
               ("sqlite_import", ["sqlite3", plain, f".import --csv {path} t"])]
    # Each starts with no other write in flight, and they take turns to go
    # first, so that neither pays for the other's pages being written out.
    for key, argv in imports if first else reversed(imports):
        os.sync()
        figures[key], _ = measure(argv, scratch)
    report = [cli, "report", project, "--json", "--from", "2025-01-01", "--to", "2025-12-31"]
    figures["first"], _ = measure(report, scratch)
    figures["next"], _ = measure(report, scratch)
    figures["group_by"], _ = measure(["sqlite3", plain, GROUP_BY], scratch)
    figures["size"] = os.path.getsize(project)
    figures["sqlite_size"] = os.path.getsize(plain)
    figures["rss"] = peak_rss_mb(report, scratch)
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"))
    parser.add_argument("--data", default=None)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    cli = os.path.join(args.build, "src", "cli", "tally-cli")
    data = args.data or os.path.join(args.build, "bench-data")
    os.makedirs(data, exist_ok=True)
    path = crm_file(data, args.rows)

    runs = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(dir=data) as scratch:
            runs.append(one_run(cli, path, scratch, run % 2 == 0))
    best = {key: min(run[key] for run in runs) for key in runs[0]}

    print(f"Import path of {args.rows} HubSpot deals ({os.path.getsize(path) / 1e6:.0f} MB), "
          f"best of {args.runs}, on {os.uname().nodename}")
    print(f"{'figure':<34} {'tally':>10} {'reference':>10} {'ratio':>6} {'target':>7}")
    rows = [
        ("import (s) vs sqlite3 .import", best["import"], best["sqlite_import"], 1.0),
        ("first report (s) vs GROUP BY", best["first"], best["group_by"], 0.5),
        ("next report (s) vs GROUP BY", best["next"], best["group_by"], 0.5),
        ("file (MB) vs .import database", best["size"] / 1e6, best["sqlite_size"] / 1e6, 1.0),
    ]
    for name, ours, reference, target in rows:
        print(f"{name:<34} {ours:>10.2f} {reference:>10.2f} {ours / reference:>6.2f} {'≤ ' + str(target):>7}")
    print(f"{'peak RSS of a yearly report (MB)':<34} {best['rss']:>10.0f} {'':>10} {'':>6} {'< 100':>7}")


main()
