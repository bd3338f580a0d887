#!/usr/bin/python3
# generate.py: writes the demo client's exports (Casa Jacaranda).
#
# Copyright 2026 The Tally authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Casa Jacaranda is a made-up Mexican home-goods retailer. Its exports are
# generated, with a fixed seed, so that every cause of the Meta/CRM gap has
# something to show: an ad account on Pacific time billing in USD while the
# business reports in MXN on Mexico City time; a campaign on a 1-day-click
# window; a lifetime range row; low landing page views; a retargeting
# campaign pulled from the API with per-window (click and view) numbers;
# Meta purchases inflated by duplicate Pixel/CAPI events; CRM timestamps
# exported in UTC; UTMs stripped to a bare fbclid; utm_campaign values that
# match no campaign; duplicate contacts; deals won without a close date or
# before they were created; refunds; annual memberships recognized over 12
# months; an identifier share that drops in October, when the stores
# start entering walk-in sales without a contact; and the interior design
# studio's own booking form, whose leads (some of them twice) come in a
# file of its own, imported with a hand-made column mapping.
#
# The outputs are committed; run this again only to change the story:
#   /usr/bin/python3 data/demo/generate.py data/demo

import csv
import datetime as dt
import hashlib
import json
import math
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261102)

START = dt.date(2026, 8, 1)
END = dt.date(2026, 10, 31)
DAYS = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
ACCOUNT_ID = "1029384756473829"
ACCOUNT_NAME = "Casa Jacaranda MX"
ATTR_STANDARD = "Clic de 7 días o visualización de 1 día"
ATTR_ONE_DAY = "Clic de 1 día"

# Campaigns: (id, name, utm_campaign written by the site, objective)
CAMPAIGNS = {
    "prospecting": ("120210553010480001", "CJ Prospecting Cocina", "cj_prospecting_cocina"),
    "retargeting": ("120210553010480002", "CJ Retargeting Catalogo", "120210553010480002"),
    "leads": ("120210553010480003", "CJ Leads Diseno Interiores", "cj-leads-diseno-interiores"),
    "blog": ("120210553010480004", "CJ Trafico Blog", "cj_trafico_blog"),
}
UNMATCHED_UTMS = ["cj_prospecting_cocina_v2", "hot_sale_2026"]

USD_MXN = 18.4


def adset_ids(campaign_id, n):
    return [campaign_id[:-1] + str(5 + i) + "0" for i in range(n)]


def weekday_factor(day):
    # Mexican shoppers buy home goods more on weekends and at quincena.
    f = 1.15 if day.weekday() >= 5 else 1.0
    if day.day in (15, 16, 30, 31, 1):
        f *= 1.2
    return f


def money(x, places=2):
    return f"{x:.{places}f}"


