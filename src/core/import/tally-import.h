/* tally-import.h: bringing an export into a project, as one batch
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tally-fields.h"
#include "tally-normalize.h"
#include "tally-project.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_IMPORT_FORMAT_TABLE,     /* CSV, TSV or XLSX */
  TALLY_IMPORT_FORMAT_JSON,      /* Marketing API insights */
  TALLY_IMPORT_FORMAT_XML,       /* ECB reference rates */
} TallyImportFormat;

typedef struct
{
  const char     *preset;        /* a preset id, or NULL to detect */
  JsonNode       *mapping;       /* a column mapping, or NULL */
  TallyDecimal    decimal;       /* UNKNOWN: detect */
  TallyDateOrder  date_order;    /* UNKNOWN: detect */
  gboolean        dry_run;
  gboolean        skip_invalid;
} TallyImportOptions;

typedef enum
{
  TALLY_ISSUE_WARNING,
  TALLY_ISSUE_REJECTED,
} TallyIssueSeverity;

typedef struct
{
  TallyIssueSeverity  severity;
  guint64             line;
  char               *column;
  char               *reason;
  char               *raw;        /* the cell as written, or the whole line; may be NULL */
  guint64             count;      /* rows with this warning; 1 for a rejected row */
} TallyImportIssue;

typedef enum
{
  TALLY_QUESTION_NONE,
  TALLY_QUESTION_DECIMAL,
  TALLY_QUESTION_DATE_ORDER,
} TallyQuestion;

typedef struct
{
  char           *file_name;
  char           *sha256;
  guint64         file_size;
  char           *preset_id;
  char           *preset_name;
  double          confidence;
  TallyTarget     target;
  char           *reader;         /* "UTF-8, comma-separated", "Excel workbook…" */
  const char     *line_word;      /* "line", "row" or "entry" */
  TallyDecimal    decimal;
  gboolean        decimal_detected;
  TallyDateOrder  date_order;
  gboolean        date_order_detected;
  gboolean        mapping_reused;
  guint64         rows_read;
  guint64         rows_added;
  guint64         rows_replaced;
  guint64         rows_skipped;
  guint64         rows_ignored;   /* summary and footer rows */
  guint64         n_rejected;
  GPtrArray      *issues;         /* TallyImportIssue, rejected rows first */
  gint64          batch_id;
  gboolean        dry_run;
  TallyQuestion   question;
  char           *question_column;
  char           *question_example;
} TallyImportResult;

typedef void (*TallyImportProgress) (double   fraction,
                                     gpointer user_data);

gboolean tally_import_file          (TallyProject              *project,
                                     const char                *path,
                                     const TallyImportOptions  *options,
                                     TallyImportProgress        progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     TallyImportResult        **result,
                                     GError                   **error);
void     tally_import_result_free   (TallyImportResult         *result);
char    *tally_import_describe_locale (const TallyImportResult *result);
TallyImportFormat tally_import_sniff_format (const char        *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyImportResult, tally_import_result_free)

G_END_DECLS
