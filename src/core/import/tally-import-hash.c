/* tally-import-hash.c: the file as a whole: its size, its SHA-256 and
 * whether the same bytes came before
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hashing a big file takes a while. Only a file of a size seen before can
 * be a repeat, so such a file is hashed first; any other is hashed on a
 * thread of its own while it is imported, and the batch row waits for it.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <nettle/sha2.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-store.h"
#include "tally-error.h"
#include "tally-import-private.h"
#include "tally-normalize.h"
#include "tally-settings.h"
#include "tally-project-private.h"
#include "tally-table-reader.h"

/* The file as a whole ------------------------------------------------------ */

typedef struct
{
  char     *path;
  char     *sha256;
  guint64   size;
  GError   *error;
} HashJob;

static void
_tally_import_hash_job_free (HashJob *job)
{
  g_free (job->path);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

static gpointer
_tally_import_hash_worker (gpointer data)
{
  HashJob *job = data;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileInputStream) stream = NULL;
  struct sha256_ctx checksum;
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  guint8 digest[SHA256_DIGEST_SIZE];
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  gssize n;

  sha256_init (&checksum);

  stream = g_file_read (file, NULL, &job->error);
  if (stream == NULL)
    return job;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024, NULL, &job->error)) > 0)
    {
      sha256_update (&checksum, (gsize) n, buffer);
      job->size += (guint64) n;
    }

  if (n == 0)
    {
      sha256_digest (&checksum, sizeof digest, digest);
      tally_sha256_to_hex (digest, hex);
      job->sha256 = g_strdup (hex);
    }
  return job;
}

static gboolean
_tally_import_finish_hash (HashJob            *job,
             TallyImportResult  *result,
             GError            **error)
{
  if (job->sha256 == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be read to its end (%s); copy it again and retry."),
                   result->file_name, job->error != NULL ? job->error->message : "");
      return FALSE;
    }

  result->sha256 = g_strdup (job->sha256);
  result->file_size = job->size;
  return TRUE;
}

/* Whether an earlier batch, not undone, had a file of @size bytes: only
 * then can the same bytes have come before. */
static gboolean
_tally_import_size_seen_before (TallyProject *project,
                  guint64       size)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT 1 FROM import_batches WHERE file_size = ?1 AND undone_at IS NULL",
                               NULL);
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, (gint64) size);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
_tally_import_stat_file (const char         *path,
           TallyImportResult  *result,
           guint64            *size,
           GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                     _("“%s” does not exist; check the file name and the folder."), result->file_name);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” could not be read (%s); check that you can open it."),
                     result->file_name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a file; choose an exported file."), result->file_name);
      return FALSE;
    }

  *size = (guint64) g_file_info_get_size (info);
  return TRUE;
}

static gboolean
_tally_import_check_not_imported (TallyProject       *project,
                    TallyImportResult  *result,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT id, imported_at FROM import_batches WHERE sha256 = ?1 AND undone_at IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, result->sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_DUPLICATE,
               _("“%s” was already imported, as batch %" G_GINT64_FORMAT " on %.10s; undo that batch first to import the same file again."),
               result->file_name, (gint64) sqlite3_column_int64 (stmt, 0), _tally_store_column_text (stmt, 1));
  return FALSE;
}


/* The hash from the other core, needed for the batch row. */
gboolean
_tally_import_wait_for_hash (ImportContext  *ctx,
               GError        **error)
{
  if (ctx->hash_thread == NULL)
    return TRUE;

  g_thread_join (g_steal_pointer (&ctx->hash_thread));
  return _tally_import_finish_hash (ctx->hash_job, ctx->result, error);
}

/* Hashes @path: first when a file of its size came before (a repeat is
 * refused before anything is read), else on its own thread. */
gboolean
_tally_import_hash_start (ImportContext  *ctx,
                          const char     *path,
                          guint64         size,
                          GError        **error)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->path = g_strdup (path);
  ctx->hash_job = job;
  if (_tally_import_size_seen_before (ctx->project, size))
    return _tally_import_finish_hash (_tally_import_hash_worker (job), ctx->result, error) &&
           _tally_import_check_not_imported (ctx->project, ctx->result, error);

  ctx->hash_thread = g_thread_new ("tally-hash", _tally_import_hash_worker, job);
  return TRUE;
}

/* Whatever happened, the hashing thread ends before the file is let go. */
void
_tally_import_hash_stop (ImportContext *ctx)
{
  if (ctx->hash_thread != NULL)
    g_thread_join (g_steal_pointer (&ctx->hash_thread));
  g_clear_pointer (&ctx->hash_job, _tally_import_hash_job_free);
}
