/* test-store.c: the project's connection, its messages and its
 * transactions
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-store.h"
#include "tally-test-utils.h"

typedef struct
{
  char         *dir;
  TallyProject *project;
  TallyStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "Acme Ltd.tally", NULL);
  fixture->project = tally_project_create (path, NULL, &error);
  g_assert_no_error (error);
  fixture->store = _tally_project_get_store (fixture->project);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
count_settings (Fixture    *fixture,
                const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (fixture->store,
                                                       "SELECT count(*) FROM settings WHERE key = ?1", NULL);

  g_assert_nonnull (stmt);
  _tally_store_bind_text (stmt, 1, key);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
insert_setting (Fixture    *fixture,
                const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (fixture->store,
                                                       "INSERT INTO settings (key, value) VALUES (?1, 'x')", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (stmt);
  _tally_store_bind_text (stmt, 1, key);
  g_assert_true (_tally_store_step_done (fixture->store, stmt, &error));
  g_assert_no_error (error);
}

/* A failure names the file as the person knows it and never shows SQL. */
static void
test_store_messages (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpstr (_tally_store_get_display_name (fixture->store), ==, "Acme Ltd.tally");
  stmt = _tally_store_prepare (fixture->store, "SELECT nothing FROM nowhere", &error);
  g_assert_null (stmt);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“Acme Ltd.tally”"));
  g_assert_null (strstr (error->message, "nowhere"));
  g_clear_error (&error);

  _tally_store_set_error (fixture->store, SQLITE_FULL, &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_assert_cmpstr (error->message, ==,
                   "“Acme Ltd.tally” could not be saved because the disk is full; free some space and try again.");
}

/* Transactions nest: an inner rollback undoes only the inner change, an
 * outer rollback undoes everything, and the depth says where we are. */
static void
test_store_nesting (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (_tally_store_get_depth (fixture->store), ==, 0);
  g_assert_true (_tally_store_begin (fixture->store, &error));
  insert_setting (fixture, "test.outer");
  g_assert_true (_tally_store_begin (fixture->store, &error));
  g_assert_cmpuint (_tally_store_get_depth (fixture->store), ==, 2);
  insert_setting (fixture, "test.inner");
  _tally_store_rollback (fixture->store);
  g_assert_cmpuint (_tally_store_get_depth (fixture->store), ==, 1);
  g_assert_cmpint (count_settings (fixture, "test.inner"), ==, 0);
  g_assert_cmpint (count_settings (fixture, "test.outer"), ==, 1);

  g_assert_true (_tally_store_begin (fixture->store, &error));
  insert_setting (fixture, "test.kept");
  g_assert_true (_tally_store_commit (fixture->store, &error));
  g_assert_true (_tally_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_tally_store_get_depth (fixture->store), ==, 0);
  g_assert_cmpint (count_settings (fixture, "test.kept"), ==, 1);

  g_assert_true (_tally_store_begin (fixture->store, &error));
  insert_setting (fixture, "test.dropped");
  _tally_store_rollback (fixture->store);
  g_assert_cmpuint (_tally_store_get_depth (fixture->store), ==, 0);
  g_assert_cmpint (count_settings (fixture, "test.dropped"), ==, 0);
  g_assert_cmpint (count_settings (fixture, "test.outer"), ==, 1);
}

/* Text binds as text, NULL as NULL, and NULL reads back as "". */
static void
test_store_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (fixture->store, "SELECT ?1, ?2, typeof (?2)", NULL);

  _tally_store_bind_text (stmt, 1, "Bogotá");
  _tally_store_bind_text (stmt, 2, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (_tally_store_column_text (stmt, 0), ==, "Bogotá");
  g_assert_cmpstr (_tally_store_column_text (stmt, 1), ==, "");
  g_assert_cmpstr (_tally_store_column_text (stmt, 2), ==, "null");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/messages", Fixture, NULL, fixture_set_up, test_store_messages, fixture_tear_down);
  g_test_add ("/store/nesting", Fixture, NULL, fixture_set_up, test_store_nesting, fixture_tear_down);
  g_test_add ("/store/text", Fixture, NULL, fixture_set_up, test_store_text, fixture_tear_down);

  return g_test_run ();
}
