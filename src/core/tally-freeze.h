/* tally-freeze.h: published days and their restatements, SPEC section 8
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-engine.h"
#include "tally-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint32  day;
  double  spend_before;
  double  spend_after;
  double  revenue_before;    /* of the revenue basis */
  double  revenue_after;
  gint64  customers_before;
  gint64  customers_after;
} TallyRestatement;

/* One line of the restatement log. */
typedef struct
{
  char *day;
  char *restated_at;         /* ISO 8601, UTC */
  char *who;
  char *why;
} TallyRestatementEntry;

/* What a report shows of frozen days. */
typedef struct
{
  GHashTable *cells;         /* cell key → TallyCell, for frozen days */
  GHashTable *days;          /* frozen day → TRUE */
  GArray     *pending;       /* TallyRestatement: frozen days whose data changed */
  GPtrArray  *restated;      /* "YYYY-MM-DD: why" restated automatically now */
} TallyFreezeView;

TallyFreezeView *tally_freeze_apply        (TallyProject  *project,
                                            TallyEngine   *engine,
                                            gint32         from,
                                            gint32         to,
                                            gint32         as_of,
                                            gboolean       freeze_new,
                                            GError       **error);
void             tally_freeze_view_free    (TallyFreezeView *view);
gboolean         tally_freeze_restate      (TallyProject  *project,
                                            TallyEngine   *engine,
                                            gint32         day,
                                            const char    *why,
                                            GError       **error);
gboolean         tally_freeze_has_days     (TallyProject  *project);
GPtrArray       *tally_freeze_list_log     (TallyProject  *project,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyFreezeView, tally_freeze_view_free)

G_END_DECLS
