/* tally-cell.h: what the engine keeps per day and campaign, and per day
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one day holds for one campaign, every variant kept (SPEC section 8):
 * money in minor units of the reporting currency, not yet rounded. */
typedef struct
{
  double  spend;
  double  purchase_value;
  double  view_value;
  gint64  impressions;
  gint64  link_clicks;
  gint64  all_clicks;
  gint64  landing_page_views;
  gint64  sessions;
  gint64  meta_leads;
  gint64  meta_purchases;
  gint64  crm_leads;
  gint64  crm_leads_raw;
  gint64  new_customers;
  double  gross;
  double  net_restate;
  double  net_period;
  double  recognized_restate;
  double  recognized_period;
  gint64  mq_people;
  gint64  mq_identifier;
  gint64  mq_click_id;
  gint64  mq_unknown;
} TallyCell;

/* Of the Meta rows that report both counts: link clicks and landing page
 * views, link clicks and clicks of any kind. */
typedef struct
{
  gint64 lpv_link_clicks;
  gint64 lpv_paired;
  gint64 all_link_clicks;
  gint64 all_paired;
} TallyClickPairs;

/* What the mismatch map and the bridge need beyond the cells, per day. */
typedef struct
{
  gint64  meta_rows;
  gint64  window_mismatch_rows;
  double  window_mismatch_spend;
  gint64  window_rows;
  gint64  range_rows;
  double  gross_account;      /* gross revenue counted on the ad account's days */
  double  no_source_revenue;
  double  unmatched_revenue;
  double  refunds;
  gint64  meta_sourced;
  gint64  click_id_only;
  gint64  unmatched_records;
  gint64  stage_anomalies;
  gint64  won_records;
  gint64  day_shift_records;
  double  day_shift_revenue;
  double  spend_delivery;
  gint64  crm_records;        /* CRM records of any source created or won this day */
  gint64  meta_rows_covering; /* Meta rows whose days include this one */
} TallyDayDiag;

typedef struct
{
  char    *key;          /* the campaign id, else its name; "" and "(unmatched)" */
  char    *name;
  char    *id;
  gint32   last_spend_day;
} TallyCampaign;

#define TALLY_CAMPAIGN_NONE 0
#define TALLY_CAMPAIGN_UNMATCHED 1

/* A won record's lag from created to won, on its won day: 8 bytes, there
 * being one per won record. The day is in the top 30 bits (signed), the
 * seconds in the low 34, which hold 544 years: moments are read only
 * between 1900 and 2199. */
typedef struct
{
  guint64 bits;
} TallyLag;

#define TALLY_LAG_SECONDS_BITS 34

static inline TallyLag
tally_lag_new (gint32 day,
               gint64 seconds)
{
  TallyLag lag = { ((guint64) (gint64) day << TALLY_LAG_SECONDS_BITS) | (guint64) seconds };

  g_assert (seconds >= 0 && seconds < (G_GINT64_CONSTANT (1) << TALLY_LAG_SECONDS_BITS));
  return lag;
}

static inline gint32
tally_lag_day (const TallyLag *lag)
{
  return (gint32) ((gint64) lag->bits >> TALLY_LAG_SECONDS_BITS);
}

/* The lag in days, as a double: what the mismatch map reads. */
static inline double
tally_lag_days (const TallyLag *lag)
{
  return (double) (lag->bits & ((G_GUINT64_CONSTANT (1) << TALLY_LAG_SECONDS_BITS) - 1)) / 86400.0;
}

/* A cell's spend in one of its original currencies. */
typedef struct
{
  const char *currency;    /* owned by the facts */
  gint64      minor;
} TallySpendOriginal;

typedef struct
{
  gint32   day;
  guint32  value;        /* the utm_campaign string */
  double   revenue;
} TallyUnmatched;

guint64      tally_engine_cell_key (gint32         day,
                                    guint          campaign);
guint        tally_cell_key_hash   (gconstpointer  key);
gboolean     tally_cell_key_equal  (gconstpointer  a,
                                    gconstpointer  b);

G_END_DECLS
