/* tally-report.h: a period's numbers, both views side by side
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-engine.h"
#include "tally-freeze.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_GROUP_DAY,
  TALLY_GROUP_WEEK,
  TALLY_GROUP_MONTH,
  TALLY_GROUP_CAMPAIGN,
} TallyGroup;

#define TALLY_DAY_UNSET G_MININT32

typedef struct
{
  gint32      from;            /* TALLY_DAY_UNSET: the data's first day */
  gint32      to;              /* TALLY_DAY_UNSET: the data's last day */
  TallyGroup  group;
  gint32      as_of;           /* TALLY_DAY_UNSET: today in the timezone */
  const char *campaign;        /* (nullable): only this campaign's key */
  gboolean    live;            /* the live numbers of every day, ignoring freezes */
} TallyReportOptions;

typedef struct
{
  char      *key;
  char      *campaign_id;
  TallyCell  sum;
  guint      n_days;
  guint      n_frozen;
  gboolean   has_quality;
} TallyReportRow;

typedef struct
{
  const char *id;
  const char *label;
  gint64      amount;       /* minor units of the reporting currency */
  gboolean    measurable;
} TallyBridgeStep;

typedef struct
{
  gint64           start;
  gint64           end;
  TallyBridgeStep  steps[5];
  guint            n_steps;
  gint64           no_source;
  gint64           unmatched;
} TallyBridge;

typedef struct
{
  TallyEngine    *engine;
  guint           campaign;    /* the only campaign counted, or G_MAXUINT for all */
  const TallyFreezeView *view; /* (nullable): the frozen days, whose stored numbers stand for the live ones */
  guint           n_pending;   /* frozen days of the range with a pending restatement */
  GPtrArray      *publications; /* (nullable): TallyPublication, borrowed, live or not */
  gint32          from;
  gint32          to;
  gint32          as_of;
  TallyGroup      group;
  GPtrArray      *rows;        /* TallyReportRow */
  TallyReportRow  totals;
  TallyBridge     bridge;
  char           *currency;    /* the reporting currency, ISO 4217: tally_report_get_currency() */
  guint           decimals;    /* its minor unit: tally_report_get_decimals() */
  GPtrArray      *diagnostics; /* (nullable): the mismatch map, kept by tally_report_get_diagnostics()
                                * of tally-diagnostics.h, which the report knows nothing of */
} TallyReport;

gboolean     tally_group_from_string (const char               *text,
                                      TallyGroup               *group);
const char  *tally_group_to_string   (TallyGroup                group);

TallyReport *tally_report_build      (TallyEngine              *engine,
                                      const TallyReportOptions *options,
                                      const TallyFreezeView    *view);
void         tally_report_free       (TallyReport              *report);
void         tally_cell_add          (TallyCell                *sum,
                                      const TallyCell          *cell);
double       tally_cell_revenue      (const TallyCell          *cell,
                                      const TallyRules         *rules);
const TallyDayDiag *tally_report_day_diag (TallyReport         *report,
                                           gint32               day);
const TallyCell *tally_report_shown_cell (TallyReport          *report,
                                          gint32                day,
                                          guint                 campaign);
gboolean     tally_report_day_is_frozen (TallyReport           *report,
                                         gint32                 day);
gboolean     tally_report_row_is_frozen (const TallyReportRow *row);
double       tally_report_metric     (TallyReport              *report,
                                      const TallyReportRow     *row,
                                      const char               *metric);

const char  *tally_report_get_currency (const TallyReport      *report);
guint        tally_report_get_decimals (const TallyReport      *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyReport, tally_report_free)

G_END_DECLS
