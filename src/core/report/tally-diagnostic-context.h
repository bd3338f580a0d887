/* tally-diagnostic-context.h: what a check of the mismatch map is given,
 * and the helpers it builds its finding with
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "tally-diagnostics.h"

G_BEGIN_DECLS

typedef struct _TallyDiagContext TallyDiagContext;

/* One check of the registry (tally-diagnostics.c): it adds exactly one
 * finding, under the registry's id and category. */
typedef void (*TallyCheckFunc) (TallyDiagContext *ctx);

typedef struct
{
  const char     *id;
  const char     *category;
  const char     *title;       /* N_(): translated when shown */
  TallyCheckFunc  check;
} TallyCheck;

struct _TallyDiagContext
{
  TallyReport      *report;
  const TallyCheck *check;     /* the check running now */
  GPtrArray        *list;      /* TallyDiagnostic */
  TallyDayDiag      days;      /* summed over the range */
  guint             decimals;
  const char       *currency;
};

void             _tally_diag_context_init  (TallyDiagContext *ctx,
                                            TallyReport      *report);
TallyDiagnostic *_tally_diag_add           (TallyDiagContext *ctx,
                                            TallySeverity     severity,
                                            char             *message,
                                            const char       *action);
void             _tally_diag_set_number    (TallyDiagnostic  *diagnostic,
                                            const char       *name,
                                            TallyValueKind    kind,
                                            double            number);
void             _tally_diag_set_text      (TallyDiagnostic  *diagnostic,
                                            const char       *name,
                                            const char       *text);
void             _tally_diag_set_list      (TallyDiagnostic  *diagnostic,
                                            const char       *name,
                                            GPtrArray        *items);
char            *_tally_diag_count_text    (gint64            n);
gulong           _tally_diag_plural_n      (gint64            n);
double           _tally_diag_ratio         (double            numerator,
                                            double            denominator);
char            *_tally_diag_percent       (double            share);
char            *_tally_diag_money         (TallyDiagContext *ctx,
                                            double            minor);

/* The checks, tally-checks-meta.c and tally-checks-crm.c. */
void _tally_check_window_mismatch       (TallyDiagContext *ctx);
void _tally_check_view_through_share    (TallyDiagContext *ctx);
void _tally_check_meta_exceeds_crm      (TallyDiagContext *ctx);
void _tally_check_meta_below_crm        (TallyDiagContext *ctx);
void _tally_check_match_quality         (TallyDiagContext *ctx);
void _tally_check_account_timezone      (TallyDiagContext *ctx);
void _tally_check_crm_day_shift         (TallyDiagContext *ctx);
void _tally_check_conversion_lag        (TallyDiagContext *ctx);
void _tally_check_open_period           (TallyDiagContext *ctx);
void _tally_check_currencies            (TallyDiagContext *ctx);
void _tally_check_fx_missing            (TallyDiagContext *ctx);
void _tally_check_invoiced_vs_delivery  (TallyDiagContext *ctx);
void _tally_check_all_vs_link_clicks    (TallyDiagContext *ctx);
void _tally_check_landing_page_views    (TallyDiagContext *ctx);
void _tally_check_sessions_vs_clicks    (TallyDiagContext *ctx);
void _tally_check_range_rows            (TallyDiagContext *ctx);
void _tally_check_utm_missing           (TallyDiagContext *ctx);
void _tally_check_unmatched_campaign    (TallyDiagContext *ctx);
void _tally_check_duplicate_leads       (TallyDiagContext *ctx);
void _tally_check_stage_anomalies       (TallyDiagContext *ctx);
void _tally_check_refund_share          (TallyDiagContext *ctx);

/* A sentence with a count in it, in the plural form the count takes. */
#define P_(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, _tally_diag_plural_n (n))

G_END_DECLS
