/* bench-chart-refresh.c: from a change in the app to the new charts, on
 * the large client
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-chart-refresh PROJECT.tally [--runs N]
 *
 * Times, on a copy of PROJECT, what the Charts page does after each kind of
 * change, down to the four charts drawn at 1200×700: the report session
 * (kept by the app between changes) builds the report by period and by
 * campaign, the chart data are made from them, and the charts are drawn.
 *   - a new date range, a new grouping: the session's engine serves;
 *   - revenue_basis, refund_policy, scope: the settings that choose among
 *     what the cells keep: the engine takes the new rules;
 *   - timezone: the cells move, so a new session reads the facts (from the
 *     cache) and applies the rules again.
 * Prints the best of N runs of each, in milliseconds; the target is under
 * 100 ms for all but the timezone. tests/bench/bench-report.py makes the
 * large client's project.
 */
#include "config.h"

#include <cairo.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "tally-chart-builder.h"
#include "tally-chart.h"
#include "tally-core.h"

#define WIDTH  1200
#define HEIGHT 700

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* What the Charts page does after the session has its report. */
static void
draw_charts (TallyReportSession       *session,
             const TallyReportOptions *by_period)
{
  TallyReportOptions campaigns = *by_period;
  g_autoptr(TallyReport) by_campaign = NULL;
  g_autoptr(TallyChartData) data = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  campaigns.group = TALLY_GROUP_CAMPAIGN;
  by_campaign = tally_report_session_extra_report (session, &campaigns);
  data = tally_chart_data_new_from_report (tally_report_session_get_report (session), by_campaign);

  for (int kind = TALLY_CHART_ROAS_OVER_TIME; kind <= TALLY_CHART_MATCH_QUALITY; kind++)
    tally_chart_render (kind, cr, WIDTH, HEIGHT, data, tally_chart_style_light ());

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
build (TallyReportSession *session,
       TallyReportOptions *options)
{
  g_autoptr(GError) error = NULL;

  tally_report_session_set_options (session, options);
  if (!tally_report_session_build (session, NULL, &error))
    g_error ("%s", error->message);
  draw_charts (session, options);
}

static void
report_line (const char *what,
             double      best)
{
  printf ("%-44s %8.1f ms%s\n", what, best, best < 100 ? "" : "   (over 100 ms)");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportSession) session = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
  int runs = argc > 3 && g_str_equal (argv[2], "--runs") ? atoi (argv[3]) : 5;
  double best[6] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
  gsize length;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-chart-refresh PROJECT.tally [--runs N]\n");
      return 1;
    }

  /* Settings change below: on a copy. */
  dir = g_dir_make_tmp ("tally-bench-XXXXXX", &error);
  copy = g_build_filename (dir, "bench.tally", NULL);
  if (dir == NULL || !g_file_get_contents (argv[1], &contents, &length, &error) ||
      !g_file_set_contents (copy, contents, (gssize) length, &error))
    g_error ("%s", error->message);
  g_clear_pointer (&contents, g_free);

  project = tally_project_open (copy, &error);
  if (project == NULL)
    g_error ("%s", error->message);

  {
    double start = now_ms ();

    session = tally_report_session_new (project);
    build (session, &options);
    printf ("%-44s %8.1f ms\n", "opening: facts, rules, frozen days, charts", now_ms () - start);
  }

  for (int run = 0; run < runs; run++)
    {
      TallyEngine *engine = tally_report_session_get_engine (session);
      const char *basis = run % 2 == 0 ? "gross" : "net";
      double start;

      /* The last quarter, then the whole range again. */
      start = now_ms ();
      options.from = engine->max_day - 90;
      build (session, &options);
      best[0] = MIN (best[0], now_ms () - start);
      options.from = TALLY_DAY_UNSET;

      start = now_ms ();
      options.group = TALLY_GROUP_WEEK;
      build (session, &options);
      best[1] = MIN (best[1], now_ms () - start);
      options.group = TALLY_GROUP_DAY;
      build (session, &options);

      start = now_ms ();
      if (!tally_setting_save (project, "revenue_basis", basis, &error) ||
          !tally_report_session_reload_rules (session))
        g_error ("the revenue basis did not take");
      build (session, &options);
      best[2] = MIN (best[2], now_ms () - start);

      start = now_ms ();
      if (!tally_setting_save (project, "refund_policy", run % 2 == 0 ? "period" : "restate", &error) ||
          !tally_report_session_reload_rules (session))
        g_error ("the refund policy did not take");
      build (session, &options);
      best[3] = MIN (best[3], now_ms () - start);

      start = now_ms ();
      if (!tally_setting_save (project, "scope", run % 2 == 0 ? "meta_attributed" : "crm_realized", &error) ||
          !tally_report_session_reload_rules (session))
        g_error ("the scope did not take");
      build (session, &options);
      best[4] = MIN (best[4], now_ms () - start);

      /* The timezone moves the cells: a new session. */
      start = now_ms ();
      if (!tally_setting_save (project, "timezone", run % 2 == 0 ? "UTC" : "America/Mexico_City", &error))
        g_error ("%s", error->message);
      if (tally_report_session_reload_rules (session))
        g_error ("a timezone change kept the cells");
      tally_report_session_invalidate (session);
      build (session, &options);
      best[5] = MIN (best[5], now_ms () - start);
    }

  printf ("best of %d, to the four charts drawn at %dx%d:\n", runs, WIDTH, HEIGHT);
  report_line ("a new date range", best[0]);
  report_line ("a new grouping (day to week)", best[1]);
  report_line ("revenue_basis", best[2]);
  report_line ("refund_policy", best[3]);
  report_line ("scope", best[4]);
  printf ("%-44s %8.1f ms   (reads the facts and applies the rules again)\n", "timezone", best[5]);

  g_clear_object (&session);
  g_clear_object (&project);
  g_unlink (copy);
  g_rmdir (dir);
  return 0;
}
