/* tally-store.c: the SQLite connection of a project, with the name people know it by
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-store.h"
#include "tally-error.h"

struct _TallyStore
{
  sqlite3  *db;
  char     *display_name;
  guint     depth;          /* transactions begun and not yet ended */
};

/**
 * _tally_store_new:
 * @db: (transfer full): an open connection
 * @display_name: the file's name as the person knows it, for messages
 *
 * Returns: (transfer full): the store, which closes @db when freed
 */
TallyStore *
_tally_store_new (sqlite3    *db,
                  const char *display_name)
{
  TallyStore *store = g_new0 (TallyStore, 1);

  store->db = db;
  store->display_name = g_strdup (display_name);
  return store;
}

void
_tally_store_free (TallyStore *store)
{
  if (store == NULL)
    return;

  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  g_free (store->display_name);
  g_free (store);
}

/* Closes and frees @store, with sqlite3_close()'s answer: a file being
 * created is only complete once this says SQLITE_OK. */
int
_tally_store_close (TallyStore *store)
{
  int rc = sqlite3_close (store->db);

  store->db = NULL;
  _tally_store_free (store);
  return rc;
}

sqlite3 *
_tally_store_get_db (TallyStore *store)
{
  return store->db;
}

const char *
_tally_store_get_display_name (TallyStore *store)
{
  return store->display_name;
}

/* Depth 0 means no transaction is open. */
guint
_tally_store_get_depth (TallyStore *store)
{
  return store->depth;
}

/**
 * _tally_store_set_error:
 * @store: the store that failed
 * @rc: an SQLite result code
 * @error: return location for a #TallyError
 *
 * Turns an SQLite failure into a sentence a person can act on. The SQL and
 * SQLite's own message go to the debug log only: nobody opening a report
 * should read "no such table".
 */
void
_tally_store_set_error (TallyStore  *store,
                        int          rc,
                        GError     **error)
{
  sqlite3 *db = store->db;
  const char *display_name = store->display_name;

  g_debug ("SQLite error %d on %s: %s", rc, display_name,
           db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_LOCKED,
                   _("“%s” is being changed by another program; wait until it has finished, then try again."),
                   display_name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” is read-only; save a copy in a folder you can write to, or change the file’s permissions."),
                   display_name);
      break;

    case SQLITE_FULL:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” could not be saved because the disk is full; free some space and try again."),
                   display_name);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_PROJECT,
                   _("“%s” is not a Tally project; open a .tally file made by Tally, or create one with “tally-cli new”."),
                   display_name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
    case SQLITE_ERROR:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
    case SQLITE_CONSTRAINT:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT,
                   _("“%s” is damaged or was edited outside Tally and cannot be used; restore it from a backup."),
                   display_name);
      break;

    case SQLITE_NOMEM:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("There was not enough memory to work on “%s”; close other programs and try again."),
                   display_name);
      break;

    default:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” could not be read or written (%s); check that the file is still there and that you can write to its folder."),
                   display_name, sqlite3_errstr (rc));
      break;
    }
}

gboolean
_tally_store_exec (TallyStore  *store,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _tally_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_tally_store_prepare (TallyStore  *store,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tally_store_set_error (store, rc, error);
      return NULL;
    }

  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_tally_store_step_done (TallyStore    *store,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tally_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

void
_tally_store_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* A column as UTF-8 text, "" for NULL. */
const char *
_tally_store_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}

/**
 * _tally_store_begin:
 *
 * Begins a transaction, or a savepoint inside the one already open, so that
 * a change made of smaller changes is saved whole or not at all.
 */
gboolean
_tally_store_begin (TallyStore  *store,
                    GError     **error)
{
  if (!_tally_store_exec (store, store->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT tally_nested", error))
    return FALSE;

  store->depth++;
  return TRUE;
}

gboolean
_tally_store_commit (TallyStore  *store,
                     GError     **error)
{
  if (store->depth > 1)
    {
      if (_tally_store_exec (store, "RELEASE tally_nested", error))
        {
          store->depth--;
          return TRUE;
        }
      _tally_store_rollback (store);
      return FALSE;
    }

  if (_tally_store_exec (store, "COMMIT", error))
    {
      store->depth = 0;
      return TRUE;
    }

  _tally_store_rollback (store);
  return FALSE;
}

void
_tally_store_rollback (TallyStore *store)
{
  if (store->depth > 1)
    {
      sqlite3_exec (store->db, "ROLLBACK TO tally_nested; RELEASE tally_nested", NULL, NULL, NULL);
      store->depth--;
      return;
    }

  store->depth = 0;
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}
