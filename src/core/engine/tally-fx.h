/* tally-fx.h: money into the reporting currency, by the project's rule
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-facts.h"
#include "tally-rules.h"

G_BEGIN_DECLS

typedef struct _TallyFx TallyFx;

TallyFx  *tally_fx_new        (TallyFacts   *facts,
                               const char   *reporting_currency,
                               TallyFxRule   rule,
                               GHashTable   *fixed_rates);
void      tally_fx_free       (TallyFx      *fx);
gboolean  tally_fx_convert    (TallyFx      *fx,
                               gint64        minor,
                               const char   *currency,
                               gint32        day,
                               double       *out);
double    tally_fx_rate       (TallyFx      *fx,
                               const char   *currency,
                               gint32        day);
GPtrArray *tally_fx_missing   (TallyFx      *fx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyFx, tally_fx_free)

G_END_DECLS
