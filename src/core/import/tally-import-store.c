/* tally-import-store.c: where a target's rows go: its SQL, the binding of values,
 * and the identities seen in the file
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target has one INSERT, prepared once per batch and reset after every
 * row; a repeat of an identity within the file is found with a 64-bit hash
 * set and confirmed in SQL before the row is rejected.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-store.h"
#include "tally-strings.h"
#include "tally-import-private.h"
#include "tally-identity-set.h"
#include "tally-row-writer.h"

/* Binding ------------------------------------------------------------------ */

/* Every text bound lives until the row is stored: it points into the
 * reader's row or into keep()'s strings. */
void
_tally_import_bind_text (TallyRowWriter *row,
                         int             index,
                         const char     *text)
{
  /* Parameters are NULL until bound: they are cleared after every row. */
  if (text != NULL && text[0] != '\0')
    _tally_row_bind_text (row, index, text, -1);
}

/* New texts a coded column may add to the strings table in one batch:
 * past them, a column whose values are all different (an id in a UTM, a
 * landing page with a query of its own) keeps them inline, where they
 * cost their length once instead of twice (the table and its index). */
#define MAX_NEW_STRINGS 4096

/* Binds @text to a coded column of crm_rows (schema 6): the id of its
 * text in the strings table, or the text itself. The origin (3) and the
 * kind (5) are always ids, so that SQL compares records by them; a
 * landing page with a query or a fragment is nearly always one of a kind,
 * and stays inline. Returns: the id, or 0 for a text bound inline. */
gint64
_tally_import_bind_coded (ImportContext *ctx,
                          int            index,
                          const char    *text)
{
  gboolean always = index == 3 || index == 5;
  gint64 id;

  g_assert (index > 0 && index < CRM_BIND_COLUMNS);
  if (text == NULL || (text[0] == '\0' && !always))
    return 0;

  /* Most columns repeat their last text, or hold one text throughout. */
  if (ctx->last_text[index] != NULL && strcmp (ctx->last_text[index], text) == 0)
    {
      _tally_row_bind_int64 (ctx->row_writer, index, ctx->last_text_id[index]);
      return ctx->last_text_id[index];
    }

  id = _tally_strings_find (ctx->strings, text);
  if (id == 0 && (always || (ctx->new_strings[index] < MAX_NEW_STRINGS && (index != 29 || strpbrk (text, "?#") == NULL))))
    {
      id = _tally_strings_add (ctx->strings, text);
      ctx->new_strings[index]++;
    }

  if (id != 0)
    {
      _tally_row_bind_int64 (ctx->row_writer, index, id);
      ctx->last_text[index] = _tally_strings_text (ctx->strings, id);
      ctx->last_text_id[index] = id;
    }
  else
    _tally_row_bind_text (ctx->row_writer, index, text, -1);
  return id;
}

/* A record id that is a plain decimal number, as SQL's rule in schema 6
 * has it: "0", or 1 to 18 digits with no leading zero. */
static gboolean
is_plain_number (const char *text)
{
  gsize length = strspn (text, "0123456789");

  return text[length] == '\0' && length > 0 && length <= 18 && (text[0] != '0' || length == 1);
}

/* Binds a record id: as its INTEGER when it is a plain decimal number,
 * else as its text, so that the same id is stored the same way always.
 * The number identifies the row within its batch, whose origin is one. */
void
_tally_import_bind_record_id (ImportContext *ctx,
                              int            index,
                              const char    *record_id)
{
  ctx->identity_number = -1;
  if (record_id != NULL && is_plain_number (record_id))
    {
      ctx->identity_number = g_ascii_strtoll (record_id, NULL, 10);
      _tally_row_bind_int64 (ctx->row_writer, index, ctx->identity_number);
    }
  else
    _tally_import_bind_text (ctx->row_writer, index, record_id);
}

void
_tally_import_bind_int (TallyRowWriter *row,
                        int             index,
                        gint64          value,
                        gboolean        present)
{
  if (present)
    _tally_row_bind_int64 (row, index, value);
}

/* Stores the bound row, in its turn: its id is the next after the table's
 * largest, as SQLite would give it, and the last parameter of the INSERT. */
