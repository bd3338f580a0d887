/* tally-meta-totals.h: Meta rows summed over their breakdowns
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-project.h"

G_BEGIN_DECLS

typedef struct
{
  char     *date_start;
  char     *date_end;
  char     *account_id;
  char     *campaign;        /* the campaign id, else its name */
  char     *campaign_name;
  char     *adset;
  char     *ad;
  char     *attribution_setting;
  char     *attribution_window;
  char     *currency;
  gint64    spend;
  gint64    impressions;
  gint64    all_clicks;
  gint64    link_clicks;
  gint64    landing_page_views;
  gint64    leads;
  gint64    purchases;
  gint64    purchase_value;
  gint64    reach;
  gboolean  has_reach;       /* reach is not additive: only for unbroken rows */
  guint     n_rows;
} TallyMetaTotal;

GPtrArray *tally_meta_totals (TallyProject  *project,
                              GError       **error);

G_END_DECLS
