#!/usr/bin/python3
# generate-large-client.py: writes the exports of a large client for the
# benchmarks: a HubSpot deals export of 1,000,000 rows and 16 columns
# (about 220 MB) and an Ads Manager export of 365 days x 1,000 ads.
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   /usr/bin/python3 tests/bench/generate-large-client.py OUTDIR [N_DEALS]

import datetime as dt
import os
import random
import sys

out = sys.argv[1]
n_deals = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
os.makedirs(out, exist_ok=True)
rng = random.Random(7)

START = dt.datetime(2025, 1, 1)
CAMPAIGNS = [f"LC {kind} {i:02d}" for kind in ("Prospecting", "Retargeting", "Leads", "Catalog") for i in range(25)]
STAGES = ["Closed Won"] * 6 + ["Closed Lost"] * 3 + ["Contract Sent"]
OWNERS = ["Ana Ruiz", "Luis Pérez", "Marta Gómez", "Jorge Díaz", "Sofía Castro"]
SOURCES = [("facebook", "paid_social"), ("ig", "paid_social"), ("google", "cpc"), ("newsletter", "email"), ("", "")]


def deals():
    path = os.path.join(out, "hubspot-crm-exports-all-deals-large.csv")
    header = ["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Create Date", "Close Date", "Amount",
              "Currency", "Deal owner", "Associated Contact IDs", "Email", "UTM Source", "UTM Medium",
              "UTM Campaign", "Refund Amount", "Refund Date"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(f'"{h}"' for h in header) + "\n")
        for i in range(n_deals):
            created = START + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
            stage = rng.choice(STAGES)
            closed = created + dt.timedelta(hours=rng.randrange(1, 24 * 40))
            amount = rng.randrange(20000, 900000) / 100
            source, medium = rng.choice(SOURCES)
            campaign = rng.choice(CAMPAIGNS).lower().replace(" ", "_") if source else ""
            refund = f"{amount:.2f}" if stage == "Closed Won" and rng.random() < 0.05 else ""
            refund_at = (closed + dt.timedelta(days=rng.randrange(1, 30))).strftime("%Y-%m-%d %H:%M") if refund else ""
            contact = 500000000 + rng.randrange(0, n_deals)
            row = [
                str(900000000 + i), f"Pedido {i} — {rng.choice(OWNERS).split()[1]}", stage, "Ventas en línea",
                created.strftime("%Y-%m-%d %H:%M"),
                closed.strftime("%Y-%m-%d %H:%M") if stage != "Contract Sent" else "",
                f"{amount:.2f}", "MXN", rng.choice(OWNERS), str(contact), f"cliente{contact}@example.com",
                source, medium, campaign, refund, refund_at,
            ]
            f.write(",".join(f'"{v}"' for v in row) + "\n")


def meta():
    path = os.path.join(out, "Large-Client-Ads-Jan-1-2025-Dec-31-2025.csv")
    header = ["Day", "Account ID", "Campaign name", "Campaign ID", "Ad set name", "Ad set ID", "Ad name", "Ad ID",
              "Attribution setting", "Amount spent (USD)", "Impressions", "Reach", "Clicks (all)", "Link clicks",
              "Landing page views", "Purchases", "Purchases conversion value"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(f'"{h}"' if " " in h or "(" in h else h for h in header) + "\n")
        for day in range(365):
            date = (START + dt.timedelta(days=day)).strftime("%Y-%m-%d")
            for ad in range(1000):
                campaign = ad // 10
                impressions = rng.randrange(200, 5000)
                link = impressions * rng.randrange(5, 20) // 1000
                purchases = link * rng.randrange(0, 5) // 100
                row = [date, "1029384756473829", f'"{CAMPAIGNS[campaign]}"', str(120210000000000000 + campaign),
                       f'"Ad set {ad // 4}"', str(120220000000000000 + ad // 4), f'"Ad {ad}"',
                       str(120230000000000000 + ad), '"7-day click or 1-day view"',
                       f"{impressions * rng.uniform(5, 12) / 1000:.2f}", str(impressions),
                       str(int(impressions * 0.8)), str(link + rng.randrange(0, 30)), str(link),
                       str(int(link * 0.8)), str(purchases), f"{purchases * rng.uniform(30, 90):.2f}"]
                f.write(",".join(row) + "\n")


deals()
meta()
