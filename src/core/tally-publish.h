/* tally-publish.h: publishing a period, which freezes its old enough days
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-report-session.h"

G_BEGIN_DECLS

/* What publishing a period would do, before it does it. */
typedef struct
{
  gint32     from;
  gint32     to;
  gint32     as_of;
  gint32     last_freezable;   /* as_of − restatement_days */
  GArray    *to_freeze;        /* gint32: days of the period that freeze now */
  guint      n_frozen;         /* days of the period frozen already */
  guint      n_live;           /* days too young to freeze: published, still live */
  GPtrArray *warnings;         /* char *: days to freeze with data from one source only */
} TallyPublishPlan;

TallyPublishPlan *tally_publish_plan_new  (TallyReportSession  *session,
                                           gint32               from,
                                           gint32               to,
                                           gint32               as_of);
void              tally_publish_plan_free (TallyPublishPlan    *plan);
char             *tally_publish_plan_describe (const TallyPublishPlan *plan);
gint64            tally_publish           (TallyReportSession  *session,
                                           const TallyPublishPlan *plan,
                                           const char          *note,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyPublishPlan, tally_publish_plan_free)

G_END_DECLS
