/* tally-engine-private.h: what the engine's walks share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-engine.h"

G_BEGIN_DECLS

/* What each imported string means under the rules, worked out once for
 * the CRM records and the sessions: one entry per string id. */
typedef struct
{
  gboolean *meta_source;    /* a utm_source of meta_source_values */
  gboolean *paid_social;    /* a CRM source "Paid social" */
  gboolean *meta_detail;    /* a detail naming Facebook or Instagram */
  gboolean *customer;       /* a customer stage */
  guint    *campaign;       /* the campaign a utm_campaign joins */
} StringRules;

/* The part of @total for day @i of @n: even shares, the remainder on the
 * first day (SPEC section 4, range rows; section 6, recognized revenue). */
static inline gint64
_tally_share (gint64 total,
              gint32 n,
              gint32 i)
{
  gint64 each = total / n;

  return i == 0 ? total - each * (n - 1) : each;
}

void  _tally_campaign_free         (TallyCampaign     *campaign);
guint _tally_engine_add_campaign   (TallyEngine       *engine,
                                    const char        *key,
                                    const char        *name,
                                    const char        *id);
void  _tally_string_rules_classify (TallyEngine       *engine,
                                    StringRules       *rules);
void  _tally_string_rules_clear    (StringRules       *rules);
void  _tally_engine_add_meta       (TallyEngine       *engine);
void  _tally_engine_add_crm        (TallyEngine       *engine,
                                    const StringRules *strings);

G_END_DECLS
