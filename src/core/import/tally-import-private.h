/* tally-import-private.h: what the parts of the importer share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tally-facts-private.h"
#include "tally-import.h"
#include "tally-project-private.h"
#include "tally-preset.h"
#include "tally-table-reader.h"

G_BEGIN_DECLS

/* Meta's attribution windows, as the Marketing API names them. */
enum { WINDOW_1D_CLICK, WINDOW_7D_CLICK, WINDOW_28D_CLICK, WINDOW_1D_VIEW, N_WINDOWS };

/* One row's values by field of the target, wherever they came from. */
typedef struct
{
  const char *values[TALLY_MAX_FIELDS];
  const char *columns[TALLY_MAX_FIELDS];   /* the file's names, for messages */
  gboolean    typed[TALLY_MAX_FIELDS];
  guint64     line;

  /* Per-window Meta results, from the Marketing API; NULL when absent. */
  const char *purchases_window[N_WINDOWS];
  const char *value_window[N_WINDOWS];
  const char *leads_window[N_WINDOWS];
} ImportRow;

typedef struct _IdentitySet IdentitySet;
typedef struct _TallyStrings TallyStrings;
typedef struct _TallyRowWriter TallyRowWriter;

/* The columns of crm_rows, as the CRM insert numbers its parameters. */
#define CRM_BIND_COLUMNS 37

typedef struct
{
  TallyProject              *project;
  TallyStore                *store;
  const char                *display_name;
  const TallyImportOptions  *options;
  TallyImportResult         *result;
  TallyMapping              *mapping;
  TallyTableReader          *reader;        /* the header's, with its look-ahead */
  TallyTarget                target;
  char                      *origin;
  char                      *contact_origin;
  char                      *kind;
  gboolean                   record_is_contact;
  char                      *header_currency;
  gint64                     batch_id;
  gint64                     first_row_id;
  gint64                     last_row_id;
  TallyDecimal               decimal;
  TallyDateOrder             date_order;
  gboolean                   decimal_assumed;

  char                      *reporting_currency;
  char                      *crm_currency;
  char                      *default_country_code;
  gboolean                   store_raw_pii;

  gpointer                   hash_job;
  GThread                   *hash_thread;

  sqlite3_stmt              *insert;
  TallyRowWriter            *row_writer;    /* the rows of the batch, with their thread */
  gint64                     next_row_id;  sqlite3_stmt              *find_duplicate;
  sqlite3_stmt              *find_row;      /* ?1 a row id: its identity */
  IdentitySet               *seen;
  gint64                     identity_number; /* the current row's record id, if a plain number */
  GString                   *identity;      /* the current row's */
  TallyCrmAppend            *crm_facts;     /* the batch's CRM records as facts */
  TallyStrings              *strings;       /* the project's, for coded columns */
  guint                      new_strings[CRM_BIND_COLUMNS];  /* added by this batch */
  const char                *last_text[CRM_BIND_COLUMNS];    /* the last id bound, and its text */
  gint64                     last_text_id[CRM_BIND_COLUMNS];
  char                       last_currency_text[4]; /* as the file wrote it */
  const char                *last_currency;         /* its code */
  int                        id_param;      /* the INSERT's last parameter: the row's id */
  const TallyCrmValues      *crm_values;    /* the current CRM row's */
  GPtrArray                 *row_strings;
  GHashTable                *attributions;
  GHashTable                *warnings;
  const ImportRow           *current_row;   /* for the raw text of a rejection */
  GHashTable                *stages;        /* stage → rows, the first 64 */
  guint64                    rows_with_spend;
  GHashTable                *currencies;    /* of Meta amounts */
  char                      *customer_stages;
} ImportContext;

gboolean _tally_import_prepare (ImportContext  *ctx,
                                GError        **error);
gboolean _tally_import_row     (ImportContext  *ctx,
                                ImportRow      *row,
                                GError        **error);
gboolean _tally_import_end_rows (ImportContext  *ctx,
                                 GError        **error);
void     _tally_import_stop_rows (ImportContext *ctx);
gboolean _tally_import_finish  (ImportContext  *ctx,
                                GError        **error);
void     _tally_import_cleanup (ImportContext  *ctx);
void     _tally_import_reject_line (ImportContext *ctx,
                                    guint64        line,
                                    const char    *reason,
                                    const char    *raw);