gboolean
_tally_import_insert_row (ImportContext  *ctx,
                          GError        **error)
{
  _tally_row_bind_int64 (ctx->row_writer, ctx->id_param, ctx->next_row_id);
  if (!_tally_row_writer_push (ctx->row_writer, error))
    return FALSE;

  ctx->last_row_id = ctx->next_row_id++;
  if (ctx->first_row_id == 0)
    ctx->first_row_id = ctx->last_row_id;
  ctx->result->rows_added++;

  /* The record joins the facts as it was written. */
  if (ctx->crm_facts != NULL && ctx->crm_values != NULL)
    _tally_facts_crm_append_add (ctx->crm_facts, ctx->crm_values);
  return TRUE;
}

/* Whether the row stored as @row_id has @identity (*found), and its line. */
static gboolean
line_with_identity (ImportContext  *ctx,
                    gint64          row_id,
                    const char     *identity,
                    gsize           identity_length,
                    gboolean       *found,
                    guint64        *line,
                    GError        **error)
{
  int rc;

  sqlite3_reset (ctx->find_row);
  sqlite3_bind_int64 (ctx->find_row, 1, row_id);
  rc = sqlite3_step (ctx->find_row);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tally_store_set_error (ctx->store, rc, error);
      return FALSE;
    }
  *found = rc == SQLITE_ROW && (gsize) sqlite3_column_bytes (ctx->find_row, 0) == identity_length &&
           memcmp (sqlite3_column_text (ctx->find_row, 0), identity, identity_length) == 0;
  if (*found)
    *line = (guint64) sqlite3_column_int64 (ctx->find_row, 1);
  return TRUE;
}

/* Whether an earlier row of this batch has @identity (*found), and its
 * line: the row the hash set names, then, should two identities share a
 * 64-bit hash, the whole batch. */
static gboolean
find_duplicate (ImportContext  *ctx,
                const char     *identity,
                gsize           identity_length,
                gboolean       *found,
                guint64        *existing,
                GError        **error)
{
  gint64 row_id = _tally_identity_set_find (ctx->seen, identity, identity_length, ctx->identity_number);
  int rc;

  *found = FALSE;
  if (row_id == 0)
    return TRUE;

  /* The queries read the view: the rows and their texts must be in. */
  if (!_tally_import_end_rows (ctx, error))
    return FALSE;
  if (!line_with_identity (ctx, row_id, identity, identity_length, found, existing, error))
    return FALSE;
  if (*found)
    return TRUE;

  sqlite3_reset (ctx->find_duplicate);
  sqlite3_bind_int64 (ctx->find_duplicate, 1, ctx->batch_id);
  sqlite3_bind_text (ctx->find_duplicate, 2, identity, (int) identity_length, SQLITE_TRANSIENT);
  rc = sqlite3_step (ctx->find_duplicate);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tally_store_set_error (ctx->store, rc, error);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  if (*found)
    *existing = (guint64) sqlite3_column_int64 (ctx->find_duplicate, 0);
  return TRUE;
}

/* Stores the bound row unless the file had it already: the first line
 * wins, and a later one with the same identity is rejected. */
gboolean
_tally_import_insert_unless_duplicate (ImportContext  *ctx,
                                       ImportRow      *row,
                                       const char     *identity,
                                       gsize           identity_length,
                                       GError        **error)
{
  guint64 existing = 0;
  gboolean found;

  if (!find_duplicate (ctx, identity, identity_length, &found, &existing, error))
    return FALSE;

  if (found)
    {
      /* Translators: "this row repeats line 4" (or "row 4" of a workbook) */
      g_autofree char *reason = g_strdup_printf (_("this row repeats %s %" G_GUINT64_FORMAT ", which it would replace"),
                                                 ctx->result->line_word, existing);

      _tally_import_reject (ctx, row->line, NULL, reason);
      _tally_row_writer_clear (ctx->row_writer);
      return TRUE;
    }

  if (!_tally_import_insert_row (ctx, error))
    return FALSE;
  _tally_identity_set_add (ctx->seen, identity, identity_length, ctx->identity_number, ctx->last_row_id);
  return TRUE;
}

/* Per target --------------------------------------------------------------- */

typedef struct
{
  const char *insert;
  const char *find_duplicate;   /* ?1 batch, ?2 identity text */
  const char *find_row;         /* ?1 a row id: its identity text and line */
  const char *replace;          /* ?1 batch, ?2 its first row id */
  const char *next_id;          /* the id of the batch's first row */
  gboolean  (*row) (ImportContext *, ImportRow *, GError **);
} TargetSql;

