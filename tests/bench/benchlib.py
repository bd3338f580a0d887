# benchlib.py: what the benchmarks under tests/bench/ share.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CRM_FILE = "hubspot-crm-exports-all-deals-large.csv"
META_FILE = "Large-Client-Ads-Jan-1-2025-Dec-31-2025.csv"


def measure(argv, cwd):
    """Wall-clock seconds and peak RSS (MiB) of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    err = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed: {err}")
    return elapsed, usage.ru_maxrss / 1024


def large_client(data):
    """The paths of the large client's CRM and Meta exports, generated once."""
    crm = os.path.join(data, CRM_FILE)
    meta = os.path.join(data, META_FILE)
    if not (os.path.exists(crm) and os.path.exists(meta)):
        print(f"Generating the large client in {data} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate-large-client.py"), data], check=True)
    return crm, meta