void     _tally_import_reject  (ImportContext  *ctx,
                                guint64         line,
                                const char     *column,
                                const char     *reason);
JsonNode *_tally_import_load_saved_mapping (TallyProject *project,
                                            const char   *signature);
void     _tally_import_warn    (ImportContext  *ctx,
                                guint64         line,
                                const char     *column,
                                const char     *reason);

gboolean _tally_import_insights (ImportContext  *ctx,
                                 const char     *path,
                                 GCancellable   *cancellable,
                                 GError        **error);
gboolean _tally_import_ecb      (ImportContext  *ctx,
                                 const char     *path,
                                 GCancellable   *cancellable,
                                 GError        **error);

/* The shared value readers (tally-import-rows.c): each rejects its row
 * with a sentence when the value cannot be read. */
const char  *_tally_import_keep          (ImportContext  *ctx,
                                          char           *text);
const char  *_tally_import_value         (ImportRow      *row,
                                          int             field);
const char  *_tally_import_trimmed       (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field);
TallyDecimal _tally_import_decimal_for   (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field);
gboolean     _tally_import_read_count    (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field,
                                          gint64         *out,
                                          gboolean       *present);
gboolean     _tally_import_read_money    (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field,
                                          const char     *currency,
                                          gint64         *out,
                                          gboolean       *present);
gboolean     _tally_import_read_day      (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field,
                                          const char    **out);
gboolean     _tally_import_read_time     (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field,
                                          const char    **out);
gboolean     _tally_import_read_currency (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field,
                                          const char    **out);
gboolean     _tally_import_check_id      (ImportContext  *ctx,
                                          ImportRow      *row,
                                          int             field);

gboolean     _tally_import_number_problem (const char    *value,
                                           TallyDecimal   decimal,
                                           TallyNumber   *number,
                                           char         **reason);

/* Binding and storing (tally-import-store.c). */
gboolean _tally_import_insert_row (ImportContext  *ctx,
                                   GError        **error);
void     _tally_import_bind_text  (TallyRowWriter *row,
                                   int             index,
                                   const char     *text);
gint64   _tally_import_bind_coded (ImportContext *ctx,
                                   int            index,
                                   const char    *text);
void     _tally_import_bind_record_id (ImportContext *ctx,
                                       int            index,
                                       const char    *record_id);
void     _tally_import_bind_int   (TallyRowWriter *row,
                                   int             index,
                                   gint64          value,
                                   gboolean        present);
gboolean _tally_import_insert_unless_duplicate (ImportContext  *ctx,
                                                ImportRow      *row,
                                                const char     *identity,
                                                gsize           identity_length,
                                                GError        **error);

/* One row of each target (tally-import-meta.c, tally-import-crm.c). */
gboolean _tally_import_meta_row     (ImportContext  *ctx,
                                     ImportRow      *row,
                                     GError        **error);
gboolean _tally_import_crm_row      (ImportContext  *ctx,
                                     ImportRow      *row,
                                     GError        **error);
gboolean _tally_import_sessions_row (ImportContext  *ctx,
                                     ImportRow      *row,
                                     GError        **error);
gboolean _tally_import_fx_row       (ImportContext  *ctx,
                                     ImportRow      *row,
                                     GError        **error);

/* The file as a whole (tally-import-hash.c). */
gboolean _tally_import_stat_file     (const char         *path,
                                      TallyImportResult  *result,
                                      guint64            *size,
                                      GError            **error);
gboolean _tally_import_hash_start    (ImportContext      *ctx,
                                      const char         *path,
                                      guint64             size,
                                      GError            **error);
gboolean _tally_import_wait_for_hash (ImportContext      *ctx,
                                      GError            **error);
void     _tally_import_hash_stop     (ImportContext      *ctx);

/* What the file is (tally-import-detect.c). */
gboolean _tally_import_read_header   (ImportContext      *ctx,
                                      const char         *path,
                                      GError            **error);
gboolean _tally_import_save_mapping  (ImportContext      *ctx,
                                      GError            **error);

/* Results (tally-import-result.c). */
TallyImportResult *_tally_import_result_new     (const char    *path);
int                _tally_import_compare_issues (gconstpointer  a,
                                                 gconstpointer  b);

G_END_DECLS
