/* test-malformed.c: every malformed file of the catalogue is refused, and
 * the project stays as it was
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data-driven: tests/fixtures/malformed/CATALOGUE has one line per file
 * (file, preset, exit status, message fragment, line or row), and each line
 * is one test case, /tally/malformed/<file>. A case makes a fresh project,
 * imports the valid base file of the same target, records `batches --json`,
 * `report --json` over the base file's days and the SHA-256 of the project
 * file, then imports the malformed file. The import must exit as the
 * catalogue says, with at most three non-empty lines on stderr that name
 * the file, say the fragment and, for a row-level problem, the line or row;
 * afterwards the three records must be the same. The same import with
 * --dry-run must exit the same way and leave the file alone too (SPEC 4
 * and 9: strict reading, a refused file leaves the project exactly as it
 * was, a dry run exits like the import would).
 *
 * The checks do not stop at the first failure, so one run lists everything
 * a case gets wrong.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tally-test-cli.h"
#include "tally-test-utils.h"

/* The days of every base file in base/: 2026-03-01 to 2026-03-03. */
#define BASE_FROM "2026-03-01"
#define BASE_TO   "2026-03-03"

typedef struct
{
  char *file;
  char *preset;                 /* NULL: detected */
  int   status;
  char *fragment;
  char *place;                  /* NULL: the problem is the whole file */
  guint catalogue_line;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  g_free (c->preset);
  g_free (c->fragment);
  g_free (c->place);
  g_free (c);
}

#define CHECK TALLY_TEST_CHECK

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "malformed", name, NULL);
}

/* The base file a case is imported after, from its file name's target. */
static const char *
base_for (const char *file)
{
  static const struct { const char *prefix; const char *base; } bases[] = {
    { "meta-", "meta.csv" }, { "insights-", "meta.csv" },
    { "hubspot-", "crm.csv" }, { "salesforce-", "crm.csv" },
    { "pipedrive-", "crm.csv" }, { "generic-", "crm.csv" },
    { "ga4-", "sessions.csv" },
    { "ecb-", "fx.csv" }, { "fx-", "fx.csv" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bases); i++)
    if (g_str_has_prefix (file, bases[i].prefix))
      return bases[i].base;
  return NULL;
}

/* What a refused import must leave as it was. */
typedef struct
{
  char *batches;
  char *report;
  char *sha256;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->batches, g_free);
  g_clear_pointer (&snapshot->report, g_free);
  g_clear_pointer (&snapshot->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

/* The file's bytes first, then what the commands print: if looking ever
 * wrote to the file, the "before" hash would still be taken after it. */
static void
take_snapshot (Snapshot   *snapshot,
               const char *dir,
               const char *project,
               gboolean    bytes_first)
{
  g_auto(TallyTestRun) batches = { 0 };
  g_auto(TallyTestRun) report = { 0 };
  g_autofree char *path = g_build_filename (dir, project, NULL);

  if (bytes_first)
    snapshot->sha256 = tally_test_file_sha256 (path);
  tally_test_run (&batches, dir, "batches", project, "--json", NULL);
  CHECK (batches.status == 0, "batches exited %d: %s", batches.status, batches.err);
  tally_test_run (&report, dir, "report", project, "--json", "--from", BASE_FROM, "--to", BASE_TO, NULL);
  CHECK (report.status == 0, "report exited %d: %s", report.status, report.err);
  snapshot->batches = g_steal_pointer (&batches.out);
  snapshot->report = g_steal_pointer (&report.out);
  if (!bytes_first)
    snapshot->sha256 = tally_test_file_sha256 (path);
}

static void
check_unchanged (const Snapshot *before,
                 const Snapshot *after,
                 const char     *what)
{
  CHECK (g_strcmp0 (before->sha256, after->sha256) == 0,
         "%s changed the project file's bytes (SHA-256 %s, then %s)", what, before->sha256, after->sha256);
  CHECK (g_strcmp0 (before->batches, after->batches) == 0,
         "%s changed `batches --json`:\n%s\nbecame\n%s", what, before->batches, after->batches);
  CHECK (g_strcmp0 (before->report, after->report) == 0,
         "%s changed `report --json` over %s..%s", what, BASE_FROM, BASE_TO);
}

/* The import command line of @c, with --dry-run when @dry_run. */
static GPtrArray *
import_args (const Case *c,
             const char *project,
             gboolean    dry_run)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("import"));
  g_ptr_array_add (args, g_strdup (project));
  g_ptr_array_add (args, fixture_path (c->file));
  if (c->preset != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--preset"));
      g_ptr_array_add (args, g_strdup (c->preset));
      if (g_str_equal (c->preset, "generic"))
        {
          g_autofree char *name = g_strconcat (c->file, ".json", NULL);

          g_ptr_array_add (args, g_strdup ("--mapping"));
          g_ptr_array_add (args, g_test_build_filename (G_TEST_DIST, "fixtures", "malformed", "mappings", name, NULL));
        }
    }
  if (dry_run)
    g_ptr_array_add (args, g_strdup ("--dry-run"));
  g_ptr_array_add (args, NULL);
  return args;
}

