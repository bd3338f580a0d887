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

/* Runs tally-cli in @dir, in @locale (found in @locpath when not %NULL),
 * with the arguments in @args. */
static void
run_cli_valist (Run        *run,
                const char *locpath,
                const char *locale,
                const char *dir,
                va_list     args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TALLY_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);
  if (locpath != NULL)
    g_subprocess_launcher_setenv (launcher, "LOCPATH", locpath, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

/* Runs tally-cli in @dir with the arguments that follow, NULL-terminated. */
static void
run_cli (Run        *run,
         const char *dir,
         ...)
{
  va_list args;

  va_start (args, dir);
  run_cli_valist (run, NULL, "C.UTF-8", dir, args);
  va_end (args);
}

/* The same in a locale compiled into @locpath. */
static void
run_cli_in_locale (Run        *run,
                   const char *locpath,
                   const char *locale,
                   const char *dir,
                   ...)
{
  va_list args;

  va_start (args, dir);
  run_cli_valist (run, locpath, locale, dir, args);
  va_end (args);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(Run) run = { 0 };
  g_auto(Run) table = { 0 };
  JsonArray *array;

  run_cli (&run, fixture->dir, "dictionary", "x.tally", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
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

/* The demo's report has rows, totals, a bridge, and something to show in
 * every category of the mismatch map. */
static void
test_demo_report (Fixture *fixture)
{
  static const char * const categories[] = {
    "attribution", "tracking", "identity", "timing", "spend", "definitions", "crm",
  };
  g_auto(Run) report = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *diagnostics;

  run_cli (&report, fixture->dir, "report", "demo.tally", "--json", NULL);
  g_assert_cmpint (report.status, ==, 0);
  root = parse_json (report.out);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "rows")), ==, 92);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (object, "totals"), "spend"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (object, "totals"), "revenue_net"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (object, "bridge"), "steps")), ==, 5);

  diagnostics = json_object_get_array_member (object, "diagnostics");
  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < json_array_get_length (diagnostics); i++)
        {
          JsonObject *d = json_array_get_object_element (diagnostics, i);

          shown |= g_str_equal (json_object_get_string_member (d, "category"), categories[c]) &&
                   !g_str_equal (json_object_get_string_member (d, "severity"), "ok");
        }
      if (!shown)
        g_error ("The demo has nothing to show in the %s category", categories[c]);
    }
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
    "\"hubspot-deals\"", "\"ga4-sessions\"", "\"generic\"",
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

  test_demo_report (fixture);
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
  g_autoptr(JsonNode) root = NULL;
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
  root = parse_json (batches.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  batch = json_array_get_object_element (json_node_get_array (root), 0);
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
  /* A dry run exits as the import would, listing the same rows. */
  g_assert_cmpint (dry.status, ==, 2);
  g_assert_nonnull (g_strrstr (dry.out, "rejected  bad.csv, line 3"));
  assert_one_sentence (dry.err, "import with --skip-invalid");
  g_free (after);
  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&skipped, fixture->dir, "import", "x.tally", "bad.csv", "--skip-invalid", NULL);
  g_assert_cmpint (skipped.status, ==, 0);
  g_assert_nonnull (g_strrstr (skipped.out, "Rows: 2 read, 1 added, 0 replaced, 1 skipped"));

  run_cli (&batches, fixture->dir, "batches", "x.tally", "--json", NULL);
  g_assert_nonnull (g_strrstr (batches.out, "\"skipped\" : 1"));
}

/* A project of leads that were never won reports their days by default,
 * not today's. */
