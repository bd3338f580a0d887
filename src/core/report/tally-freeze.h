/* tally-freeze.h: published days and their restatements, SPEC section 8
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tally-engine.h"
#include "tally-json-writer.h"
#include "tally-project.h"

G_BEGIN_DECLS

/* One number of a frozen day whose live value differs from the published
 * one. */
typedef struct
{
  const char *metric;        /* a metric key of `report --json` */
  double      published;     /* money in minor units of the reporting currency, else a count */
  double      live;
  gboolean    money;
} TallyMetricChange;

/* A frozen day whose data changed since it froze: a pending restatement. */
typedef struct
{
  gint32   day;
  gint64   publication;      /* the publication that froze it */
  char    *changed_rules;    /* (nullable): settings it froze under other values of */
  GArray  *changes;          /* TallyMetricChange; empty when only the split by campaign moved */
} TallyRestatement;

/* One line of the restatement log. */
typedef struct
{
  char *day;
  char *restated_at;         /* ISO 8601, UTC */
  char *who;
  char *why;
} TallyRestatementEntry;

/* One act of sharing a period (SPEC section 8). */
typedef struct
{
  gint64   id;
  char    *kind;             /* "publish", or "migrated" for days frozen by viewing before schema 4 */
  gint32   from;
  gint32   to;
  gint32   as_of;            /* G_MININT32 when unknown (migrated) */
  char    *who;
  char    *published_at;     /* ISO 8601, UTC */
  char    *note;
  char    *settings;         /* JSON: the settings in force */
  char    *totals;           /* JSON: the totals row, as `report --json` prints it */
  char    *bridge;           /* JSON: the gap bridge */
  guint    frozen_days;      /* days this publication froze */
} TallyPublication;

/* What a report shows of frozen days: read from the project, never
 * written. */
typedef struct
{
  GHashTable *cells;         /* cell key → TallyCell, for frozen days */
  GHashTable *days;          /* frozen day → its publication id */
  GHashTable *diags;         /* frozen day → TallyDayDiag stored with it */
  GPtrArray  *pending;       /* TallyRestatement, by day */
  GPtrArray  *publications;  /* TallyPublication, the oldest first */
} TallyFreezeView;

TallyFreezeView *tally_freeze_load         (TallyProject  *project,
                                            TallyEngine   *engine,
                                            GError       **error);
void             tally_freeze_view_free    (TallyFreezeView *view);
guint            tally_freeze_view_count_pending (const TallyFreezeView *view,
                                                  gint32                 from,
                                                  gint32                 to);
gboolean         tally_freeze_restate      (TallyProject  *project,
                                            const gint32  *days,
                                            guint          n_days,
                                            const char    *why,
                                            GError       **error);
void             tally_freeze_restate_async  (TallyProject        *project,
                                              GArray              *days,
                                              const char          *why,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         tally_freeze_restate_finish (TallyProject        *project,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean         tally_freeze_has_days     (TallyProject  *project);
GPtrArray       *tally_freeze_list_log     (TallyProject  *project,
                                            GError       **error);
const char      *tally_metric_change_label (const TallyMetricChange *change);
GPtrArray       *tally_publications_list   (TallyProject  *project,
                                            GError       **error);
void             tally_publication_free    (TallyPublication *publication);
char            *tally_publication_describe (const TallyPublication *publication);
gboolean         tally_publication_overlaps (const TallyPublication *publication,
                                             gint32                  from,
                                             gint32                  to);
void             tally_publication_write   (const TallyPublication *publication,
                                            TallyJsonWriter        *writer,
                                            gboolean                full);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyFreezeView, tally_freeze_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyPublication, tally_publication_free)

G_END_DECLS
