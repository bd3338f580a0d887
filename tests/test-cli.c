/* test-cli.c: tally-cli as a person or a script runs it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs the real binary (TALLY_CLI) and checks its exit status,
 * what it prints, and that refused commands leave files as they were.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tally-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = tally_test_make_dir ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs tally-cli in @dir with the arguments that follow, NULL-terminated. */
static void
run_cli (Run        *run,
         const char *dir,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TALLY_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

/* An error is one line: one plain sentence, no usage dump, no SQL. */
static void
assert_one_sentence (const char *err,
                     const char *words)
{
  g_assert_true (g_str_has_suffix (err, ".\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  if (g_strrstr (err, words) == NULL)
    g_error ("“%s” does not say “%s”", err, words);
  g_assert_null (g_strrstr (err, "SQL"));
  g_assert_null (g_strrstr (err, "sqlite"));
}

static gboolean
file_exists (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
make_project (Fixture    *fixture,
              const char *name)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture->dir, "new", name, "--timezone", "America/Mexico_City", "--currency", "MXN", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_build_filename (fixture->dir, name, NULL);
}

static void
test_new_get (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) tz = { 0 };
  g_auto(Run) currency = { 0 };
  g_auto(Run) all = { 0 };

  run_cli (&created, fixture->dir, "new", "x.tally", "--timezone", "America/Mexico_City", "--currency", "MXN", NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_cmpstr (created.err, ==, "");
  g_assert_nonnull (g_strrstr (created.out, "x.tally"));

  run_cli (&tz, fixture->dir, "get", "x.tally", "timezone", NULL);
  g_assert_cmpint (tz.status, ==, 0);
  g_assert_cmpstr (tz.out, ==, "America/Mexico_City\n");

  run_cli (&currency, fixture->dir, "get", "x.tally", "reporting_currency", NULL);
  g_assert_cmpstr (currency.out, ==, "MXN\n");

  /* All keys: one line each, unset ones saying what they follow. */
  run_cli (&all, fixture->dir, "get", "x.tally", NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_nonnull (g_strrstr (all.out, "\nattribution_window         7d_click_1d_view\n"));
  g_assert_nonnull (g_strrstr (all.out, "\ncrm_timezone               (unset: follows timezone, America/Mexico_City)\n"));
  g_assert_true (g_str_has_prefix (all.out, "name                       x\n"));
}

static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_auto(Run) set = { 0 };
  g_auto(Run) get = { 0 };
  g_auto(Run) unset = { 0 };
  g_auto(Run) get_unset = { 0 };

  run_cli (&set, fixture->dir, "set", "x.tally", "fx_fixed.USD", "18.25", NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_cmpstr (set.out, ==, "");
  run_cli (&get, fixture->dir, "get", "x.tally", "fx_fixed.USD", NULL);
  g_assert_cmpstr (get.out, ==, "18.25\n");

  run_cli (&unset, fixture->dir, "set", "x.tally", "fx_fixed.USD", "", NULL);
  g_assert_cmpint (unset.status, ==, 0);
  run_cli (&get_unset, fixture->dir, "get", "x.tally", "fx_fixed.USD", NULL);
  g_assert_cmpint (get_unset.status, ==, 0);
  g_assert_cmpstr (get_unset.out, ==, "\n");
}

static void
test_set_invalid (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_auto(Run) tz = { 0 };
  g_auto(Run) window = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) get = { 0 };

  run_cli (&tz, fixture->dir, "set", "x.tally", "timezone", "Mars/Base", NULL);
  g_assert_cmpint (tz.status, ==, 2);
  g_assert_cmpstr (tz.out, ==, "");
  assert_one_sentence (tz.err, "timezone must be an IANA time zone name such as America/Mexico_City");
  g_assert_nonnull (g_strrstr (tz.err, "x.tally"));
  g_assert_nonnull (g_strrstr (tz.err, "Mars/Base"));

  run_cli (&window, fixture->dir, "set", "x.tally", "attribution_window", "7d_view", NULL);
  g_assert_cmpint (window.status, ==, 2);
  assert_one_sentence (window.err, "attribution_window must be one of 1d_click, 7d_click, 28d_click");

  run_cli (&unknown, fixture->dir, "set", "x.tally", "colour", "blue", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  assert_one_sentence (unknown.err, "“colour” is not a setting");

  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&get, fixture->dir, "get", "x.tally", "colour", NULL);
  g_assert_cmpint (get.status, ==, 2);
  assert_one_sentence (get.err, "“colour” is not a setting");
}

static void
test_dictionary_json (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const metrics[] = {
    "spend", "spend_invoiced", "impressions", "link_clicks", "all_clicks",
    "landing_page_views", "sessions", "meta_leads", "meta_purchases",
    "meta_purchase_value", "crm_leads", "crm_leads_raw", "new_customers",
    "revenue_gross", "revenue_net", "revenue_recognized", "meta_cpa", "crm_cac",
    "meta_cpl", "crm_cpl", "meta_roas", "crm_roas", "roas_gap", "roas_ratio",
    "identifier_share", "click_id_share", "unknown_source_share", NULL
  };
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(Run) run = { 0 };
  g_auto(Run) table = { 0 };
  JsonArray *array;

  run_cli (&run, fixture->dir, "dictionary", "x.tally", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *kpi = json_array_get_object_element (array, i);

      g_assert_true (json_object_get_boolean_member (kpi, "core"));
      g_assert_nonnull (json_object_get_array_member (kpi, "join_keys"));
      g_assert_cmpstr (json_object_get_string_member (kpi, "formula"), !=, "");
      g_hash_table_add (ids, (gpointer) json_object_get_string_member (kpi, "id"));
    }

  for (guint i = 0; metrics[i] != NULL; i++)
    if (!g_hash_table_contains (ids, metrics[i]))
      g_error ("dictionary --json lacks %s", metrics[i]);
  g_assert_cmpuint (g_hash_table_size (ids), ==, g_strv_length ((GStrv) metrics));

  run_cli (&table, fixture->dir, "dictionary", "x.tally", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "ID  "));
  g_assert_nonnull (g_strrstr (table.out, "\ncrm_cac               CRM CAC               derived    money  core\n"));
}

/* Every command on a refused file exits 3. */
static void
assert_commands_refused (Fixture    *fixture,
                         const char *name,
                         const char *words)
{
  const char *commands[][4] = {
    { "get", name, "timezone", NULL },
    { "get", name, NULL, NULL },
    { "set", name, "scope", "meta_attributed" },
    { "dictionary", name, "--json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, fixture->dir, commands[i][0], commands[i][1], commands[i][2], commands[i][3], NULL);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_sentence (run.err, words);
      g_assert_nonnull (g_strrstr (run.err, name));
    }
}

/* ... and leaves it as it was. */
static void
assert_project_refused (Fixture    *fixture,
                        const char *name,
                        const char *words)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;

  assert_commands_refused (fixture, name, words);

  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_text_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.tally", NULL);

  tally_test_write_file (path, "Meeting notes\nCall the client on Monday.\n", -1);
  assert_project_refused (fixture, "notes.tally", "is not a Tally project");
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "future.tally");

  exec_sql (path, "PRAGMA user_version = 999");
  assert_project_refused (fixture, "future.tally", "newer version of Tally");
}

static void
test_refuse_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "busy.tally");
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;
  sqlite3 *writer = NULL;

  /* This test process plays the other program, mid-write. It must not
   * read the file meanwhile: closing any descriptor of it would drop the
   * process's POSIX locks, and with them the lock being tested. */
  g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; DELETE FROM kpis;", NULL, NULL, NULL), ==, SQLITE_OK);

  assert_commands_refused (fixture, "busy.tally", "is being changed by another program");

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);

  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_input_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_auto(Run) missing = { 0 };
  g_auto(Run) exists = { 0 };
  g_auto(Run) bad_tz = { 0 };

  run_cli (&missing, fixture->dir, "get", "nowhere.tally", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  assert_one_sentence (missing.err, "“nowhere.tally” does not exist");

  run_cli (&exists, fixture->dir, "new", "x.tally", NULL);
  g_assert_cmpint (exists.status, ==, 2);
  assert_one_sentence (exists.err, "“x.tally” already exists");
  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&bad_tz, fixture->dir, "new", "y.tally", "--timezone", "Mexico City", NULL);
  g_assert_cmpint (bad_tz.status, ==, 2);
  assert_one_sentence (bad_tz.err, "timezone must be an IANA time zone");
  g_assert_false (file_exists (fixture, "y.tally"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *cases[][4] = {
    { NULL },
    { "frobnicate", "x.tally", NULL },
    { "get", NULL },
    { "set", "x.tally", "timezone", NULL },
    { "new", "a.tally", "b.tally", NULL },
    { "new", "a.tally", "--colour", NULL },
  };
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, fixture->dir, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (g_strrstr (run.err, "tally-cli"));
    }
  g_assert_false (file_exists (fixture, "a.tally"));

  run_cli (&help, fixture->dir, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (g_strrstr (help.out, "dictionary FILE [--json]"));

  run_cli (&version, fixture->dir, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "tally-cli " PACKAGE_VERSION "\n");
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) demo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) name = { 0 };
  g_auto(Run) tz = { 0 };
  g_auto(Run) account_tz = { 0 };
  g_auto(Run) currency = { 0 };
  g_auto(Run) dictionary = { 0 };
  g_auto(Run) batches = { 0 };
  static const char * const sources[] = {
    "\"fx-rates-csv\"", "\"meta-ads-manager\"", "\"meta-insights-json\"", "\"hubspot-contacts\"",
    "\"hubspot-deals\"", "\"ga4-sessions\"",
  };

  run_cli (&demo, fixture->dir, "demo", "demo.tally", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (g_strrstr (demo.out, "Casa Jacaranda"));

  run_cli (&name, fixture->dir, "get", "demo.tally", "name", NULL);
  g_assert_cmpstr (name.out, ==, "Casa Jacaranda\n");
  run_cli (&tz, fixture->dir, "get", "demo.tally", "timezone", NULL);
  g_assert_cmpstr (tz.out, ==, "America/Mexico_City\n");
  run_cli (&account_tz, fixture->dir, "get", "demo.tally", "meta_account_timezone", NULL);
  g_assert_cmpstr (account_tz.out, ==, "America/Los_Angeles\n");
  run_cli (&currency, fixture->dir, "get", "demo.tally", "reporting_currency", NULL);
  g_assert_cmpstr (currency.out, ==, "MXN\n");
  run_cli (&dictionary, fixture->dir, "dictionary", "demo.tally", "--json", NULL);
  g_assert_cmpint (dictionary.status, ==, 0);
  g_assert_nonnull (g_strrstr (dictionary.out, "\"id\" : \"crm_cac\""));

  run_cli (&again, fixture->dir, "demo", "demo.tally", NULL);
  g_assert_cmpint (again.status, ==, 2);
  assert_one_sentence (again.err, "already exists");

  /* Its bundled exports are in, one batch each. */
  run_cli (&batches, fixture->dir, "batches", "demo.tally", "--json", NULL);
  g_assert_cmpint (batches.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strrstr (batches.out, sources[i]) == NULL)
      g_error ("The demo has no %s batch", sources[i]);
}