static void
test_default_period_of_leads (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_auto(Run) imported = { 0 };
  g_auto(Run) report = { 0 };

  write_input (fixture, "contacts.csv",
               "Record ID,First Name,Last Name,Email,Create Date,Lifecycle Stage\n"
               "1,Ana,Ruiz,ana@example.com,2026-05-03,lead\n"
               "2,Luis,Paz,luis@example.com,2026-05-20,subscriber\n");
  run_cli (&imported, fixture->dir, "import", "x.tally", "contacts.csv", NULL);
  g_assert_cmpint (imported.status, ==, 0);

  run_cli (&report, fixture->dir, "report", "x.tally", "--json", NULL);
  g_assert_cmpint (report.status, ==, 0);
  g_assert_nonnull (strstr (report.out, "\"from\": \"2026-05-03\""));
  g_assert_nonnull (strstr (report.out, "\"to\": \"2026-05-20\""));
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

/* report, check, restatements, restate --------------------------------------- */

static const char report_meta_csv[] =
  "Day,Campaign ID,Campaign name,Amount spent (MXN),Impressions,Link clicks,Purchases,Purchases conversion value\n"
  "2026-08-14,1,Verano,500.25,1000,50,2,1200.50\n";
static const char report_deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "101,Mesa,Closed Won,2026-08-14,1500.00,facebook,Verano,Ventas\n"
  "102,Silla,Closed Won,2026-08-15,99.90,google,,Ventas\n";

static const char * const metric_keys[] = {
  "spend", "spend_invoiced", "impressions", "link_clicks", "all_clicks", "landing_page_views", "sessions",
  "meta_leads", "meta_purchases", "meta_purchase_value", "crm_leads", "crm_leads_raw", "new_customers",
  "revenue_gross", "revenue_net", "revenue_recognized", "meta_cpa", "crm_cac", "meta_cpl", "crm_cpl",
  "meta_roas", "crm_roas", "roas_gap", "roas_ratio", "identifier_share", "click_id_share",
  "unknown_source_share", "frozen", NULL
};

static void
import_report_fixture (Fixture *fixture)
{
  g_auto(Run) meta = { 0 };
  g_auto(Run) deals = { 0 };

  write_input (fixture, "meta.csv", report_meta_csv);
  write_input (fixture, "deals.csv", report_deals_csv);
  run_cli (&meta, fixture->dir, "import", "x.tally", "meta.csv", NULL);
  g_assert_cmpint (meta.status, ==, 0);
  run_cli (&deals, fixture->dir, "import", "x.tally", "deals.csv", NULL);
  g_assert_cmpint (deals.status, ==, 0);
}

/* By hand: spend 500.25 MXN for 2 purchases worth 1200.50; the CRM's
 * Meta-sourced revenue is deal 101, 1500.00 (deal 102 came from Google).
 * Meta ROAS 1200.50 / 500.25 = 2.39980…; CRM ROAS 1500 / 500.25 =
 * 2.99850…; gap 299.50 / 500.25 = 0.59870…; ratio 1500 / 1200.50 =
 * 1.24947…; CPA 250.125, rounded half away from zero to 250.13; no leads
 * anywhere, so both CPLs are null. */
static void
test_report_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) report = { 0 };
  g_auto(Run) weeks = { 0 };
  g_auto(Run) campaigns = { 0 };
  JsonObject *object, *totals, *row, *bridge;
  JsonArray *rows, *steps, *diagnostics;
  double sum;

  import_report_fixture (fixture);
  run_cli (&report, fixture->dir, "report", "x.tally", "--json", "--group", "month", "--as-of", "2026-08-20", NULL);
  g_assert_cmpint (report.status, ==, 0);
  root = parse_json (report.out);
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "settings"), "timezone"), ==,
                   "America/Mexico_City");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "period"), "from"), ==, "2026-08-14");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "period"), "to"), ==, "2026-08-15");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "period"), "group"), ==, "month");

  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, "2026-08");
  totals = json_object_get_object_member (object, "totals");
  for (guint i = 0; metric_keys[i] != NULL; i++)
    if (!json_object_has_member (row, metric_keys[i]) || !json_object_has_member (totals, metric_keys[i]))
      g_error ("The report has no %s", metric_keys[i]);

  g_assert_cmpfloat (json_object_get_double_member (totals, "spend"), ==, 500.25);
  g_assert_cmpfloat (json_object_get_double_member (totals, "meta_purchase_value"), ==, 1200.50);
  g_assert_cmpfloat (json_object_get_double_member (totals, "revenue_net"), ==, 1500);
  g_assert_cmpfloat (json_object_get_double_member (totals, "meta_cpa"), ==, 250.13);
  g_assert_cmpfloat (json_object_get_double_member (totals, "crm_cac"), ==, 500.25);
  g_assert_cmpfloat (json_object_get_double_member (totals, "meta_roas"), ==, 2.3998);
  g_assert_cmpfloat (json_object_get_double_member (totals, "crm_roas"), ==, 2.9985);
  g_assert_cmpfloat (json_object_get_double_member (totals, "roas_gap"), ==, 0.5987);
  g_assert_cmpfloat (json_object_get_double_member (totals, "roas_ratio"), ==, 1.2495);
  g_assert_cmpint (json_object_get_int_member (totals, "new_customers"), ==, 1);
  g_assert_true (json_object_get_null_member (totals, "meta_cpl"));
  g_assert_true (json_object_get_null_member (totals, "crm_cpl"));
  /* As of 08-20 no day is 14 days old. */
  g_assert_false (json_object_get_boolean_member (totals, "frozen"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "match_quality"), "people"), ==, 2);

  /* The bridge: its steps take Meta's 1200.50 to the CRM's 1500.00. */
  bridge = json_object_get_object_member (object, "bridge");
  g_assert_cmpfloat (json_object_get_double_member (bridge, "start"), ==, 1200.50);
  g_assert_cmpfloat (json_object_get_double_member (bridge, "end"), ==, 1500);
  steps = json_object_get_array_member (bridge, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 5);
  sum = json_object_get_double_member (bridge, "start");
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      g_assert_nonnull (json_object_get_string_member (step, "label"));
      sum += json_object_get_double_member (step, "amount");
    }
  g_assert_cmpfloat_with_epsilon (sum, 1500, 0.001);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1), "id"), ==, "not_explained");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (steps, 1), "amount"), ==, 299.50);
  g_assert_true (json_object_has_member (bridge, "context"));

  diagnostics = json_object_get_array_member (object, "diagnostics");
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 21);
  for (guint i = 0; i < json_array_get_length (diagnostics); i++)
    {
      JsonObject *d = json_array_get_object_element (diagnostics, i);

      g_assert_nonnull (json_object_get_string_member (d, "id"));
      g_assert_nonnull (json_object_get_string_member (d, "category"));
      g_assert_nonnull (json_object_get_string_member (d, "severity"));
      g_assert_nonnull (json_object_get_object_member (d, "value"));
      g_assert_nonnull (json_object_get_string_member (d, "message"));
    }

  /* Keys by ISO week (08-14 is a Friday of week 33) and by campaign. */
  run_cli (&weeks, fixture->dir, "report", "x.tally", "--json", "--group", "week", "--as-of", "2026-08-20", NULL);
  g_assert_nonnull (g_strrstr (weeks.out, "\"key\": \"2026-W33\""));
  run_cli (&campaigns, fixture->dir, "report", "x.tally", "--json", "--group", "campaign", "--as-of", "2026-08-20", NULL);
  g_assert_nonnull (g_strrstr (campaigns.out, "\"key\": \"Verano\""));
  g_assert_nonnull (g_strrstr (campaigns.out, "\"campaign_id\": \"1\""));
}

