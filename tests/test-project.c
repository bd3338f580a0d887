/* test-project.c: creating, opening and refusing project files
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = tally_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "Acme Hogar.tally", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
create_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TallyProject *project = tally_project_create (fixture->path, NULL, &error);

  g_assert_no_error (error);
  g_assert_finalize_object (project);
}

/* Runs SQL on the file directly, as another program would. */
static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *leftover = NULL;
  GDir *dir;
  guint n_files = 0;

  project = tally_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpstr (tally_project_get_path (project), ==, fixture->path);
  g_assert_cmpstr (tally_project_get_display_name (project), ==, "Acme Hogar.tally");
  g_assert_cmpuint (tally_project_get_schema_version (project), ==,
                    tally_project_get_current_schema_version ());
  g_assert_false (tally_project_is_read_only (project));

  /* The client's name defaults to the file name without its extension. */
  name = tally_project_get_setting (project, "name");
  g_assert_cmpstr (name, ==, "Acme Hogar");
  g_clear_object (&project);

  /* The identity is in the file for any SQLite reader to see. */
  g_assert_cmpint (query_int (fixture->path, "PRAGMA application_id"), ==, 0x54616C79);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==,
                   tally_project_get_current_schema_version ());
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM import_batches"), ==, 0);

  /* Creating leaves no temporary file behind. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_dir_close (dir);
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_create_with_settings (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const settings[] = {
    "timezone", "America/Mexico_City", "reporting_currency", "mxn", "name", "Casa Azul", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *name = NULL;

  project = tally_project_create (fixture->path, settings, &error);
  g_assert_no_error (error);

  tz = tally_project_get_setting (project, "timezone");
  currency = tally_project_get_setting (project, "reporting_currency");
  name = tally_project_get_setting (project, "name");
  g_assert_cmpstr (tz, ==, "America/Mexico_City");
  g_assert_cmpstr (currency, ==, "MXN");
  g_assert_cmpstr (name, ==, "Casa Azul");
}

static void
test_create_invalid_settings (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const settings[] = { "timezone", "Mars/Base", NULL };
  g_autoptr(GError) error = NULL;
  TallyProject *project;

  project = tally_project_create (fixture->path, settings, &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_null (project);
  g_assert_true (g_strrstr (error->message, "timezone") != NULL);

  /* Nothing is left where the project would have been. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_create_existing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TallyProject *project;

  tally_test_write_file (fixture->path, "precious notes\n", -1);
  before = tally_test_file_sha256 (fixture->path);

  project = tally_project_create (fixture->path, NULL, &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_EXISTS);
  g_assert_null (project);
  g_assert_true (g_strrstr (error->message, "Acme Hogar.tally") != NULL);

  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *scope = NULL;

  create_project (fixture);
  before = tally_test_file_sha256 (fixture->path);

  /* Opening and reading a project does not write to it. */
  project = tally_project_open (fixture->path, &error);
  g_assert_no_error (error);
  scope = tally_project_get_setting (project, "scope");
  g_assert_cmpstr (scope, ==, "crm_realized");
  g_clear_object (&project);

  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Each refusal leaves the file byte for byte as it was. */
static void
assert_refused (const char *path,
                TallyError  code,
                const char *expected_words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  TallyProject *project;

  project = tally_project_open (path, &error);
  g_assert_null (project);
  g_assert_error (error, TALLY_ERROR, (int) code);
  g_assert_true (g_strrstr (error->message, basename) != NULL);
  g_assert_true (g_strrstr (error->message, expected_words) != NULL);

  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_text_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.tally", NULL);

  tally_test_write_file (path, "date,spend\n2026-01-01,10\n", -1);
  assert_refused (path, TALLY_ERROR_NOT_PROJECT, "not a Tally project");
}

static void
test_refuse_empty_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.tally", NULL);

  tally_test_write_file (path, "", 0);
  assert_refused (path, TALLY_ERROR_NOT_PROJECT, "not a Tally project");
}

static void
test_refuse_other_database (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "other.tally", NULL);

  exec_sql (path, "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1;");
  assert_refused (path, TALLY_ERROR_NOT_PROJECT, "not a Tally project");
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u",
                                             tally_project_get_current_schema_version () + 1);

  create_project (fixture);
  exec_sql (fixture->path, pragma);
  assert_refused (fixture->path, TALLY_ERROR_NEWER_VERSION, "newer version of Tally");
}

static void
test_refuse_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TallyProject *project = tally_project_open (fixture->path, &error);

  g_assert_null (project);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
}

