/* tally-freeze-private.h: the freeze, for the core's own writers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-freeze.h"

G_BEGIN_DECLS

/* The numbers of a cell a frozen day keeps: its doubles, then its counts,
 * in the order of the stored blob (tally-freeze-store.c). */
#define TALLY_FREEZE_CELL_DOUBLES(X) \
  X (spend) X (purchase_value) X (view_value) X (gross) X (net_restate) X (net_period) \
  X (recognized_restate) X (recognized_period)
#define TALLY_FREEZE_CELL_COUNTS(X) \
  X (impressions) X (link_clicks) X (all_clicks) X (landing_page_views) X (sessions) X (meta_leads) \
  X (meta_purchases) X (crm_leads) X (crm_leads_raw) X (new_customers) X (mq_people) X (mq_identifier) \
  X (mq_click_id) X (mq_unknown)

/* A frozen day as stored. */
typedef struct
{
  gint32        day;
  gint64        publication;
  char         *rules;
  GHashTable   *cells;      /* campaign index → TallyCell */
  TallyCell     total;
  TallyDayDiag  diag;
  gboolean      has_diag;
} TallyFrozenDay;

gboolean    _tally_freeze_restate_changed (TallyProject  *project,
                                           const char    *why,
                                           GError       **error);
gboolean    _tally_freeze_store_days      (TallyProject  *project,
                                           TallyEngine   *engine,
                                           gint64         publication,
                                           GArray        *days,
                                           GError       **error);
const char *_tally_freeze_who             (void);
char       *_tally_freeze_now_iso         (void);
GHashTable *_tally_freeze_live_cells      (TallyEngine   *engine,
                                           gint32         day);

/* tally-freeze-store.c */
GHashTable *_tally_freeze_store_load      (TallyProject  *project,
                                           TallyEngine   *engine,
                                           GError       **error);
gboolean    _tally_freeze_store_day       (TallyProject  *project,
                                           TallyEngine   *engine,
                                           gint32         day,
                                           const char    *rules,
                                           gint64         publication,
                                           GError       **error);
gboolean    _tally_freeze_store_log       (TallyProject     *project,
                                           gint32            day,
                                           const char       *why,
                                           const TallyCell  *before,
                                           const TallyCell  *after,
                                           const TallyRules *rules,
                                           GError          **error);

G_END_DECLS
