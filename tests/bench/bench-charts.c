/* bench-charts.c: how fast the four charts draw a large client's year, and
 * a way to look at them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-charts [--iterations N] [--size 1200x700]
 *       times each chart on synthetic data the size of the large client
 *       (365 days, 100 campaigns with long names, 5 bridge steps)
 *   bench-charts --png DIR [--project FILE.tally] [--group day|week|month]
 *       writes DIR/charts-<chart>-<light|dark>.png, of the synthetic data or
 *       of a project's whole range (the report is not frozen by this)
 *   bench-charts --pdf FILE.pdf [--project …]
 *       the four charts on an A4 page in the print style, as the export
 *
 * Not a meson test: timings depend on the machine. The target is well
 * under 100 ms for all four charts together at 1200×700.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>

#include <cairo-pdf.h>

#include "tally-chart-builder.h"
#include "tally-chart.h"
#include "tally-core.h"

static const struct
{
  TallyChartKind  kind;
  const char     *name;
} charts[] = {
  { TALLY_CHART_ROAS_OVER_TIME, "roas" },
  { TALLY_CHART_CAC_BY_CAMPAIGN, "cac" },
  { TALLY_CHART_GAP_BRIDGE, "bridge" },
  { TALLY_CHART_MATCH_QUALITY, "match-quality" },
};

static void
fill_periods (TallyChartData *data)
{
  gint32 first = tally_day_from_civil (2025, 1, 1);

  for (guint i = 0; i < data->n_periods; i++)
    {
      TallyChartPeriod *p = &data->periods[i];
      char key[11];

      tally_day_format (first + (gint32) i, key);
      p->key = g_strdup (key);
      /* A weekly rhythm over a slow drift, and a few days without spend. */
      p->meta_roas = i % 97 == 13 ? NAN : 3.2 + 0.6 * sin (i / 9.0) + 0.25 * sin (i * 2 * G_PI / 7);
      p->crm_roas = i % 97 == 13 ? NAN : 2.4 + 0.9 * sin (i / 23.0 + 1) + 0.2 * cos (i * 2 * G_PI / 7);
      p->identifier_share = 0.82 + 0.08 * sin (i / 30.0);
      p->click_id_share = 0.48 + 0.1 * sin (i / 17.0 + 2);
      p->unknown_source_share = i % 61 == 5 ? NAN : 0.16 + 0.06 * cos (i / 11.0);
      p->frozen = i + 21 < data->n_periods;
    }
}

static void
fill_campaigns (TallyChartData *data)
{
  static const char * const words[] = {
    "Prospecting", "Retargeting", "Lookalike 3 %", "Advantage+ Shopping", "Catálogo dinámico",
    "Leads formulario instantáneo", "Brand awareness", "Video views 15 s",
  };
  static const char * const places[] = { "CDMX", "Guadalajara y Monterrey", "Nacional", "Bajío", "Sureste" };

  for (guint i = 0; i < data->n_campaigns; i++)
    {
      TallyChartCampaign *c = &data->campaigns[i];

      if (i + 1 == data->n_campaigns)
        {
          c->name = g_strdup ("(unmatched)");
          c->crm_cac = 0;
          continue;
        }
      c->name = g_strdup_printf ("CJ %s · %s · Creativo %03u · 2025-Q%u", words[i % G_N_ELEMENTS (words)],
                                 places[i % G_N_ELEMENTS (places)], i + 1, i % 4 + 1);
      c->id = g_strdup_printf ("2384%09u", i);
      c->crm_cac = i % 11 == 3 ? NAN : 90000 + 60000 * sin (i * 0.7) + 1000 * (i % 13);
      c->meta_cpa = i % 7 == 2 ? NAN : 50000 + 35000 * cos (i * 0.4);
    }
}

static void
fill_bridge (TallyChartData *data)
{
  static const struct { const char *id; const char *label; gint64 amount; gboolean measurable; } steps[] = {
    { "view_through", "View-through purchases Meta counts", -28793015, TRUE },
    { "not_explained", "Not explained by the data", -4679407, TRUE },
    { "timezone", "Days of the reporting timezone instead of the ad account's", 1250033, TRUE },
    { "refunds", "Refunds", -2233159, TRUE },
    { "recognition", "Revenue recognized over its term", 0, FALSE },
  };
  TallyChartBridge *bridge = &data->bridge;

  bridge->start = 97779818;
  bridge->end = bridge->start;
  for (guint i = 0; i < bridge->n_steps; i++)
    {
      bridge->steps[i].id = g_strdup (steps[i].id);
      bridge->steps[i].label = g_strdup (steps[i].label);
      bridge->steps[i].amount = steps[i].amount;
      bridge->steps[i].measurable = steps[i].measurable;
      bridge->end += steps[i].amount;
    }
  bridge->no_source = 18597756;
  bridge->unmatched = 13440793;
}

static TallyChartData *
synthetic_data (void)
{
  TallyChartData *data = tally_chart_data_new (365, 100, 5);

  data->title = g_strdup ("Large client · 2025-01-01 – 2025-12-31");
  data->currency = g_strdup ("MXN");
  data->decimals = 2;
  data->window = g_strdup ("7-day click or 1-day view");
  data->timezone = g_strdup ("America/Mexico_City");
  fill_periods (data);
  fill_campaigns (data);
  fill_bridge (data);
  return data;
}

