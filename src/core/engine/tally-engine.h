/* tally-engine.h: the data under the project's rules, day by day and
 * campaign by campaign
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-cell.h"
#include "tally-facts.h"
#include "tally-fx.h"
#include "tally-index.h"
#include "tally-project.h"
#include "tally-rules.h"

G_BEGIN_DECLS

/* Every cell and every day's diagnostics under one set of rules. */
typedef struct
{
  TallyRules  *rules;
  TallyFacts  *facts;
  TallyFx     *fx;
  GPtrArray   *campaigns;     /* TallyCampaign */
  GHashTable  *cells;         /* (day, campaign) → TallyCell */
  GHashTable  *days;          /* day → TallyDayDiag */
  GHashTable  *click_pairs;   /* day → TallyClickPairs, live */
  TallyIndex  *cell_index;    /* the same cells, for fast lookups */
  TallyIndex  *day_index;     /* the same days */
  GArray      *lags;          /* TallyLag */
  GArray      *unmatched;     /* TallyUnmatched */
  GHashTable  *currencies;    /* currencies of spend seen → TRUE */
  GHashTable  *spend_original;/* cell key (boxed) → GArray of TallySpendOriginal */
  gint32       min_day;
  gint32       max_day;
  gboolean     has_window_data;
  gboolean     has_sessions;
} TallyEngine;

void         tally_engine_set_rules (TallyEngine  *engine,
                                     TallyRules   *rules);
TallyEngine *tally_engine_new     (TallyProject  *project,
                                   TallyFacts    *facts,
                                   GError       **error);
TallyEngine *tally_engine_new_with_rules (TallyFacts *facts,
                                   TallyRules    *rules);
void         tally_engine_free    (TallyEngine   *engine);
TallyCell   *tally_engine_cell    (TallyEngine   *engine,
                                   gint32         day,
                                   guint          campaign);
TallyDayDiag *tally_engine_day    (TallyEngine   *engine,
                                   gint32         day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyEngine, tally_engine_free)

G_END_DECLS
