/* tally-diagnostics.h: the mismatch map, SPEC section 7
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tally-json-writer.h"
#include "tally-report.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_SEVERITY_OK,
  TALLY_SEVERITY_INFO,
  TALLY_SEVERITY_WARNING,
  TALLY_SEVERITY_ERROR,
} TallySeverity;

typedef enum
{
  TALLY_VALUE_NUMBER,
  TALLY_VALUE_MONEY,
  TALLY_VALUE_SHARE,
  TALLY_VALUE_TEXT,
  TALLY_VALUE_LIST,
  TALLY_VALUE_NULL,
} TallyValueKind;

typedef struct
{
  char           *name;
  TallyValueKind  kind;
  double          number;
  char           *text;
  GStrv           list;
} TallyDiagValue;

typedef struct
{
  const char    *id;
  const char    *category;
  TallySeverity  severity;
  GPtrArray     *values;     /* TallyDiagValue */
  char          *message;
  char          *action;
} TallyDiagnostic;

GPtrArray       *tally_diagnostics_compute (TallyReport    *report);
GPtrArray       *tally_report_get_diagnostics (TallyReport *report);
const char      *tally_severity_to_string (TallySeverity    severity);
void             tally_diagnostic_free    (TallyDiagnostic *diagnostic);
void             tally_diagnostics_write  (GPtrArray       *diagnostics,
                                           TallyJsonWriter *writer,
                                           guint            money_decimals);
const char      *tally_diagnostic_title   (const char      *id);
const char * const *tally_diagnostic_categories (void);
const char      *tally_diagnostic_category_title (const char *category);
char            *tally_diagnostic_describe_values (TallyDiagnostic *diagnostic,
                                           const char      *currency,
                                           guint            money_decimals);

G_END_DECLS
