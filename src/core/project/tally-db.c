/* tally-db.c: small helpers around SQLite shared by the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-db"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-db.h"
#include "tally-error.h"

/**
 * _tally_db_set_error:
 * @error: return location for a #TallyError
 * @db: (nullable): the connection, for the developer's log
 * @rc: an SQLite result code
 * @display_name: the project's file name, as the person knows it
 *
 * Turns an SQLite failure into a sentence a person can act on. The SQL and
 * SQLite's own message go to the debug log only: nobody opening a report
 * should read "no such table".
 */
void
_tally_db_set_error (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *display_name)
{
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
_tally_db_exec (sqlite3     *db,
                const char  *sql,
                const char  *display_name,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _tally_db_set_error (error, db, rc, display_name);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_tally_db_prepare (sqlite3     *db,
                   const char  *sql,
                   const char  *display_name,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tally_db_set_error (error, db, rc, display_name);
      return NULL;
    }

  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_tally_db_step_done (sqlite3_stmt  *stmt,
                     const char    *display_name,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tally_db_set_error (error, sqlite3_db_handle (stmt), rc, display_name);
      return FALSE;
    }

  return TRUE;
}

void
_tally_db_bind_text (sqlite3_stmt *stmt,
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
_tally_db_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}
