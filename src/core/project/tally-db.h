/* tally-db.h: small helpers around SQLite shared by the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void          _tally_db_set_error   (GError      **error,
                                     sqlite3      *db,
                                     int           rc,
                                     const char   *display_name);
gboolean      _tally_db_exec        (sqlite3      *db,
                                     const char   *sql,
                                     const char   *display_name,
                                     GError      **error);
sqlite3_stmt *_tally_db_prepare     (sqlite3      *db,
                                     const char   *sql,
                                     const char   *display_name,
                                     GError      **error);
gboolean      _tally_db_step_done   (sqlite3_stmt *stmt,
                                     const char   *display_name,
                                     GError      **error);
void          _tally_db_bind_text   (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
const char   *_tally_db_column_text (sqlite3_stmt *stmt,
                                     int           column);

G_END_DECLS