# ---------------------------------------------------------------- Meta CSV
def write_meta_csv():
    header = [
        "Inicio del informe", "Fin del informe", "Nombre de la cuenta", "Identificador de la cuenta",
        "Nombre de la campaña", "Identificador de la campaña",
        "Nombre del conjunto de anuncios", "Identificador del conjunto de anuncios",
        "Nombre del anuncio", "Identificador del anuncio",
        "Configuración de atribución", "Divisa", "Importe gastado (USD)", "Impresiones", "Alcance",
        "Clics (todos)", "Clics en el enlace", "Visitas a la página de destino",
        "Compras", "Valor de conversión de compras", "Clientes potenciales",
    ]
    rows = []
    plan = [
        ("prospecting", ["Cocina | Intereses hogar 25-44", "Cocina | Lookalike compradores 1%"],
         ["Video ollas de barro", "Carrusel vajillas"], ATTR_STANDARD),
        ("leads", ["Diseño | Formulario CDMX", "Diseño | Formulario Guadalajara"],
         ["Asesoría gratis"], ATTR_ONE_DAY),
    ]
    for key, adsets, ads, attribution in plan:
        cid, cname, _ = CAMPAIGNS[key]
        for ai, (adset_name, adset_id) in enumerate(zip(adsets, adset_ids(cid, len(adsets)))):
            for di, ad_name in enumerate(ads):
                ad_id = adset_id[:-2] + str(ai) + str(di + 1)
                for day in DAYS:
                    f = weekday_factor(day)
                    imp = int(rng.gauss(2600, 300) * f)
                    reach = int(imp * rng.uniform(0.74, 0.86))
                    link = int(imp * rng.uniform(0.010, 0.014))
                    clicks_all = link + int(imp * rng.uniform(0.010, 0.016))
                    spend = imp * rng.uniform(6.5, 8.5) / 1000
                    if key == "prospecting":
                        lpv = int(link * rng.uniform(0.78, 0.9))
                        # Pixel and CAPI both send purchases on some days
                        # without a shared event id: Meta counts them twice.
                        purchases = sum(1 for _ in range(link) if rng.random() < 0.011)
                        value = sum(rng.uniform(1900, 4200) for _ in range(purchases)) / USD_MXN
                        leads = ""
                    else:
                        lpv = int(link * rng.uniform(0.38, 0.52))
                        purchases, value = "", ""
                        leads = sum(1 for _ in range(link) if rng.random() < 0.09)
                    rows.append([
                        day.isoformat(), day.isoformat(), ACCOUNT_NAME, ACCOUNT_ID, cname, cid,
                        adset_name, adset_id, ad_name, ad_id, attribution, "USD", money(spend),
                        imp, reach, clicks_all, link, lpv,
                        purchases, money(value) if value != "" else "", leads,
                    ])
    # A small always-on blog campaign exported as one lifetime range row.
    cid, cname, _ = CAMPAIGNS["blog"]
    rows.append([
        "2026-08-01", "2026-08-31", ACCOUNT_NAME, ACCOUNT_ID, cname, cid,
        "Blog | Lectores hogar", adset_ids(cid, 1)[0], "Artículo cocina mexicana",
        adset_ids(cid, 1)[0][:-2] + "01", ATTR_STANDARD, "USD", "310.00", 41220, 30115, 1380, 702, 540,
        "", "", "",
    ])
    rows.sort(key=lambda r: (r[0], r[5], r[9]))
    path = os.path.join(OUT, "Casa-Jacaranda-MX-Anuncios-1-ago-2026-31-oct-2026.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ------------------------------------------------- Meta insights API (JSON)
def write_meta_json():
    cid, cname, _ = CAMPAIGNS["retargeting"]
    adset_id = adset_ids(cid, 1)[0]
    data = []
    for ad_index, ad_name in enumerate(["Catálogo dinámico", "Colección otoño"]):
        ad_id = adset_id[:-2] + "0" + str(ad_index + 1)
        for day in DAYS:
            f = weekday_factor(day)
            imp = int(rng.gauss(1500, 160) * f)
            link = int(imp * rng.uniform(0.016, 0.022))
            clicks_all = link + int(imp * rng.uniform(0.008, 0.012))
            lpv = int(link * rng.uniform(0.8, 0.9))
            spend = imp * rng.uniform(9.0, 11.0) / 1000
            click7 = sum(1 for _ in range(link) if rng.random() < 0.02)
            view1 = sum(1 for _ in range(imp) if rng.random() < 0.0003)
            click1 = max(0, click7 - rng.randint(0, 2))
            click28 = click7 + rng.randint(0, 2)
            values = {w: sum(rng.uniform(1500, 3800) for _ in range(n)) / USD_MXN
                      for w, n in (("1d_click", click1), ("7d_click", click7), ("28d_click", click28),
                                   ("1d_view", view1))}
            values["7d_click"] = max(values["7d_click"], values["1d_click"])
            values["28d_click"] = max(values["28d_click"], values["7d_click"])

            def stat(action_type, counts):
                d = {"action_type": action_type, "value": str(counts["7d_click"] + counts["1d_view"])}
                for w in ("1d_click", "7d_click", "28d_click", "1d_view"):
                    d[w] = str(counts[w])
                return d

            counts = {"1d_click": click1, "7d_click": click7, "28d_click": click28, "1d_view": view1}
            money_counts = {w: f"{v:.2f}" for w, v in values.items()}
            row = {
                "account_id": ACCOUNT_ID, "account_name": ACCOUNT_NAME, "account_currency": "USD",
                "campaign_id": cid, "campaign_name": cname,
                "adset_id": adset_id, "adset_name": "Retargeting | Visitantes 30 días",
                "ad_id": ad_id, "ad_name": ad_name,
                "date_start": day.isoformat(), "date_stop": day.isoformat(),
                "impressions": str(imp), "reach": str(int(imp * 0.55)),
                "clicks": str(clicks_all), "inline_link_clicks": str(link), "spend": f"{spend:.2f}",
                "attribution_setting": "7d_click_1d_view",
                "actions": [
                    {"action_type": "link_click", "value": str(link)},
                    {"action_type": "landing_page_view", "value": str(lpv)},
                    stat("omni_purchase", counts),
                    stat("offsite_conversion.fb_pixel_purchase", counts),
                ],
                "action_values": [
                    {"action_type": "omni_purchase",
                     "value": f"{values['7d_click'] + values['1d_view']:.2f}",
                     **money_counts},
                ],
            }
            data.append(row)
    path = os.path.join(OUT, "meta-insights-retargeting-2026-08-01-2026-10-31.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"data": data, "paging": {"cursors": {"before": "MAZDZD", "after": "MjMZD"}}},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")


# ------------------------------------------------------------------ People
FIRST = ["María", "José", "Guadalupe", "Juan", "Fernanda", "Luis", "Ana", "Carlos", "Sofía", "Miguel",
         "Valeria", "Jorge", "Daniela", "Alejandro", "Camila", "Ricardo", "Ximena", "Eduardo",
         "Regina", "Diego", "Paulina", "Arturo", "Mariana", "Roberto", "Andrea", "Héctor"]
LAST = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
        "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
        "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castillo"]
