#!/usr/bin/python3
# bench-report.py: how fast tally-cli reports a year of a large client by
# day, next to one GROUP BY over the same CRM rows in the sqlite3 shell,
# measured in the same run.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 tests/bench/bench-report.py [--build _build] [--data DIR] [--runs 3]
#
# Imports the large client of bench-import.py (1,000,000 HubSpot deals and
# a year of Meta ads) into a scratch project, then times the whole
# `tally-cli report --json` process for 2025 by day, and
#   SELECT date(won_at), count(*), sum(amount) FROM crm_rows GROUP BY 1
# in the sqlite3 shell on the same file. Prints the best of N of each and
# their ratio. The first report after an import also builds the facts
# cache and freezes the year's days; it is printed apart, as "first".

import argparse
import os
import subprocess
import tempfile

from benchlib import ROOT, large_client, measure

GROUP_BY = "SELECT date(won_at), count(*), sum(amount) FROM crm_rows GROUP BY 1"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"))
    parser.add_argument("--data", default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    cli = os.path.join(args.build, "src", "cli", "tally-cli")
    data = args.data or os.path.join(args.build, "bench-data")
    crm, meta = large_client(data)

    with tempfile.TemporaryDirectory(dir=data) as scratch:
        print("Importing the large client …", flush=True)
        subprocess.run([cli, "new", "bench.tally", "--currency", "MXN", "--timezone", "America/Mexico_City"],
                       cwd=scratch, check=True, stdout=subprocess.DEVNULL)
        for path in (crm, meta):
            subprocess.run([cli, "import", "bench.tally", path], cwd=scratch, check=True, stdout=subprocess.DEVNULL)

        report = [cli, "report", "bench.tally", "--json", "--from", "2025-01-01", "--to", "2025-12-31"]
        first, first_peak = measure(report, scratch)
        tally_times, sqlite_times, peaks = [], [], []
        for _ in range(args.runs):
            seconds, peak = measure(report, scratch)
            tally_times.append(seconds)
            peaks.append(peak)
            seconds, _ = measure(["sqlite3", "bench.tally", GROUP_BY], scratch)
            sqlite_times.append(seconds)

    ratio = min(tally_times) / min(sqlite_times)
    print(f"Daily report of 2025 (1,000,000 CRM rows, a year of Meta ads), best of {args.runs}, "
          f"on {os.uname().nodename}")
    print(f"{'tally-cli report --json':<32} {min(tally_times):>7.2f} s  (peak {max(peaks):.0f} MiB)")
    print(f"{'sqlite3 GROUP BY':<32} {min(sqlite_times):>7.2f} s")
    print(f"{'ratio':<32} {ratio:>7.2f}    (target at most 1.5)")
    print(f"{'first report after the import':<32} {first:>7.2f} s  (peak {first_peak:.0f} MiB; builds the cache)")


main()
