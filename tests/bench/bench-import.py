#!/usr/bin/python3
# bench-import.py: how fast tally-cli imports a large client, next to the
# sqlite3 shell's own .import of the same files, measured in the same run.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 tests/bench/bench-import.py [--build _build] [--data DIR] [--runs 3]
#
# Prints, per file, the best of N wall-clock times of each, their ratio, and
# the peak resident memory of tally-cli.

import argparse
import os
import subprocess
import tempfile

from benchlib import ROOT, large_client, measure



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"))
    parser.add_argument("--data", default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    cli = os.path.join(args.build, "src", "cli", "tally-cli")
    data = args.data or os.path.join(args.build, "bench-data")
    crm, meta = large_client(data)

    print(f"tally-cli import vs sqlite3 .import, best of {args.runs}, in {os.uname().nodename}")
    print(f"{'file':<48} {'rows':>9} {'MB':>6} {'tally s':>8} {'sqlite s':>9} {'ratio':>6} {'peak MiB':>9}")
    worst = 0.0
    for path in (crm, meta):
        rows = sum(1 for _ in open(path, encoding="utf-8")) - 1
        tally_times, sqlite_times, peaks = [], [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(dir=data) as scratch:
                subprocess.run([cli, "new", "bench.tally", "--currency", "MXN"], cwd=scratch, check=True,
                               stdout=subprocess.DEVNULL)
                seconds, peak = measure([cli, "import", "bench.tally", path], scratch)
                tally_times.append(seconds)
                peaks.append(peak)
                seconds, _ = measure(["sqlite3", "plain.db", "-cmd", ".mode csv", f".import {path} plain"], scratch)
                sqlite_times.append(seconds)
        ratio = min(tally_times) / min(sqlite_times)
        worst = max(worst, ratio)
        print(f"{os.path.basename(path):<48} {rows:>9} {os.path.getsize(path) / 1e6:>6.0f} "
              f"{min(tally_times):>8.2f} {min(sqlite_times):>9.2f} {ratio:>6.2f} {max(peaks):>9.0f}", flush=True)

    print(f"worst ratio {worst:.2f} (target at most 2.0 for the CRM file); peak memory target under 200 MiB")


main()
