/* tally-batches.c: the import batches of a project, and undo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undoing a batch removes every row it added and brings back every row it
 * had replaced, in one transaction. A row it replaced that a later batch
 * also has stays hidden behind that later batch: the latest import still
 * wins. The batch itself stays listed, marked undone. Its rows are found
 * by the run of ids it recorded, the rows it replaced by their index.
 */
#define G_LOG_DOMAIN "tally-batches"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-batches.h"
#include "tally-project-job.h"
#include "tally-store.h"
#include "tally-error.h"
#include "tally-freeze-private.h"
#include "tally-project-private.h"

void
tally_batch_free (TallyBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->file_name);
  g_free (batch->sha256);
  g_free (batch->source);
  g_free (batch->kind);
  g_free (batch->locale);
  g_free (batch->imported_at);
  g_free (batch->undone_at);
  g_free (batch);
}

/**
 * tally_batches_list:
 *
 * Returns: (transfer full) (element-type TallyBatch): every batch, oldest first
 */
GPtrArray *
tally_batches_list (TallyProject  *project,
                    GError       **error)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_batch_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT id, file_name, file_size, sha256, source, kind, locale, rows_added, "
                               "rows_replaced, rows_skipped, imported_at, undone_at FROM import_batches ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TallyBatch *batch = g_new0 (TallyBatch, 1);

      batch->id = sqlite3_column_int64 (stmt, 0);
      batch->file_name = g_strdup (_tally_store_column_text (stmt, 1));
      batch->file_size = sqlite3_column_int64 (stmt, 2);
      batch->sha256 = g_strdup (_tally_store_column_text (stmt, 3));
      batch->source = g_strdup (_tally_store_column_text (stmt, 4));
      batch->kind = g_strdup (_tally_store_column_text (stmt, 5));
      batch->locale = g_strdup (_tally_store_column_text (stmt, 6));
      batch->rows_added = sqlite3_column_int64 (stmt, 7);
      batch->rows_replaced = sqlite3_column_int64 (stmt, 8);
      batch->rows_skipped = sqlite3_column_int64 (stmt, 9);
      batch->imported_at = g_strdup (_tally_store_column_text (stmt, 10));
      if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
        batch->undone_at = g_strdup (_tally_store_column_text (stmt, 11));
      g_ptr_array_add (batches, batch);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return NULL;
    }

  return g_steal_pointer (&batches);
}

/* For each table: the rows to delete, and the rows to bring back. A row
 * brought back is hidden again behind any later batch with its identity;
 * rows of its own batch with that identity (a group Meta named alike)
 * come back with it. */
static const char * const undo_sql[] = {
  "DELETE FROM meta_rows WHERE id BETWEEN (SELECT first_row_id FROM import_batches WHERE id = ?1) "
  "  AND (SELECT last_row_id FROM import_batches WHERE id = ?1) AND batch_id = ?1",
  "UPDATE meta_rows AS r SET replaced_by = (SELECT max(s.batch_id) FROM meta_rows s "
  "  WHERE s.identity = r.identity AND s.replaced_by IS NULL AND s.batch_id > r.batch_id) WHERE r.replaced_by = ?1",
  "DELETE FROM crm_rows WHERE id BETWEEN (SELECT first_row_id FROM import_batches WHERE id = ?1) "
  "  AND (SELECT last_row_id FROM import_batches WHERE id = ?1) AND batch_id = ?1",
  "UPDATE crm_rows AS r SET replaced_by = (SELECT max(s.batch_id) FROM crm_rows s "
  "  WHERE s.origin = r.origin AND s.record_id = r.record_id AND s.replaced_by IS NULL AND s.batch_id > r.batch_id) "
  "  WHERE r.replaced_by = ?1",
  "DELETE FROM web_sessions WHERE id BETWEEN (SELECT first_row_id FROM import_batches WHERE id = ?1) "
  "  AND (SELECT last_row_id FROM import_batches WHERE id = ?1) AND batch_id = ?1",
  "UPDATE web_sessions AS r SET replaced_by = (SELECT max(s.batch_id) FROM web_sessions s "
  "  WHERE s.day = r.day AND s.source = r.source AND s.medium = r.medium AND s.campaign = r.campaign "
  "  AND s.replaced_by IS NULL AND s.batch_id > r.batch_id) WHERE r.replaced_by = ?1",
  "DELETE FROM fx_rates WHERE id BETWEEN (SELECT first_row_id FROM import_batches WHERE id = ?1) "
  "  AND (SELECT last_row_id FROM import_batches WHERE id = ?1) AND batch_id = ?1",
  "UPDATE fx_rates AS r SET replaced_by = (SELECT max(s.batch_id) FROM fx_rates s "
  "  WHERE s.day = r.day AND s.base = r.base AND s.currency = r.currency AND s.replaced_by IS NULL "
  "  AND s.batch_id > r.batch_id) WHERE r.replaced_by = ?1",
  "UPDATE import_batches SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
};

