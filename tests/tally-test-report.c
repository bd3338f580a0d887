/* tally-test-report.c: a project and its report, for tests of the numbers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tally-test-project.h"
#include "tally-test-report.h"
#include "tally-test-utils.h"

void
tally_test_fixture_setup (TallyTestFixture *fixture,
                          gconstpointer     data)
{
  fixture->dir = tally_test_make_dir ();
}

static void
drop_report (TallyTestFixture *fixture)
{
  g_clear_pointer (&fixture->report, tally_report_free);
  g_clear_pointer (&fixture->view, tally_freeze_view_free);
  g_clear_pointer (&fixture->engine, tally_engine_free);
  g_clear_pointer (&fixture->facts, tally_facts_free);
}

void
tally_test_fixture_teardown (TallyTestFixture *fixture,
                             gconstpointer     data)
{
  drop_report (fixture);
  g_clear_object (&fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* A project with the given settings, key, value, … NULL. */
void
tally_test_new_project (TallyTestFixture *fixture,
                        const char       *first_key,
                        ...)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      g_ptr_array_add (settings, (gpointer) key);
      g_ptr_array_add (settings, va_arg (args, char *));
      key = va_arg (args, const char *);
    }
  va_end (args);
  g_ptr_array_add (settings, NULL);

  fixture->project = tally_project_create (path, (const char * const *) settings->pdata, &error);
  g_assert_no_error (error);
}

void
tally_test_set (TallyTestFixture *fixture,
                const char       *key,
                const char       *value)
{
  g_autoptr(GError) error = NULL;

  tally_setting_save (fixture->project, key, value, &error);
  g_assert_no_error (error);
}

void
tally_test_import (TallyTestFixture *fixture,
                   const char       *name,
                   const char       *text)
{
  tally_test_import_text (fixture->project, fixture->dir, name, text);
}

static gint32
day_or_unset (const char *text)
{
  gint32 day = TALLY_DAY_UNSET;

  if (text[0] != '\0')
    g_assert_true (tally_day_parse (text, &day));
  return day;
}

/* Builds the report of [from, to] ("" for the data's range), with the
 * frozen days' published numbers unless @live. */
TallyReport *
tally_test_report (TallyTestFixture *fixture,
                   const char       *from,
                   const char       *to,
                   TallyGroup        group,
                   const char       *as_of,
                   gboolean          live)
{
  TallyReportOptions options = { day_or_unset (from), day_or_unset (to), group, day_or_unset (as_of) };
  g_autoptr(GError) error = NULL;

  drop_report (fixture);
  fixture->facts = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  fixture->engine = tally_engine_new (fixture->project, fixture->facts, &error);
  g_assert_no_error (error);

  if (options.from == TALLY_DAY_UNSET)
    options.from = fixture->engine->min_day;
  if (options.to == TALLY_DAY_UNSET)
    options.to = fixture->engine->max_day;
  options.live = live;

  fixture->view = tally_freeze_load (fixture->project, fixture->engine, &error);
  g_assert_no_error (error);
  fixture->report = tally_report_build (fixture->engine, &options, fixture->view);
  return fixture->report;
}

const TallyReportRow *
tally_test_row (TallyTestFixture *fixture,
                const char       *key)
{
  if (g_str_equal (key, "total"))
    return &fixture->report->totals;

  for (guint i = 0; i < fixture->report->rows->len; i++)
    {
      TallyReportRow *r = g_ptr_array_index (fixture->report->rows, i);

      if (g_str_equal (r->key, key))
        return r;
    }

  g_error ("The report has no row %s", key);
}

/* Money as the report prints it: minor units, rounded once. */
gint64
tally_test_money (TallyTestFixture *fixture,
                  const char       *key,
                  const char       *metric)
{
  double value = tally_report_metric (fixture->report, tally_test_row (fixture, key), metric);

  g_assert_true (isfinite (value));
  return (gint64) round (value);
}

gint64
tally_test_count (TallyTestFixture *fixture,
                  const char       *key,
                  const char       *metric)
{
  return (gint64) tally_report_metric (fixture->report, tally_test_row (fixture, key), metric);
}

/* A ratio to four decimals, as the report prints it; -1 for null. */
double
tally_test_ratio (TallyTestFixture *fixture,
                  const char       *key,
                  const char       *metric)
{
  double value = tally_report_metric (fixture->report, tally_test_row (fixture, key), metric);

  return isfinite (value) ? round (value * 10000) / 10000 : -1;
}

/* Publishes [from, to] with @as_of as the freeze clock, as `tally-cli
 * publish` does; any error fails the test. */
gint64
tally_test_publish (TallyTestFixture *fixture,
                    const char       *from,
                    const char       *to,
                    const char       *as_of)
{
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(TallyPublishPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  drop_report (fixture);
  session = tally_report_session_new (fixture->project);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  plan = tally_publish_plan_new (session, day_or_unset (from), day_or_unset (to), day_or_unset (as_of));
  id = tally_publish (session, plan, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}