static void
test_report_table_and_errors (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_auto(Run) table = { 0 };
  g_auto(Run) bad_day = { 0 };
  g_auto(Run) bad_group = { 0 };
  g_auto(Run) not_project = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) check_json = { 0 };
  g_autoptr(JsonNode) root = NULL;

  import_report_fixture (fixture);
  run_cli (&table, fixture->dir, "report", "x.tally", "--as-of", "2026-08-20", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (g_strrstr (table.out, "2026-08-14  500.25  1200.50     2.40       1500.00      3.00      0.60"));
  g_assert_nonnull (g_strrstr (table.out, "From Meta’s 1200.50 to the CRM’s 1500.00:"));

  run_cli (&bad_day, fixture->dir, "report", "x.tally", "--from", "14/08/2026", NULL);
  g_assert_cmpint (bad_day.status, ==, 1);
  g_assert_nonnull (g_strrstr (bad_day.err, "YYYY-MM-DD"));
  run_cli (&bad_group, fixture->dir, "report", "x.tally", "--group", "year", NULL);
  g_assert_cmpint (bad_group.status, ==, 1);
  write_input (fixture, "notes.txt", "not a project\n");
  run_cli (&not_project, fixture->dir, "report", "notes.txt", NULL);
  g_assert_cmpint (not_project.status, ==, 3);
  assert_one_sentence (not_project.err, "notes.txt");

  /* The mismatch map, as a table and as the diagnostics array alone. */
  run_cli (&check, fixture->dir, "check", "x.tally", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (g_strrstr (check.out, "warning  tracking.meta_exceeds_crm"));
  run_cli (&check_json, fixture->dir, "check", "x.tally", "--json", NULL);
  g_assert_cmpint (check_json.status, ==, 0);
  root = parse_json (check_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 21);
}

static JsonObject *
totals_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "totals");
}

