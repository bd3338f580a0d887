#!/usr/bin/python3
# bench-memory.py: how much memory tally-cli takes to report a year of a
# large client, next to the size of the facts it reads, measured in the
# same run.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 tests/bench/bench-memory.py [--build _build] [--data DIR] [--runs 3]
#
# Imports the large client of bench-import.py (1,000,000 HubSpot deals and
# a year of Meta ads) into a scratch project, reports 2025 by day once to
# build the facts cache, then prints the largest peak RSS of N more
# `tally-cli report --json` runs beside the facts cache blob's size
#   SELECT length(data) FROM fact_cache
# (the CRM records are packed in it), the size of the facts as the engine
# holds them in memory (worked out from the blob's header) and the peak RSS
# of a report of the demo client (what the program takes with almost no
# data).

import argparse
import os
import sqlite3
import struct
import subprocess
import tempfile

from benchlib import ROOT, large_client, measure

YEAR = ["--json", "--from", "2025-01-01", "--to", "2025-12-31"]


def facts_bytes(project):
    with sqlite3.connect(project) as db:
        row = db.execute("SELECT sum(length(data)) FROM fact_cache").fetchone()
    return row[0] or 0


# The header of the "facts-6" blob (src/core/facts/tally-facts-cache.c):
# magic, order, the sizes of 7 arrays, has_leads, n_strings, padding,
# strings_bytes, the lengths of the 7 arrays, packed_bytes.
HEADER = struct.Struct("=II7III4xQ7QQ")


def facts_in_memory(project):
    """The facts' arrays and strings as the engine holds them, in bytes."""
    with sqlite3.connect(project) as db:
        # The header only: a child forked with the whole blob in this
        # process would count it in its own peak.
        row = db.execute("SELECT substr(data, 1, ?) FROM fact_cache WHERE format = 'facts-6'",
                         (HEADER.size,)).fetchone()
    if row is None or len(row[0]) < HEADER.size:
        return 0
    fields = HEADER.unpack_from(row[0])
    sizes, strings_bytes, lengths = fields[2:9], fields[11], fields[12:19]
    return strings_bytes + sum(size * length for size, length in zip(sizes, lengths))


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
        subprocess.run([cli, "demo", "demo.tally"], cwd=scratch, check=True, stdout=subprocess.DEVNULL)

        report = [cli, "report", "bench.tally"] + YEAR
        _, first_peak = measure(report, scratch)
        peaks = [measure(report, scratch)[1] for _ in range(args.runs)]
        _, floor = measure([cli, "report", "demo.tally", "--json"], scratch)
        facts = facts_bytes(os.path.join(scratch, "bench.tally")) / (1 << 20)
        memory = facts_in_memory(os.path.join(scratch, "bench.tally")) / (1 << 20)

    print(f"Yearly report by day (1,000,000 CRM rows, a year of Meta ads), largest of {args.runs}, "
          f"on {os.uname().nodename}")
    print(f"{'tally-cli report --json':<32} peak {max(peaks):>7.1f} MiB")
    print(f"{'  first, building the cache':<32} peak {first_peak:>7.1f} MiB")
    print(f"{'facts cache blob':<32}      {facts:>7.1f} MiB")
    print(f"{'facts in memory':<32}      {memory:>7.1f} MiB")
    print(f"{'report of the demo client':<32} peak {floor:>7.1f} MiB")
    print(f"{'peak beyond the facts and demo':<32}      {max(peaks) - memory - floor:>7.1f} MiB")


if __name__ == "__main__":
    main()