static gboolean
check_undoable (TallyProject  *project,
                gint64         batch_id,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT undone_at FROM import_batches WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("“%s” has no batch %" G_GINT64_FORMAT "; “tally-cli batches” lists them."),
                   tally_project_get_display_name (project), batch_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("Batch %" G_GINT64_FORMAT " of “%s” was already undone on %.10s."),
                   batch_id, tally_project_get_display_name (project), _tally_store_column_text (stmt, 0));
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_batches_undo:
 * @project: a project
 * @batch_id: the batch to undo
 * @error: return location for a #TallyError
 *
 * Removes what the batch added and restores what it replaced.
 */
gboolean
tally_batches_undo (TallyProject  *project,
                    gint64         batch_id,
                    GError       **error)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);

  if (!_tally_project_begin (project, error))
    return FALSE;

  if (!check_undoable (project, batch_id, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  if (!_tally_project_bump_data_version (project, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (undo_sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (_tally_project_get_store (project),
                                                           undo_sql[i],
                                                           error);

      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, batch_id);
      if (stmt == NULL || !_tally_store_step_done (_tally_project_get_store (project), stmt, error))
        {
          _tally_project_rollback (project);
          return FALSE;
        }
    }

  /* Frozen days the batch had numbers on are restated, and logged, in
   * the same transaction. */
  why = g_strdup_printf (_("undo of batch %" G_GINT64_FORMAT), batch_id);
  if (!_tally_freeze_restate_changed (project, why, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  if (!_tally_project_commit (project, error))
    return FALSE;

  tally_project_notify_data_changed (project);
  return TRUE;
}

/**
 * tally_batches_to_json:
 *
 * Returns: (transfer full): the array `tally-cli batches --json` prints
 */
JsonNode *
tally_batches_to_json (GPtrArray *batches)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < batches->len; i++)
    {
      TallyBatch *batch = g_ptr_array_index (batches, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, batch->id);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, batch->file_name);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, batch->source);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, batch->kind);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, batch->rows_added);
      json_builder_set_member_name (builder, "replaced");
      json_builder_add_int_value (builder, batch->rows_replaced);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, batch->rows_skipped);
      json_builder_set_member_name (builder, "imported_at");
      json_builder_add_string_value (builder, batch->imported_at);
      json_builder_set_member_name (builder, "undone_at");
      if (batch->undone_at != NULL)
        json_builder_add_string_value (builder, batch->undone_at);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, batch->file_size);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, batch->sha256);
      json_builder_set_member_name (builder, "locale");
      json_builder_add_string_value (builder, batch->locale);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static gboolean
undo_job (TallyProject  *project,
          gpointer       data,
          GError       **error)
{
  return tally_batches_undo (project, *(gint64 *) data, error);
}

/**
 * tally_batches_undo_async:
 * @project: a project
 * @batch_id: the batch to undo
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when the undo is done
 * @user_data: data for @callback
 *
 * Undoes a batch as tally_batches_undo() does, in a worker thread over a
 * connection of its own (tally_project_run_async()).
 */
void
tally_batches_undo_async (TallyProject        *project,
                          gint64               batch_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  tally_project_run_async (project, undo_job, g_memdup2 (&batch_id, sizeof batch_id), g_free,
                           cancellable, callback, user_data);
}

gboolean
tally_batches_undo_finish (TallyProject  *project,
                           GAsyncResult  *result,
                           GError       **error)
{
  return tally_project_run_finish (project, result, error);
}