static const TargetSql target_sql[TALLY_N_TARGETS] = {
  [TALLY_TARGET_META] = {
    "INSERT OR FAIL INTO meta_rows (batch_id, line, identity, date_start, date_end, account_id, account_name, "
    "campaign_id, campaign_name, adset_id, adset_name, ad_id, ad_name, attribution_setting, "
    "attribution_window, breakdown, currency, spend, impressions, reach, all_clicks, link_clicks, "
    "landing_page_views, leads, purchases, purchase_value, purchases_1d_click, purchases_7d_click, "
    "purchases_28d_click, purchases_1d_view, value_1d_click, value_7d_click, value_28d_click, "
    "value_1d_view, leads_1d_click, leads_7d_click, leads_28d_click, leads_1d_view, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)",
    "SELECT line FROM meta_rows WHERE batch_id = ?1 AND identity = ?2 LIMIT 1",
    "SELECT identity, line FROM meta_rows WHERE id = ?1",
    "UPDATE meta_rows SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM meta_rows AS n WHERE n.identity = meta_rows.identity AND n.id >= ?2)",
    "SELECT coalesce (max (id), 0) + 1 FROM meta_rows",
    _tally_import_meta_row,
  },
  [TALLY_TARGET_CRM] = {
    "INSERT OR FAIL INTO crm_rows (batch_id, line, origin, record_id, kind, contact_id, created_at, won_at, "
    "stage, amount, currency, refunded_amount, refunded_at, term_months, email_sha256, phone_sha256, "
    "email, phone, utm_source, utm_medium, utm_campaign, utm_content, utm_term, latest_utm_source, "
    "latest_utm_medium, latest_utm_campaign, latest_utm_content, latest_utm_term, landing_url, fbclid, "
    "fbc, fbp, crm_source, crm_source_detail, latest_crm_source, latest_crm_source_detail, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37)",
    "SELECT line FROM crm_records WHERE origin = substr(?2, 1, instr(?2, char(31)) - 1) "
    "AND record_id = substr(?2, instr(?2, char(31)) + 1) AND batch_id = ?1 LIMIT 1",
    "SELECT origin || char(31) || record_id, line FROM crm_records WHERE id = ?1",
    "UPDATE crm_rows SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM crm_rows AS n WHERE n.origin = crm_rows.origin "
    "AND n.record_id = crm_rows.record_id AND n.id >= ?2)",
    "SELECT coalesce (max (id), 0) + 1 FROM crm_rows",
    _tally_import_crm_row,
  },
  [TALLY_TARGET_SESSIONS] = {
    "INSERT OR FAIL INTO web_sessions (batch_id, line, day, source, medium, campaign, sessions, engaged_sessions, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "SELECT line FROM web_sessions WHERE batch_id = ?1 "
    "AND day || char(31) || source || char(31) || medium || char(31) || campaign = ?2 LIMIT 1",
    "SELECT day || char(31) || source || char(31) || medium || char(31) || campaign, line FROM web_sessions WHERE id = ?1",
    "UPDATE web_sessions SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM web_sessions AS n WHERE n.day = web_sessions.day AND n.source = web_sessions.source "
    "AND n.medium = web_sessions.medium AND n.campaign = web_sessions.campaign AND n.id >= ?2)",
    "SELECT coalesce (max (id), 0) + 1 FROM web_sessions",
    _tally_import_sessions_row,
  },
  [TALLY_TARGET_FX] = {
    "INSERT OR FAIL INTO fx_rates (batch_id, line, day, base, currency, rate, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "SELECT line FROM fx_rates WHERE batch_id = ?1 AND day || char(31) || base || char(31) || currency = ?2 LIMIT 1",
    "SELECT day || char(31) || base || char(31) || currency, line FROM fx_rates WHERE id = ?1",
    "UPDATE fx_rates SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM fx_rates AS n WHERE n.day = fx_rates.day AND n.base = fx_rates.base "
    "AND n.currency = fx_rates.currency AND n.id >= ?2)",
    "SELECT coalesce (max (id), 0) + 1 FROM fx_rates",
    _tally_import_fx_row,
  },
};