DOMAINS = ["example.com", "example.net", "example.org", "correo.example.mx"]


def ascii_fold(s):
    table = str.maketrans("áéíóúñÁÉÍÓÚÑü", "aeiounAEIOUNu")
    return s.translate(table)


def fbclid():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return "IwAR" + "".join(rng.choice(alphabet) for _ in range(59))


def local_to_utc(day, hour, minute):
    # Mexico City has been UTC-6 all year since 2022.
    return dt.datetime(day.year, day.month, day.day, hour, minute) + dt.timedelta(hours=6)


def fmt(ts):
    return ts.strftime("%Y-%m-%d %H:%M")


def write_crm():
    contacts, deals, form_leads = [], [], []
    next_contact, next_deal = 81200100, 20500100

    def new_contact(created, first, last, email, phone, source, d1, d2, url, fbc, stage):
        nonlocal next_contact
        next_contact += rng.randint(1, 9)
        contacts.append({
            "Record ID": str(next_contact), "First Name": first, "Last Name": last,
            "Email": email, "Phone Number": phone, "Create Date": fmt(created),
            "Lifecycle Stage": stage, "Original Source": source,
            "Original Source Drill-Down 1": d1, "Original Source Drill-Down 2": d2,
            "Latest Source": source, "Latest Source Drill-Down 1": d1, "Latest Source Drill-Down 2": d2,
            "Facebook click id": fbc, "First Page Seen": url,
        })
        return contacts[-1]

    channel_weights = [("meta", 0.52), ("organic", 0.2), ("email", 0.1), ("direct", 0.1), ("unknown", 0.08)]
    for day in DAYS:
        n = int(rng.gauss(22, 3) * weekday_factor(day))
        for _ in range(n):
            r, acc = rng.random(), 0.0
            for channel, w in channel_weights:
                acc += w
                if r < acc:
                    break
            first, last = rng.choice(FIRST), rng.choice(LAST)
            handle = ascii_fold(f"{first}.{last}").lower() + str(rng.randint(1, 99))
            no_ids = rng.random() < 0.04
            email = "" if no_ids else (
                f"  {handle.title()}@{rng.choice(DOMAINS)} " if rng.random() < 0.05 else f"{handle}@{rng.choice(DOMAINS)}")
            phone = "" if no_ids or rng.random() < 0.35 else (
                f"55 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}" if rng.random() < 0.7
                else f"+52 33 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}")
            created = local_to_utc(day, rng.randint(7, 23), rng.randint(0, 59))
            source, d1, d2, url, fbc, campaign_key = "", "", "", "", "", None
            if channel == "meta":
                campaign_key = rng.choices(["prospecting", "retargeting", "leads", "blog", "unmatched"],
                                           [0.42, 0.25, 0.22, 0.03, 0.08])[0]
                utm = rng.choice(UNMATCHED_UTMS) if campaign_key == "unmatched" else CAMPAIGNS[campaign_key][2]
                network = rng.choices(["facebook", "ig", "instagram", "fb"], [0.5, 0.25, 0.15, 0.1])[0]
                click = fbclid()
                path = rng.choice(["/cocina", "/vajillas", "/catalogo", "/diseno-interiores", "/blog/mole"])
                strip = rng.random() < 0.12
                if strip:
                    # A redirect dropped the UTMs; only the click id survived.
                    url = f"https://casajacaranda.example.mx{path}?fbclid={click}"
                else:
                    url = (f"https://casajacaranda.example.mx{path}?utm_source={network}&utm_medium=paid_social"
                           f"&utm_campaign={utm}&utm_content=ad_{rng.randint(1, 4)}&fbclid={click}")
                # HubSpot knows the campaign only from the UTMs it saw;
                # without them it files the visit as organic social.
                source = "Organic social" if strip else "Paid social"
                d1 = "Facebook" if network in ("facebook", "fb") else "Instagram"
                d2 = "" if strip else utm
                fbc = click if rng.random() < 0.6 else ""
            elif channel == "organic":
                source, d1, d2 = "Organic search", "google", ""
                url = "https://casajacaranda.example.mx/"
            elif channel == "email":
                source, d1, d2 = "Email marketing", "newsletter-septiembre", ""
                url = "https://casajacaranda.example.mx/ofertas?utm_source=newsletter&utm_medium=email"
            elif channel == "direct":
                source, d1 = "Direct traffic", ""
                url = "https://casajacaranda.example.mx/"
            # The design studio's lead form books a free consultation in its
            # own system; only those who buy become HubSpot contacts.
            if campaign_key == "leads":
                submissions = [created]
                if rng.random() < 0.1:
                    # The same person fills the form again within weeks.
                    submissions.append(created + dt.timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 6)))
                for when in submissions:
                    if when.date() <= END:
                        form_leads.append((when, f"{first} {last}", email, phone, network, utm))
                if rng.random() >= 0.12:
                    continue

            contact = new_contact(created, first, last, email, phone, source, d1, d2, url, fbc, "lead")

            buy_p = {"meta": 0.28, "organic": 0.18, "email": 0.22, "direct": 0.2, "unknown": 0.15}[channel]
            if campaign_key == "leads":
                buy_p = 1.0
            if rng.random() >= buy_p:
                continue
            lag_days = min(60, rng.lognormvariate(math.log(5), 0.9))
            won = created + dt.timedelta(days=lag_days)
            if won.date() > END:
                continue
            deal_created = created + dt.timedelta(hours=rng.uniform(0.5, min(30, lag_days * 12)))
            membership = rng.random() < 0.08
            amount = 4800.0 if membership else round(rng.lognormvariate(math.log(2700), 0.45), 2)
            next_deal += rng.randint(1, 7)
            stage = rng.choices(["Closed Won", "Closed Lost", "Presentation Scheduled"], [0.8, 0.15, 0.05])[0]
            deal = {
                "Record ID": str(next_deal),
                "Deal Name": ("Club Jacaranda anual — " if membership else "Pedido — ") + f"{first} {last}",
                "Deal Stage": stage, "Pipeline": "Ventas en línea",
                "Create Date": fmt(deal_created),
                "Close Date": fmt(won) if stage != "Presentation Scheduled" else "",
                "Amount": money(amount), "Term (months)": "12" if membership else "",
                "Refund Amount": "", "Refund Date": "",
                "Associated Contact IDs": contact["Record ID"],
            }
            if stage == "Closed Won" and rng.random() < 0.07:
                refund_at = won + dt.timedelta(days=rng.randint(3, 25), hours=rng.randint(0, 8))
                deal["Refund Amount"] = money(amount if rng.random() < 0.6 else round(amount * 0.3, 2))
                deal["Refund Date"] = fmt(refund_at)
            deals.append(deal)

            # Some come back within weeks for a quote on something else: a
            # second lead for the same person.
            if rng.random() < 0.08:
                quote_created = deal_created + dt.timedelta(days=rng.randint(3, 25), hours=rng.randint(0, 8))
                if quote_created.date() <= END:
                    next_deal += rng.randint(1, 7)
                    deals.append({
                        "Record ID": str(next_deal), "Deal Name": f"Cotización — {first} {last}",
                        "Deal Stage": "Closed Lost", "Pipeline": "Ventas en línea",
                        "Create Date": fmt(quote_created),
                        "Close Date": fmt(quote_created + dt.timedelta(days=rng.randint(1, 6))),
                        "Amount": money(round(rng.lognormvariate(math.log(2200), 0.4), 2)), "Term (months)": "",
                        "Refund Amount": "", "Refund Date": "",
                        "Associated Contact IDs": contact["Record ID"],
                    })

    # In October the stores start entering walk-in sales straight into the
    # CRM, with no contact: nobody can tie them to an ad.
    for day in DAYS:
        if day.month != 10:
            continue
        for _ in range(rng.randint(1, 3)):
            sold = local_to_utc(day, rng.randint(10, 20), rng.randint(0, 59))
            next_deal += rng.randint(1, 7)
            deals.append({
                "Record ID": str(next_deal), "Deal Name": "Venta en tienda", "Deal Stage": "Closed Won",
                "Pipeline": "Tienda Coyoacán", "Create Date": fmt(sold), "Close Date": fmt(sold),
                "Amount": money(round(rng.lognormvariate(math.log(1400), 0.5), 2)), "Term (months)": "",
                "Refund Amount": "", "Refund Date": "", "Associated Contact IDs": "",
            })

    # Data entry mistakes the mismatch map should catch.
    for d in rng.sample([d for d in deals if d["Deal Stage"] == "Closed Won"], 3):
        d["Close Date"] = ""
    for d in rng.sample([d for d in deals if d["Deal Stage"] == "Closed Won" and d["Close Date"]], 2):
        created = dt.datetime.strptime(d["Create Date"], "%Y-%m-%d %H:%M")
        d["Close Date"] = fmt(created - dt.timedelta(days=2))

    # HubSpot marks people with a won deal as customers, from their first.
    first_won = {}
    for d in deals:
        if d["Deal Stage"] == "Closed Won" and d["Close Date"] and d["Associated Contact IDs"]:
            key = d["Associated Contact IDs"]
            first_won[key] = min(first_won.get(key, d["Close Date"]), d["Close Date"])
    for c in contacts:
        c["Became a Customer Date"] = ""
        if c["Record ID"] in first_won:
            c["Lifecycle Stage"] = "customer"
            c["Became a Customer Date"] = first_won[c["Record ID"]]

    contact_cols = list(contacts[0].keys())
    with open(os.path.join(OUT, "hubspot-crm-exports-all-contacts-2026-11-02.csv"), "w",
              newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, contact_cols, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writeheader()
        w.writerows(contacts)
    form_leads.sort(key=lambda lead: lead[0])
    with open(os.path.join(OUT, "formulario-diseno-interiores-2026-08-01-2026-10-31.csv"), "w",
              newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Folio", "Fecha de registro", "Nombre", "Correo electrónico", "Teléfono", "Fuente", "Campaña",
                    "Ciudad"])
        for i, (when, name, email, phone, network, utm) in enumerate(form_leads):
            local = when - dt.timedelta(hours=6)
            w.writerow([f"DI-{4100 + i}", local.strftime("%Y-%m-%dT%H:%M:%S-06:00"), name, email.strip(), phone,
                        "instagram" if network in ("ig", "instagram") else "facebook", utm,
                        rng.choice(["CDMX", "CDMX", "Guadalajara"])])

    deal_cols = list(deals[0].keys())
    with open(os.path.join(OUT, "hubspot-crm-exports-all-deals-2026-11-02.csv"), "w",
              newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, deal_cols, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writeheader()
        w.writerows(deals)


# -------------------------------------------------------------------- GA4
def write_ga4():
    lines = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session campaign",
        "# Account: Casa Jacaranda",
        "# Property: casajacaranda.example.mx - GA4",
        "# ----------------------------------------",
        "#",
        "# Start date: 20260801",
        "# End date: 20261031",
        "Date,Session source,Session medium,Session campaign,Sessions,Engaged sessions",
    ]
    for day in DAYS:
        for key in ("prospecting", "retargeting", "leads"):
            for source in ("facebook", "ig"):
                n = int(rng.gauss(120 if key == "prospecting" else 60, 12) * weekday_factor(day))
                n = n if source == "facebook" else n // 3
                lines.append(f"{day.strftime('%Y%m%d')},{source},paid_social,{CAMPAIGNS[key][2]},"
                             f"{n},{int(n * rng.uniform(0.45, 0.65))}")
        lines.append(f"{day.strftime('%Y%m%d')},google,organic,(organic),{int(rng.gauss(210, 20))},"
                     f"{int(rng.gauss(130, 15))}")
    with open(os.path.join(OUT, "ga4-traffic-acquisition-20260801-20261031.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------- FX
def write_fx():
    usd, mxn = 1.165, 21.45
    lines = ["date,currency,rate,base"]
    day = START - dt.timedelta(days=1)
    while day <= END:
        usd *= math.exp(rng.gauss(0, 0.003))
        mxn *= math.exp(rng.gauss(0, 0.005))
        # The ECB publishes on working days only: weekends take Friday's.
        if day.weekday() < 5:
            lines.append(f"{day.isoformat()},USD,{usd:.4f},EUR")
            lines.append(f"{day.isoformat()},MXN,{mxn:.4f},EUR")
        day += dt.timedelta(days=1)
    with open(os.path.join(OUT, "ecb-rates-usd-mxn-2026-07-31-2026-10-30.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


write_meta_csv()
write_meta_json()
write_crm()
write_ga4()
write_fx()
