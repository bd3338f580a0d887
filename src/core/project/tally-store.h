/* tally-store.h: the SQLite connection of a project, with the name people
 * know it by, so that every failure can name the file
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _TallyStore TallyStore;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

TallyStore   *_tally_store_new          (sqlite3       *db,
                                         const char    *display_name);
void          _tally_store_free         (TallyStore    *store);
int           _tally_store_close        (TallyStore    *store);
sqlite3      *_tally_store_get_db       (TallyStore    *store);
const char   *_tally_store_get_display_name (TallyStore *store);
guint         _tally_store_get_depth    (TallyStore    *store);

void          _tally_store_set_error    (TallyStore    *store,
                                         int            rc,
                                         GError       **error);
gboolean      _tally_store_exec         (TallyStore    *store,
                                         const char    *sql,
                                         GError       **error);
sqlite3_stmt *_tally_store_prepare      (TallyStore    *store,
                                         const char    *sql,
                                         GError       **error);
gboolean      _tally_store_step_done    (TallyStore    *store,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
void          _tally_store_bind_text    (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);
const char   *_tally_store_column_text  (sqlite3_stmt  *stmt,
                                         int            column);

gboolean      _tally_store_begin        (TallyStore    *store,
                                         GError       **error);
gboolean      _tally_store_commit       (TallyStore    *store,
                                         GError       **error);
void          _tally_store_rollback     (TallyStore    *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyStore, _tally_store_free)

G_END_DECLS