/* Nothing freezes by looking; publishing freezes the days old enough; a
 * late import waits as a restatement, per number, until accepted. */
static void
test_publish_and_restate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "x.tally");
  g_autoptr(JsonNode) published_json = NULL;
  g_autoptr(JsonNode) live_json = NULL;
  g_autoptr(JsonNode) pending_root = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  g_auto(Run) looked = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) no_period = { 0 };
  g_auto(Run) publish = { 0 };
  g_auto(Run) late = { 0 };
  g_auto(Run) published = { 0 };
  g_auto(Run) live = { 0 };
  g_auto(Run) pending = { 0 };
  g_auto(Run) pending_json = { 0 };
  g_auto(Run) no_why = { 0 };
  g_auto(Run) open_day = { 0 };
  g_auto(Run) restate = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) restated = { 0 };
  g_auto(Run) list = { 0 };
  JsonObject *entry, *change, *publication;
  JsonArray *changes;

  import_report_fixture (fixture);
  run_cli (&looked, fixture->dir, "report", "x.tally", "--as-of", "2026-09-30", NULL);
  g_assert_cmpint (looked.status, ==, 0);
  g_assert_null (g_strrstr (looked.out, "frozen"));
  run_cli (&none, fixture->dir, "publications", "x.tally", NULL);
  g_assert_nonnull (g_strrstr (none.out, "Nothing is published yet"));

  run_cli (&no_period, fixture->dir, "publish", "x.tally", NULL);
  g_assert_cmpint (no_period.status, ==, 1);
  g_assert_nonnull (g_strrstr (no_period.err, "--from and --to are required"));

  /* As of 09-30 both days are over 14 days old; 08-15 has a CRM deal and
   * no Meta row: a warning, and publishing goes on. */
  run_cli (&publish, fixture->dir, "publish", "x.tally", "--from", "2026-08-14", "--to", "2026-08-15",
           "--as-of", "2026-09-30", "--note", "August report", NULL);
  g_assert_cmpint (publish.status, ==, 0);
  g_assert_cmpstr (publish.out, ==, "Published 2026-08-14 to 2026-08-15 as publication 1. 2 days freeze (2026-08-14 to 2026-08-15).\n");
  g_assert_cmpstr (publish.err, ==, "Warning: 2026-08-15: the CRM has records but Meta has no data yet; if a Meta export of these days is still to come, import it before publishing.\n");

  /* A late deal of 250.00 on the frozen 08-14. */
  write_input (fixture, "late.csv",
               "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
               "103,Lampara,Closed Won,2026-08-14,250.00,facebook,1,Ventas\n");
  run_cli (&late, fixture->dir, "import", "x.tally", "late.csv", NULL);
  g_assert_cmpint (late.status, ==, 0);

  run_cli (&published, fixture->dir, "report", "x.tally", "--json", NULL);
  published_json = parse_json (published.out);
  g_assert_cmpfloat (json_object_get_double_member (totals_of (published_json), "revenue_net"), ==, 1500);
  g_assert_cmpint (json_object_get_int_member (totals_of (published_json), "frozen_days"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals_of (published_json), "pending_restatements"), ==, 1);
  g_assert_true (json_object_get_boolean_member (totals_of (published_json), "frozen"));
  publication = json_array_get_object_element (json_object_get_array_member (json_node_get_object (published_json),
                                                                             "publications"), 0);
  g_assert_cmpint (json_object_get_int_member (publication, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (publication, "note"), ==, "August report");
  g_assert_cmpstr (json_object_get_string_member (publication, "as_of"), ==, "2026-09-30");

  run_cli (&live, fixture->dir, "report", "x.tally", "--json", "--live", NULL);
  live_json = parse_json (live.out);
  g_assert_cmpfloat (json_object_get_double_member (totals_of (live_json), "revenue_net"), ==, 1750);
  g_assert_cmpint (json_object_get_int_member (totals_of (live_json), "frozen_days"), ==, 0);
  g_assert_false (json_object_get_boolean_member (totals_of (live_json), "frozen"));

  run_cli (&pending, fixture->dir, "restatements", "x.tally", NULL);
  g_assert_cmpint (pending.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^2026-08-14 +Revenue gross +1500\\.00 +1750\\.00 +250\\.00 *$", pending.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^ +New customers +1 +2 +1 *$", pending.out, G_REGEX_MULTILINE, 0));
  run_cli (&pending_json, fixture->dir, "restatements", "x.tally", "--json", NULL);
  pending_root = parse_json (pending_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (pending_root)), ==, 1);
  entry = json_array_get_object_element (json_node_get_array (pending_root), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "day"), ==, "2026-08-14");
  g_assert_cmpint (json_object_get_int_member (entry, "publication"), ==, 1);
  changes = json_object_get_array_member (entry, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 4);
  change = json_array_get_object_element (changes, 1);
  g_assert_cmpstr (json_object_get_string_member (change, "metric"), ==, "revenue_net");
  g_assert_cmpfloat (json_object_get_double_member (change, "published"), ==, 1500);
  g_assert_cmpfloat (json_object_get_double_member (change, "live"), ==, 1750);
  g_assert_cmpfloat (json_object_get_double_member (change, "difference"), ==, 250);

  run_cli (&no_why, fixture->dir, "restate", "x.tally", "2026-08-14", NULL);
  g_assert_cmpint (no_why.status, ==, 1);
  g_assert_nonnull (g_strrstr (no_why.err, "--why is required"));
  run_cli (&open_day, fixture->dir, "restate", "x.tally", "2026-08-20", "--why", "test", NULL);
  g_assert_cmpint (open_day.status, ==, 2);
  assert_one_sentence (open_day.err, "2026-08-20 is not a frozen day");

  run_cli (&restate, fixture->dir, "restate", "x.tally", "2026-08-14", "--why", "Late deal from the shop", NULL);
  g_assert_cmpint (restate.status, ==, 0);
  run_cli (&after, fixture->dir, "report", "x.tally", "--json", NULL);
  g_assert_nonnull (g_strrstr (after.out, "\"revenue_net\": 1750.00"));
  g_assert_nonnull (g_strrstr (after.out, "\"pending_restatements\": 0"));
  run_cli (&restated, fixture->dir, "restatements", "x.tally", NULL);
  g_assert_nonnull (g_strrstr (restated.out, "No frozen day has new data."));
  g_assert_nonnull (g_strrstr (restated.out, "Late deal from the shop"));

  /* The publication keeps the totals it published. */
  run_cli (&list, fixture->dir, "publications", "x.tally", "--json", NULL);
  list_root = parse_json (list.out);
  publication = json_array_get_object_element (json_node_get_array (list_root), 0);
  g_assert_cmpint (json_object_get_int_member (publication, "frozen_days"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (publication, "totals"), "revenue_net"),
                     ==, 1500);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (publication, "bridge"), "end"),
                     ==, 1500);
}