static void
check_message (const Case         *c,
               const TallyTestRun *run,
               const char         *what)
{
  guint lines = tally_test_count_lines (run->err);

  CHECK (run->status == c->status, "%s exited %d, not %d; stdout: %.300s stderr: %s",
         what, run->status, c->status, run->out, run->err);
  /* An import that went through has no message to check. */
  if (c->status == 0 || run->status == 0)
    return;

  CHECK (lines >= 1 && lines <= 3, "%s wrote %u lines on stderr, not 1 to 3:\n%s", what, lines, run->err);
  CHECK (strstr (run->err, c->file) != NULL, "%s: stderr does not name “%s”:\n%s", what, c->file, run->err);
  CHECK (strstr (run->err, c->fragment) != NULL, "%s: stderr does not say “%s”:\n%s", what, c->fragment, run->err);
  CHECK (c->place == NULL || tally_test_has_place (run->err, c->place),
         "%s: stderr does not name %s:\n%s", what, c->place, run->err);
  CHECK (strstr (run->err, "SQL") == NULL && strstr (run->err, "sqlite") == NULL,
         "%s: stderr speaks of the database:\n%s", what, run->err);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *base = NULL;
  g_autofree char *input = fixture_path (c->file);
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GPtrArray) dry_args = NULL;
  g_auto(TallyTestRun) created = { 0 };
  g_auto(TallyTestRun) based = { 0 };
  g_auto(TallyTestRun) imported = { 0 };
  g_auto(TallyTestRun) dry = { 0 };
  g_auto(Snapshot) before = { 0 };
  g_auto(Snapshot) after = { 0 };
  g_auto(Snapshot) after_dry = { 0 };
  const char *project = "p.tally";

  g_test_message ("CATALOGUE line %u: %s, expecting exit %d, “%s”%s%s", c->catalogue_line, c->file, c->status,
                  c->fragment, c->place != NULL ? ", " : "", c->place != NULL ? c->place : "");
  g_assert_nonnull (base_for (c->file));
  g_assert_true (g_file_test (input, G_FILE_TEST_IS_REGULAR));
  base = g_test_build_filename (G_TEST_DIST, "fixtures", "malformed", "base", base_for (c->file), NULL);

  tally_test_run (&created, dir, "new", project, "--currency", "USD", "--timezone", "UTC", NULL);
  g_assert_cmpint (created.status, ==, 0);
  tally_test_run (&based, dir, "import", project, base, NULL);
  if (based.status != 0)
    {
      tally_test_fail ("the base file %s did not import (exit %d): %s", base_for (c->file), based.status, based.err);
      tally_test_remove_dir (dir);
      return;
    }

  take_snapshot (&before, dir, project, FALSE);

  args = import_args (c, project, FALSE);
  tally_test_run_argv (&imported, dir, (const char * const *) args->pdata);
  check_message (c, &imported, "import");
  take_snapshot (&after, dir, project, TRUE);
  check_unchanged (&before, &after, "the refused import");

  dry_args = import_args (c, project, TRUE);
  tally_test_run_argv (&dry, dir, (const char * const *) dry_args->pdata);
  CHECK (dry.status == c->status, "import --dry-run exited %d, not %d (as the import would); stderr: %s",
         dry.status, c->status, dry.err);
  take_snapshot (&after_dry, dir, project, TRUE);
  check_unchanged (&after, &after_dry, "import --dry-run");

  tally_test_remove_dir (dir);
}

/* The catalogue's cases, in its order. */
static GPtrArray *
read_catalogue (void)
{
  g_autofree char *path = fixture_path ("CATALOGUE");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Case *c;

      if (lines[i][0] == '#' || lines[i][strspn (lines[i], " \t\r")] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 5)
        g_error ("CATALOGUE line %u has %u fields, not 5 (file, preset, exit, fragment, location)",
                 i + 1, g_strv_length (fields));
      c = g_new0 (Case, 1);
      c->file = g_strdup (fields[0]);
      c->preset = g_str_equal (fields[1], "-") ? NULL : g_strdup (fields[1]);
      c->status = (int) g_ascii_strtoll (fields[2], NULL, 10);
      c->fragment = g_strdup (fields[3]);
      c->place = g_str_equal (fields[4], "-") ? NULL : g_strdup (fields[4]);
      c->catalogue_line = i + 1;
      g_ptr_array_add (cases, c);
    }
  return cases;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

  cases = read_catalogue ();
  g_assert_cmpuint (cases->len, >=, 36);
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *name = g_strconcat ("/tally/malformed/", c->file, NULL);

      if (!g_hash_table_add (names, c->file))
        g_error ("CATALOGUE lists %s twice", c->file);
      g_test_add_data_func (name, c, test_case);
    }

  result = g_test_run ();
  return result;
}