static TallyChartData *
project_data (const char  *path,
              TallyGroup   group,
              GError     **error)
{
  TallyReportOptions by_period = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, group, TALLY_DAY_UNSET };
  TallyReportOptions by_campaign = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_CAMPAIGN, TALLY_DAY_UNSET };
  g_autoptr(TallyProject) project = tally_project_open (path, error);
  g_autoptr(TallyReportRun) periods = NULL;
  g_autoptr(TallyReportRun) campaigns = NULL;

  if (project == NULL)
    return NULL;
  periods = tally_report_run (project, &by_period, error);
  if (periods == NULL)
    return NULL;
  campaigns = tally_report_run (project, &by_campaign, error);
  if (campaigns == NULL)
    return NULL;
  return tally_chart_data_new_from_report (periods->report, campaigns->report);
}

/* Milliseconds per frame of @kind, over @iterations frames. */
static double
time_chart (TallyChartKind        kind,
            const TallyChartData *data,
            int                   width,
            int                   height,
            int                   iterations)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gint64 start;

  /* One frame first, to load the fonts. */
  tally_chart_render (kind, cr, width, height, data, tally_chart_style_light ());
  cairo_surface_flush (surface);

  start = g_get_monotonic_time ();
  for (int i = 0; i < iterations; i++)
    {
      tally_chart_render (kind, cr, width, height, data, tally_chart_style_light ());
      cairo_surface_flush (surface);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return (double) (g_get_monotonic_time () - start) / 1000.0 / iterations;
}

/* Microseconds per hit test across the chart: the widget runs one per
 * pointer motion, and each computes the layout again. */
static double
time_hit_test (TallyChartKind        kind,
               const TallyChartData *data,
               int                   width,
               int                   height,
               int                   iterations)
{
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < iterations; i++)
    {
      g_auto(TallyChartHit) hit = { 0 };

      tally_chart_hit_test (kind, width, height, data, NULL, (double) width * (i % 97) / 97, height / 2.0, &hit);
    }
  return (double) (g_get_monotonic_time () - start) / iterations;
}

static void
benchmark (const TallyChartData *data,
           int                   width,
           int                   height,
           int                   iterations)
{
  double total = 0;

  g_print ("%u periods, %u campaigns, %u bridge steps, %d×%d, mean of %d frames\n", data->n_periods,
           data->n_campaigns, data->bridge.n_steps, width, height, iterations);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      double ms = time_chart (charts[i].kind, data, width, height, iterations);

      total += ms;
      g_print ("%-16s %7.2f ms   (hit test %5.0f µs)\n", charts[i].name, ms,
               time_hit_test (charts[i].kind, data, width, height, iterations * 4));
    }
  g_print ("%-16s %7.2f ms  (target: well under 100 ms)\n", "all four", total);
}

static gboolean
write_pngs (const TallyChartData  *data,
            const char            *dir,
            int                    width,
            int                    height,
            GError               **error)
{
  static const char * const style_names[] = { "light", "dark" };
  const TallyChartStyle *styles[] = { tally_chart_style_light (), tally_chart_style_dark () };

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot create %s", dir);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        g_autofree char *name = g_strdup_printf ("charts-%s-%s.png", charts[i].name, style_names[s]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        cairo_t *cr = cairo_create (surface);

        tally_chart_render (charts[i].kind, cr, width, height, data, styles[s]);
        cairo_destroy (cr);
        if (cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
          g_printerr ("Cannot write %s\n", path);
        else
          g_print ("%s\n", path);
        cairo_surface_destroy (surface);
      }
  return TRUE;
}

/* A4 in points, 40 pt margins, two charts a page. */
static gboolean
write_pdf (const TallyChartData *data,
           const char           *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 40, 40 + (i % 2) * 390);
      tally_chart_render (charts[i].kind, cr, 515, 360, data, tally_chart_style_print ());
      cairo_restore (cr);
      if (i % 2 == 1)
        cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    g_printerr ("Cannot write %s: %s\n", path, cairo_status_to_string (status));
  else
    g_print ("%s\n", path);
  return status == CAIRO_STATUS_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *png_dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *project = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *size = NULL;
  g_autoptr(TallyChartData) data = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  TallyGroup group = TALLY_GROUP_MONTH;
  int iterations = 50, width = 1200, height = 700;
  GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT, &iterations, "Frames to time per chart", "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Chart size", "WxH" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png_dir, "Write PNGs to DIR instead of timing", "DIR" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Write an A4 page of the four charts", "FILE" },
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &project, "Chart this project instead", "FILE" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_name, "Periods of the project's charts", "day|week|month" },
    { NULL }
  };

  tally_core_init_i18n ();
  context = g_option_context_new ("— time or look at the report charts");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (group_name != NULL && !tally_group_from_string (group_name, &group)) ||
      (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2) || iterations < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Bad --group, --size or --iterations");
      return 1;
    }

  data = project != NULL ? project_data (project, group, &error) : synthetic_data ();
  if (data == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (pdf != NULL)
    return write_pdf (data, pdf) ? 0 : 1;
  if (png_dir != NULL)
    {
      if (!write_pngs (data, png_dir, width, height, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  benchmark (data, width, height, iterations);
  return 0;
}