static void
test_refuse_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *writer = NULL;

  create_project (fixture);
  before = tally_test_file_sha256 (fixture->path);

  /* Another connection is half-way through writing the project. */
  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; UPDATE settings SET value = 'x' WHERE key = 'name';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  assert_refused (fixture->path, TALLY_ERROR_LOCKED, "another program");

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);

  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_write_while_locked (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *name = NULL;
  sqlite3 *writer = NULL;

  create_project (fixture);
  project = tally_project_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The project is open, then someone else starts writing: a change made
   * meanwhile is refused with the same sentence, and nothing is lost. */
  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (tally_setting_save (project, "name", "Other", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_LOCKED);
  g_clear_error (&error);

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);

  g_assert_true (tally_setting_save (project, "name", "Other", &error));
  g_assert_no_error (error);
  name = tally_project_get_setting (project, "name");
  g_assert_cmpstr (name, ==, "Other");
}

static void
test_refuse_tampered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) kpis = NULL;

  /* A file with our identity but without our tables opens, and the first
   * read explains itself in a sentence instead of an SQL error. */
  create_project (fixture);
  exec_sql (fixture->path, "DROP TABLE kpis");

  project = tally_project_open (fixture->path, &error);
  g_assert_no_error (error);
  kpis = tally_dictionary_list (project, &error);
  g_assert_null (kpis);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT);
  g_assert_null (g_strrstr (error->message, "no such table"));
  g_assert_nonnull (g_strrstr (error->message, "restore it from a backup"));
}

static void
test_untrusted_schema (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  sqlite3 *db;
  int flag = -1;

  /* A project file is shared between people: its schema is not trusted,
   * and SQL cannot corrupt it on purpose. */
  create_project (fixture);
  project = tally_project_open (fixture->path, &error);
  g_assert_no_error (error);
  db = _tally_store_get_db (_tally_project_get_store (project));

  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &flag), ==, SQLITE_OK);
  g_assert_cmpint (flag, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &flag), ==, SQLITE_OK);
  g_assert_cmpint (flag, ==, 0);

  /* Defensive mode refuses to write the schema table directly. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON; "
                                     "UPDATE sqlite_schema SET sql = 'x' WHERE name = 'settings'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
}

/* A project as the first release of Tally wrote it: schema version 1. */
static void
write_version_1 (const char *path)
{
  g_autoptr(GBytes) schema = g_resources_lookup_data (RESOURCE_PREFIX "/schema/0001-project.sql",
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  g_autofree char *identity = g_strdup_printf ("PRAGMA application_id = %u", TALLY_PROJECT_APPLICATION_ID);

  exec_sql (path, identity);
  exec_sql (path, sql);
  exec_sql (path, "INSERT INTO settings VALUES ('name', 'Old Client'), ('timezone', 'America/Lima');"
                  "INSERT INTO import_batches (file_name, file_size, sha256, source, imported_at) "
                  "VALUES ('old.csv', 10, 'abc', 'hubspot-deals', '2026-01-01T00:00:00Z');"
                  "PRAGMA user_version = 1;");
}

static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  write_version_1 (fixture->path);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 1);

  /* Opening brings it forward, keeping what it held. */
  project = tally_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_project_get_schema_version (project), ==, tally_project_get_current_schema_version ());
  g_assert_cmpuint (tally_project_get_current_schema_version (), >=, 2);
  name = tally_project_get_setting (project, "name");
  g_assert_cmpstr (name, ==, "Old Client");
  batches = tally_batches_list (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpstr (((TallyBatch *) g_ptr_array_index (batches, 0))->kind, ==, "");
  g_clear_object (&project);

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, tally_project_get_current_schema_version ());
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM meta_rows"), ==, 0);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM crm_records"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/project/create", test_create);
  ADD ("/tally/project/create-with-settings", test_create_with_settings);
  ADD ("/tally/project/create-invalid-settings", test_create_invalid_settings);
  ADD ("/tally/project/create-existing", test_create_existing);
  ADD ("/tally/project/reopen-unchanged", test_reopen);
  ADD ("/tally/project/migrate", test_migrate);
  ADD ("/tally/project/refuse/text-file", test_refuse_text_file);
  ADD ("/tally/project/refuse/empty-file", test_refuse_empty_file);
  ADD ("/tally/project/refuse/other-database", test_refuse_other_database);
  ADD ("/tally/project/refuse/newer-version", test_refuse_newer);
  ADD ("/tally/project/refuse/missing", test_refuse_missing);
  ADD ("/tally/project/refuse/locked", test_refuse_locked);
  ADD ("/tally/project/refuse/tampered", test_refuse_tampered);
  ADD ("/tally/project/write-while-locked", test_write_while_locked);
  ADD ("/tally/project/untrusted-schema", test_untrusted_schema);
#undef ADD

  return g_test_run ();
}