static const char deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,Pipeline\n"
  "101,Mesa,Closed Won,2026-08-14,1500.00,Ventas\n"
  "102,Silla,Closed Lost,2026-08-15,99.90,Ventas\n";

static void
write_input (Fixture    *fixture,
             const char *name,
             const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  tally_test_write_file (path, contents, -1);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) batches = { 0 };
  g_auto(Run) table = { 0 };
  JsonObject *batch;

  write_input (fixture, "deals.csv", deals_csv);
  run_cli (&import, fixture->dir, "import", "x.tally", "deals.csv", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (g_strrstr (import.out, "deals.csv: HubSpot deals export (confidence"));
  g_assert_nonnull (g_strrstr (import.out, "numbers and dates: decimal point (detected), ISO dates"));
  g_assert_nonnull (g_strrstr (import.out, "Rows: 2 read, 2 added, 0 replaced, 0 skipped"));
  g_assert_nonnull (g_strrstr (import.out, "Batch 1."));

  /* The same bytes again are refused, naming the batch. */
  run_cli (&again, fixture->dir, "import", "x.tally", "deals.csv", NULL);
  g_assert_cmpint (again.status, ==, 2);
  assert_one_sentence (again.err, "was already imported, as batch 1");

  run_cli (&batches, fixture->dir, "batches", "x.tally", "--json", NULL);
  g_assert_cmpint (batches.status, ==, 0);
  json_parser_load_from_data (parser, batches.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  batch = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpint (json_object_get_int_member (batch, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (batch, "file"), ==, "deals.csv");
  g_assert_cmpstr (json_object_get_string_member (batch, "source"), ==, "hubspot-deals");
  g_assert_cmpint (json_object_get_int_member (batch, "rows"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (batch, "replaced"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (batch, "skipped"), ==, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (batch, "imported_at"), "20"));

  run_cli (&table, fixture->dir, "batches", "x.tally", NULL);
  g_assert_true (g_str_has_prefix (table.out, "ID  FILE       SOURCE         ROWS  REPLACED  SKIPPED  IMPORTED\n1   deals.csv  hubspot-deals  2     0         0        20"));
}

static void
test_import_rejected (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autofree char *before = tally_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_auto(Run) refused = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) skipped = { 0 };
  g_auto(Run) batches = { 0 };

  write_input (fixture, "bad.csv",
               "Record ID,Deal Stage,Close Date,Amount\n201,Closed Won,2026-08-14,10\n202,Closed Won,2026-08-14,diez\n");

  run_cli (&refused, fixture->dir, "import", "x.tally", "bad.csv", NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_cmpstr (refused.out, ==, "  rejected  bad.csv, line 3, “Amount”: “diez” is not an amount written with a decimal point, as the rest of the file is\n");
  assert_one_sentence (refused.err, "import with --skip-invalid");
  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&dry, fixture->dir, "import", "x.tally", "bad.csv", "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (g_strrstr (dry.out, "Dry run: nothing was written."));
  g_assert_nonnull (g_strrstr (dry.out, "rejected  bad.csv, line 3"));
  g_free (after);
  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&skipped, fixture->dir, "import", "x.tally", "bad.csv", "--skip-invalid", NULL);
  g_assert_cmpint (skipped.status, ==, 0);
  g_assert_nonnull (g_strrstr (skipped.out, "Rows: 2 read, 1 added, 0 replaced, 1 skipped"));

  run_cli (&batches, fixture->dir, "batches", "x.tally", "--json", NULL);
  g_assert_nonnull (g_strrstr (batches.out, "\"skipped\" : 1"));
}

static void
test_import_question (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_auto(Run) asked = { 0 };
  g_auto(Run) answered = { 0 };
  g_auto(Run) bad_answer = { 0 };
  g_auto(Run) dates = { 0 };

  write_input (fixture, "amounts.csv", "Record ID,Deal Stage,Close Date,Amount\n301,Closed Won,2026-08-14,\"1,500\"\n");
  run_cli (&asked, fixture->dir, "import", "x.tally", "amounts.csv", NULL);
  g_assert_cmpint (asked.status, ==, 2);
  assert_one_sentence (asked.err, "the column “Amount” has numbers such as “1,500”");
  g_assert_nonnull (g_strrstr (asked.err, "--decimal point or --decimal comma"));

  run_cli (&answered, fixture->dir, "import", "x.tally", "amounts.csv", "--decimal", "point", NULL);
  g_assert_cmpint (answered.status, ==, 0);
  g_assert_nonnull (g_strrstr (answered.out, "numbers and dates: decimal point, ISO dates"));

  run_cli (&bad_answer, fixture->dir, "import", "x.tally", "amounts.csv", "--decimal", "dot", NULL);
  g_assert_cmpint (bad_answer.status, ==, 1);

  write_input (fixture, "dates.csv", "Record ID,Deal Stage,Close Date,Amount\n401,Closed Won,3/4/2026,10\n");
  run_cli (&dates, fixture->dir, "import", "x.tally", "dates.csv", NULL);
  g_assert_cmpint (dates.status, ==, 2);
  g_assert_nonnull (g_strrstr (dates.err, "--date-order dmy or --date-order mdy"));
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) usage = { 0 };

  write_input (fixture, "a.csv", "Record ID,Deal Stage,Close Date,Amount\n1,Closed Won,2026-08-01,10\n2,Closed Won,2026-08-02,20\n");
  write_input (fixture, "b.csv", "Record ID,Deal Stage,Close Date,Amount\n2,Closed Won,2026-08-02,25\n3,Closed Won,2026-08-03,30\n");
  run_cli (&first, fixture->dir, "import", "x.tally", "a.csv", NULL);
  run_cli (&second, fixture->dir, "import", "x.tally", "b.csv", NULL);
  g_assert_nonnull (g_strrstr (second.out, "Rows: 2 read, 2 added, 1 replaced, 0 skipped"));

  run_cli (&undo, fixture->dir, "undo", "x.tally", "2", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_cmpstr (undo.out, ==, "Undid batch 2 (b.csv): 2 rows removed, 1 restored.\n");

  run_cli (&again, fixture->dir, "undo", "x.tally", "2", NULL);
  g_assert_cmpint (again.status, ==, 2);
  assert_one_sentence (again.err, "was already undone");
  run_cli (&missing, fixture->dir, "undo", "x.tally", "7", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  run_cli (&usage, fixture->dir, "undo", "x.tally", "two", NULL);
  g_assert_cmpint (usage.status, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/cli/new-get", test_new_get);
  ADD ("/tally/cli/set", test_set);
  ADD ("/tally/cli/set-invalid", test_set_invalid);
  ADD ("/tally/cli/dictionary-json", test_dictionary_json);
  ADD ("/tally/cli/refuse/text-file", test_refuse_text_file);
  ADD ("/tally/cli/refuse/newer-version", test_refuse_newer);
  ADD ("/tally/cli/refuse/locked", test_refuse_locked);
  ADD ("/tally/cli/input-errors", test_input_errors);
  ADD ("/tally/cli/usage", test_usage);
  ADD ("/tally/cli/demo", test_demo);
  ADD ("/tally/cli/import", test_import);
  ADD ("/tally/cli/import-rejected", test_import_rejected);
  ADD ("/tally/cli/import-question", test_import_question);
  ADD ("/tally/cli/undo", test_undo);
#undef ADD

  return g_test_run ();
}