/* The id the batch's first row will have. */
static gboolean
first_row_id (ImportContext  *ctx,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (ctx->store, target_sql[ctx->target].next_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tally_store_set_error (ctx->store, rc, error);
      return FALSE;
    }
  ctx->next_row_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
_tally_import_prepare (ImportContext  *ctx,
                       GError        **error)
{
  /* The identity index is kept row by row, on the writer's thread: in
   * parallel with the rows being read, that costs less time than building
   * it once they are in, which is work for one core while the other waits. */
  ctx->insert = _tally_store_prepare (ctx->store, target_sql[ctx->target].insert, error);
  if (ctx->insert == NULL || !first_row_id (ctx, error))
    return FALSE;
  ctx->id_param = sqlite3_bind_parameter_count (ctx->insert);

  ctx->find_duplicate = _tally_store_prepare (ctx->store, target_sql[ctx->target].find_duplicate, error);
  if (ctx->find_duplicate == NULL)
    return FALSE;

  ctx->find_row = _tally_store_prepare (ctx->store, target_sql[ctx->target].find_row, error);
  if (ctx->find_row == NULL)
    return FALSE;

  /* Room for a row per 128 bytes of the file, fewer than any export we
   * know has: reserved, and touched only as rows come. */
  if (ctx->target == TALLY_TARGET_CRM)
    {
      ctx->strings = _tally_strings_new (ctx->store, error);
      if (ctx->strings == NULL)
        return FALSE;
      ctx->crm_facts = _tally_facts_crm_append_new ((guint) MIN (ctx->result->file_size / 128, 1 << 22));
    }
  ctx->seen = _tally_identity_set_new (ctx->result->file_size / 128);
  ctx->identity_number = -1;
  ctx->row_writer = _tally_row_writer_new (ctx->store, ctx->insert);
  ctx->identity = g_string_new (NULL);
  ctx->row_strings = g_ptr_array_new_with_free_func (g_free);
  ctx->attributions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

gboolean
_tally_import_row (ImportContext  *ctx,
                   ImportRow      *row,
                   GError        **error)
{
  gboolean ok;

  ctx->result->rows_read++;
  ctx->current_row = row;
  ok = target_sql[ctx->target].row (ctx, row, error);
  ctx->current_row = NULL;

  /* The writer copied the row's values: its strings may go. A row not
   * stored leaves nothing behind. */
  _tally_row_writer_clear (ctx->row_writer);
  g_ptr_array_set_size (ctx->row_strings, 0);
  ctx->identity_number = -1;
  return ok;
}

/* Waits for the rows pushed so far to be written, then writes the texts
 * they gave ids to: the connection is the caller's until the next row. */
gboolean
_tally_import_end_rows (ImportContext  *ctx,
                        GError        **error)
{
  return _tally_row_writer_flush (ctx->row_writer, error) &&
         (ctx->strings == NULL || _tally_strings_write (ctx->strings, error));
}

/* Stops the writer's thread, whatever it had left: the caller rolls back. */
void
_tally_import_stop_rows (ImportContext *ctx)
{
  g_clear_pointer (&ctx->row_writer, _tally_row_writer_free);
}

/* Hides the rows this batch replaces, and counts them. */
gboolean
_tally_import_finish (ImportContext  *ctx,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (ctx->store,
                               target_sql[ctx->target].replace,
                               error);
  if (stmt == NULL)
    return FALSE;

  /* Rows that were there before this batch have smaller ids than its own. */
  if (ctx->first_row_id == 0)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, ctx->batch_id);
  sqlite3_bind_int64 (stmt, 2, ctx->first_row_id);
  if (!_tally_store_step_done (ctx->store, stmt, error))
    return FALSE;

  ctx->result->rows_replaced = (guint64) sqlite3_changes64 (_tally_store_get_db (ctx->store));
  return TRUE;
}

void
_tally_import_cleanup (ImportContext *ctx)
{
  _tally_import_stop_rows (ctx);
  g_clear_pointer (&ctx->insert, sqlite3_finalize);
  g_clear_pointer (&ctx->find_duplicate, sqlite3_finalize);
  g_clear_pointer (&ctx->find_row, sqlite3_finalize);
  g_clear_pointer (&ctx->crm_facts, _tally_facts_crm_append_free);
  g_clear_pointer (&ctx->strings, _tally_strings_free);
  g_clear_pointer (&ctx->seen, _tally_identity_set_free);
  if (ctx->identity != NULL)
    g_string_free (g_steal_pointer (&ctx->identity), TRUE);
  g_clear_pointer (&ctx->row_strings, g_ptr_array_unref);
  g_clear_pointer (&ctx->attributions, g_hash_table_unref);
  g_clear_pointer (&ctx->warnings, g_hash_table_unref);
  g_clear_pointer (&ctx->stages, g_hash_table_unref);
  g_clear_pointer (&ctx->currencies, g_hash_table_unref);
}