/* "263729.84" as the PDF writes it: "263,729.84", or "263.729,84" in
 * German. */
static char *
grouped (double      value,
         const char *group,
         const char *point)
{
  g_autofree char *plain = g_strdup_printf ("%.2f", value);
  const char *dot = strchr (plain, '.');
  GString *out = g_string_new (NULL);
  gsize digits = dot - plain;

  for (gsize i = 0; i < digits; i++)
    {
      if (i > 0 && (digits - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, plain[i]);
    }
  g_string_append (out, point);
  g_string_append (out, dot + 1);
  return g_string_free (out, FALSE);
}

static char *
run_tool (const char *tool,
          const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  /* pdftotext writes to the file named after the input unless told "-". */
  const char *argv[] = { tool, pdf, g_str_has_suffix (tool, "pdftotext") ? "-" : NULL, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s: %s", tool, error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The PDF of the demo client carries the rules and the totals `report
 * --json` gives, in real text, every font embedded. */
static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "demo.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *pdftotext = NULL;
  g_autofree char *pdffonts = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) report = { 0 };
  g_auto(Run) written = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *totals;
  const char *money[] = { "spend", "meta_purchase_value", "revenue_net" };

  /* poppler-utils is installed by .ci/install-deps.sh: a missing tool is a
   * broken set-up, not a reason to skip. */
  pdftotext = g_find_program_in_path ("pdftotext");
  pdffonts = g_find_program_in_path ("pdffonts");
  g_assert_nonnull (pdftotext);
  g_assert_nonnull (pdffonts);

  run_cli (&demo, fixture->dir, "demo", "demo.tally", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  run_cli (&report, fixture->dir, "report", "demo.tally", "--json", NULL);
  g_assert_cmpint (report.status, ==, 0);
  root = parse_json (report.out);
  totals = json_object_get_object_member (json_node_get_object (root), "totals");

  run_cli (&written, fixture->dir, "pdf", "demo.tally", "demo.pdf", NULL);
  g_assert_cmpint (written.status, ==, 0);
  g_assert_cmpstr (written.out, ==, "Wrote the report of Casa Jacaranda to demo.pdf.\n");

  text = run_tool (pdftotext, pdf);
  for (const char * const *needle = (const char * const[]) { "Casa Jacaranda", "7-day click or 1-day view",
                                                               "America/Mexico_City", "MXN", "The mismatch map",
                                                               "Appendix: the KPI dictionary", "Page 1 of", NULL };
       *needle != NULL; needle++)
    if (strstr (text, *needle) == NULL)
      g_error ("The PDF does not say “%s”", *needle);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autofree char *expected = grouped (json_object_get_double_member (totals, money[i]), ",", ".");

      if (strstr (text, expected) == NULL)
        g_error ("The PDF does not show the total %s, %s", money[i], expected);
    }

  /* Every font embedded: the column "emb" says yes on every line. */
  fonts = run_tool (pdffonts, pdf);
  lines = g_strsplit (fonts, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 2; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (strstr (lines[i], " yes ") == NULL)
      g_error ("A font is not embedded: %s", lines[i]);

  /* In German the PDF writes 1.234,56, and the JSON stays JSON. */
  {
    g_autofree char *locales = tally_test_make_locale ("de_DE", "de_DE.UTF-8");
    g_autofree char *german_pdf = g_build_filename (fixture->dir, "demo-de.pdf", NULL);
    g_autofree char *german_text = NULL;
    g_autoptr(JsonNode) german_root = NULL;
    g_auto(Run) german_report = { 0 };
    g_auto(Run) german_written = { 0 };
    JsonObject *german_totals;

    run_cli_in_locale (&german_report, locales, "de_DE.UTF-8", fixture->dir, "report", "demo.tally", "--json", NULL);
    g_assert_cmpint (german_report.status, ==, 0);
    german_root = parse_json (german_report.out);
    german_totals = json_object_get_object_member (json_node_get_object (german_root), "totals");

    run_cli_in_locale (&german_written, locales, "de_DE.UTF-8", fixture->dir, "pdf", "demo.tally", "demo-de.pdf", NULL);
    g_assert_cmpint (german_written.status, ==, 0);
    german_text = run_tool (pdftotext, german_pdf);
    for (guint i = 0; i < G_N_ELEMENTS (money); i++)
      {
        double value = json_object_get_double_member (totals, money[i]);
        g_autofree char *expected = grouped (value, ".", ",");

        g_assert_cmpfloat (json_object_get_double_member (german_totals, money[i]), ==, value);
        if (strstr (german_text, expected) == NULL)
          g_error ("The German PDF does not show the total %s as %s", money[i], expected);
      }
    tally_test_remove_dir (locales);
  }

  /* The paper is the locale's: A4 in C.UTF-8, Letter in the United States. */
  {
    g_autofree char *locales = tally_test_make_locale ("en_US", "en_US.UTF-8");
    g_autofree char *letter_pdf = g_build_filename (fixture->dir, "demo-us.pdf", NULL);
    g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
    g_autofree char *a4_info = NULL;
    g_autofree char *letter_info = NULL;
    g_auto(Run) letter = { 0 };

    g_assert_nonnull (pdfinfo);
    a4_info = run_tool (pdfinfo, pdf);
    if (strstr (a4_info, "595.276 x 841.89 pts (A4)") == NULL)
      g_error ("The PDF in C.UTF-8 is not A4: %s", a4_info);

    run_cli_in_locale (&letter, locales, "en_US.UTF-8", fixture->dir, "pdf", "demo.tally", "demo-us.pdf", NULL);
    g_assert_cmpint (letter.status, ==, 0);
    letter_info = run_tool (pdfinfo, letter_pdf);
    if (strstr (letter_info, "612 x 792 pts (letter)") == NULL)
      g_error ("The PDF in en_US.UTF-8 is not Letter: %s", letter_info);
    tally_test_remove_dir (locales);
  }

  /* A folder that does not exist: one sentence, nothing written. */
  run_cli (&bad, fixture->dir, "pdf", "demo.tally", "no/such/folder/out.pdf", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  assert_one_sentence (bad.err, "out.pdf");

  /* Unpublished, the cover says it is a draft; --publish publishes the
   * period first and the cover names the publication. */
  g_assert_nonnull (strstr (text, "Draft: these numbers may still change"));
  {
    g_autofree char *published_pdf = g_build_filename (fixture->dir, "published.pdf", NULL);
    g_autofree char *published_text = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *cover = g_strdup_printf ("Published on %s (publication 1)", today);
    g_auto(Run) publish = { 0 };
    g_auto(Run) list = { 0 };

    run_cli (&publish, fixture->dir, "pdf", "demo.tally", "published.pdf", "--publish", "--note", "Q3", NULL);
    g_assert_cmpint (publish.status, ==, 0);
    g_assert_true (g_str_has_prefix (publish.out, "Published 2026-08-01 to 2026-10-31 as publication 1."));
    published_text = run_tool (pdftotext, published_pdf);
    if (strstr (published_text, cover) == NULL)
      g_error ("The published PDF does not say “%s”", cover);
    g_assert_null (strstr (published_text, "Draft:"));
    run_cli (&list, fixture->dir, "publications", "demo.tally", NULL);
    g_assert_nonnull (strstr (list.out, "Q3"));
  }
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
  ADD ("/tally/cli/default-period-of-leads", test_default_period_of_leads);
  ADD ("/tally/cli/undo", test_undo);
  ADD ("/tally/cli/report-json", test_report_json);
  ADD ("/tally/cli/report-table", test_report_table_and_errors);
  ADD ("/tally/cli/publish-restate", test_publish_and_restate);
  ADD ("/tally/cli/pdf", test_pdf);
#undef ADD

  return g_test_run ();
}
