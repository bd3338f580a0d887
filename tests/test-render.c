/* test-render.c: the charts, drawn on image surfaces and read back pixel
 * by pixel, on small fixtures whose numbers are worked out by hand
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <string.h>

#include "tally-chart-builder.h"
#include "tally-chart.h"
#include "tally-core.h"
#include "tally-test-project.h"
#include "tally-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

#define WIDTH  800
#define HEIGHT 500

/* How far a channel may be off: anti-aliased lines blend with what is
 * under them; fills only round. */
#define LINE 28
#define FILL 6

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

/* Fixtures ------------------------------------------------------------------ */

static void
set_common (TallyChartData *data)
{
  data->title = g_strdup ("Casa de prueba");
  data->currency = g_strdup ("MXN");
  data->decimals = 2;
  data->window = g_strdup ("7-day click or 1-day view");
  data->timezone = g_strdup ("America/Mexico_City");
}

/* Six days of August; the 3rd has no spend (ROAS null), the 4th no new
 * customers (shares null), the 6th is still open. */
static TallyChartData *
periods_fixture (void)
{
  static const double meta[] = { 3.00, 3.61, NAN, 4.00, 2.00, 3.00 };
  static const double crm[] = { 2.00, 2.10, NAN, 1.00, 2.00, 1.50 };
  static const double identifier[] = { 0.80, 0.90, 0.70, NAN, 0.85, 0.60 };
  static const double click_id[] = { 0.50, 0.40, 0.45, NAN, 0.30, 0.20 };
  static const double unknown[] = { 0.10, 0.05, 0.20, NAN, 0.10, 0.35 };
  TallyChartData *data = tally_chart_data_new (G_N_ELEMENTS (meta), 0, 0);

  set_common (data);
  for (guint i = 0; i < data->n_periods; i++)
    {
      TallyChartPeriod *p = &data->periods[i];

      p->key = g_strdup_printf ("2026-08-%02u", i + 1);
      p->meta_roas = meta[i];
      p->crm_roas = crm[i];
      p->identifier_share = identifier[i];
      p->click_id_share = click_id[i];
      p->unknown_source_share = unknown[i];
      p->frozen = i < 5;
    }
  return data;
}

static TallyChartData *
campaigns_fixture (void)
{
  TallyChartData *data = tally_chart_data_new (0, 3, 0);

  set_common (data);
  data->campaigns[0] = (TallyChartCampaign) { g_strdup ("Prospecting Cocina"), g_strdup ("111"), 150000, 100000 };
  data->campaigns[1] = (TallyChartCampaign) {
    g_strdup ("Retargeting Catálogo dinámico · Advantage+ · Guadalajara, Monterrey y Ciudad de México · 2026"),
    g_strdup ("222"), 50000, NAN };
  data->campaigns[2] = (TallyChartCampaign) { g_strdup ("(unmatched)"), NULL, 0, NAN };
  return data;
}

/* 5,000.00 − 2,000.00 − 1,500.00 + 3,500.00 − 200.00 + 0 = 4,800.00 */
static TallyChartData *
bridge_fixture (void)
{
  static const struct { const char *id; gint64 amount; gboolean measurable; } steps[] = {
    { "view_through", -200000, TRUE },
    { "not_explained", -150000, TRUE },
    { "timezone", 350000, TRUE },
    { "refunds", -20000, TRUE },
    { "recognition", 0, FALSE },
  };
  TallyChartData *data = tally_chart_data_new (0, 0, G_N_ELEMENTS (steps));

  set_common (data);
  data->bridge.start = 500000;
  data->bridge.end = 480000;
  data->bridge.no_source = 12345;
  data->bridge.unmatched = 6789;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      data->bridge.steps[i].id = g_strdup (steps[i].id);
      data->bridge.steps[i].label = g_strdup_printf ("The %s step", steps[i].id);
      data->bridge.steps[i].amount = steps[i].amount;
      data->bridge.steps[i].measurable = steps[i].measurable;
    }
  return data;
}

/* Pixels -------------------------------------------------------------------- */

typedef struct
{
  int r, g, b;
} Rgb;

static Rgb
rgb_of (const TallyChartColor *color)
{
  return (Rgb) { (int) round (color->red * 255), (int) round (color->green * 255), (int) round (color->blue * 255) };
}

/* @color painted with its alpha over @under, as cairo composites it. */
static Rgb
over (const TallyChartColor *color,
      const TallyChartColor *under)
{
  Rgb a = rgb_of (color), b = rgb_of (under);
  double alpha = color->alpha;

  return (Rgb) { (int) round (a.r * alpha + b.r * (1 - alpha)), (int) round (a.g * alpha + b.g * (1 - alpha)),
                 (int) round (a.b * alpha + b.b * (1 - alpha)) };
}

static Rgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row;
  guint32 p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  cairo_surface_flush (surface);
  row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  p = ((const guint32 *) row)[x];
  /* The background is opaque, so premultiplied is plain. */
  return (Rgb) { (int) (p >> 16 & 0xff), (int) (p >> 8 & 0xff), (int) (p & 0xff) };
}

static gboolean
same_rgb (Rgb a,
          Rgb b,
          int tolerance)
{
  return ABS (a.r - b.r) <= tolerance && ABS (a.g - b.g) <= tolerance && ABS (a.b - b.b) <= tolerance;
}

/* Whether @want is within @radius pixels of (@x, @y). */
static gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            int              radius,
            Rgb              want,
            int              tolerance)
{
  int cx = (int) floor (x), cy = (int) floor (y);

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (same_rgb (pixel (surface, cx + dx, cy + dy), want, tolerance))
        return TRUE;
  return FALSE;
}

/* Whether @want appears anywhere in the column @x from @top to @bottom. */
static gboolean
color_in_column (cairo_surface_t *surface,
                 int              x,
                 int              top,
                 int              bottom,
                 Rgb              want,
                 int              tolerance)
{
  for (int y = top; y <= bottom; y++)
    if (same_rgb (pixel (surface, x, y), want, tolerance))
      return TRUE;
  return FALSE;
}

/* How many pixels of @want stand one above the other, up from @y. */
static int
run_upwards (cairo_surface_t *surface,
             int              x,
             int              y,
             Rgb              want)
{
  int n = 0;

  while (y - n >= 0 && same_rgb (pixel (surface, x, y - n), want, FILL))
    n++;
  return n;
}

/* Draws @kind, writes it to the fixture's folder (or to
 * $TALLY_TEST_PNG_DIR, to look at), and returns it. */
static cairo_surface_t *
render (Fixture               *fixture,
        TallyChartKind         kind,
        const TallyChartData  *data,
        const TallyChartStyle *style,
        const char            *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  const char *keep = g_getenv ("TALLY_TEST_PNG_DIR");
  g_autofree char *path = g_build_filename (keep != NULL ? keep : fixture->dir, name, NULL);

  tally_chart_render (kind, cr, WIDTH, HEIGHT, data, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
  return surface;
}

static double
value_y (const TallyChartAxis *axis,
         double                value)
{
  return axis->plot.y + axis->plot.height * (axis->y_max - value) / (axis->y_max - axis->y_min);
}

/* A step of 1, 2 or 5 times a power of ten. */
static void
assert_nice_step (double step)
{
  double normal = step / pow (10, floor (log10 (step) + 1e-9));

  g_assert_true (fabs (normal - 1) < 1e-9 || fabs (normal - 2) < 1e-9 || fabs (normal - 5) < 1e-9);
}

/* ROAS over time ------------------------------------------------------------ */

static void
test_roas_lines (Fixture       *fixture,
                 gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = periods_fixture ();
  const TallyChartStyle *style = tally_chart_style_light ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_ROAS_OVER_TIME, data, style, "roas.png");
  TallyChartAxis axis;
  double mx, my, cx, cy;

  /* The largest ROAS is 4.00: the axis starts at 0 and reaches it. */
  g_assert_true (tally_chart_get_axis (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, &axis));
  g_assert_cmpfloat (axis.y_min, ==, 0);
  g_assert_cmpfloat (axis.y_max, >=, 4.0);
  g_assert_cmpfloat (axis.y_max - axis.y_step, <, 4.0);
  assert_nice_step (axis.y_step);

  for (guint i = 0; i < data->n_periods; i++)
    {
      if (i == 2)
        continue;
      g_assert_true (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style,
                                           TALLY_CHART_SERIES_META_ROAS, i, &mx, &my));
      g_assert_true (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style,
                                           TALLY_CHART_SERIES_CRM_ROAS, i, &cx, &cy));
      g_assert_cmpfloat (mx, ==, cx);
      g_assert_cmpfloat_with_epsilon (my, value_y (&axis, data->periods[i].meta_roas), 1e-6);

      /* Where both are 2.00 the CRM line, drawn last, covers Meta's. */
      if (data->periods[i].meta_roas != data->periods[i].crm_roas)
        g_assert_true (color_near (surface, mx, my, 2, rgb_of (&style->meta), LINE));
      g_assert_true (color_near (surface, cx, cy, 2, rgb_of (&style->crm), LINE));
    }

  /* Between 3.61 and 2.10 on the 2nd lies the gap's fill. */
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_META_ROAS, 1,
                        &mx, &my);
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_CRM_ROAS, 1,
                        &cx, &cy);
  g_assert_true (color_near (surface, mx, (my + cy) / 2, 3, over (&style->gap, &style->background), FILL));
  /* Above both lines, no fill: the plain background. */
  g_assert_true (color_near (surface, mx, my - 20, 0, rgb_of (&style->background), FILL));
}

/* A null ROAS is no point and no line through it: nothing in its column. */
static void
test_roas_null (Fixture       *fixture,
                gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = periods_fixture ();
  const TallyChartStyle *style = tally_chart_style_light ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_ROAS_OVER_TIME, data, style, "roas-null.png");
  TallyChartAxis axis;
  double x1, x3, y;
  int x;

  g_assert_false (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style,
                                        TALLY_CHART_SERIES_META_ROAS, 2, NULL, NULL));
  g_assert_false (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style,
                                        TALLY_CHART_SERIES_CRM_ROAS, 2, NULL, NULL));

  /* Periods are evenly spaced: the 3rd is halfway between the 2nd and 4th. */
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_META_ROAS, 1,
                        &x1, &y);
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_META_ROAS, 3,
                        &x3, &y);
  x = (int) round ((x1 + x3) / 2);
  tally_chart_get_axis (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, &axis);

  for (int dx = -2; dx <= 2; dx++)
    {
      int top = (int) axis.plot.y, bottom = (int) (axis.plot.y + axis.plot.height) - 2;

      g_assert_false (color_in_column (surface, x + dx, top, bottom, rgb_of (&style->meta), LINE));
      g_assert_false (color_in_column (surface, x + dx, top, bottom, rgb_of (&style->crm), LINE));
      g_assert_false (color_in_column (surface, x + dx, top, bottom, over (&style->gap, &style->background), FILL));
    }
}

/* The open 6th day is hatched; the frozen 1st is not. */
static void
test_roas_open (Fixture       *fixture,
                gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = periods_fixture ();
  const TallyChartStyle *style = tally_chart_style_light ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_ROAS_OVER_TIME, data, style, "roas-open.png");
  Rgb background = rgb_of (&style->background);
  TallyChartAxis axis;
  double x_frozen, x_open, y;
  int top, changed_frozen = 0, changed_open = 0;

  tally_chart_get_axis (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, &axis);
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_META_ROAS, 0,
                        &x_frozen, &y);
  tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, style, TALLY_CHART_SERIES_META_ROAS, 5,
                        &x_open, &y);

  /* A strip under the plot's top, above every value (4.00 at most). */
  top = (int) axis.plot.y + 3;
  for (int dx = -10; dx <= 10; dx++)
    for (int dy = 0; dy < 6; dy++)
      {
        changed_frozen += !same_rgb (pixel (surface, (int) x_frozen + dx, top + dy), background, FILL);
        changed_open += !same_rgb (pixel (surface, (int) x_open + dx, top + dy), background, FILL);
      }
  g_assert_cmpint (changed_frozen, ==, 0);
  g_assert_cmpint (changed_open, >, 20);
}

/* CAC by campaign ----------------------------------------------------------- */

static void
test_cac_bars (Fixture       *fixture,
               gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = campaigns_fixture ();
  const TallyChartStyle *style = tally_chart_style_light ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_CAC_BY_CAMPAIGN, data, style, "cac.png");
  double per_minor;
  TallyChartAxis axis;
  TallyChartRect crm, meta, missing;

  /* The largest value is 1,500.00 MXN (150000 cents); the axis is money in
   * minor units from zero. */
  g_assert_true (tally_chart_get_axis (TALLY_CHART_CAC_BY_CAMPAIGN, WIDTH, HEIGHT, data, style, &axis));
  g_assert_cmpfloat (axis.y_min, ==, 0);
  g_assert_cmpfloat (axis.y_max, >=, 150000);
  g_assert_cmpfloat (axis.y_max - axis.y_step, <, 150000);
  assert_nice_step (axis.y_step);
  per_minor = axis.plot.height / (axis.y_max - axis.y_min);

  /* CRM CAC 1,500.00 and Meta CPA 1,000.00: heights on the axis' scale, in
   * the rectangles and in the pixels. */
  g_assert_true (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 0, TALLY_CHART_SERIES_CRM_CAC, &crm));
  g_assert_true (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 0, TALLY_CHART_SERIES_META_CPA, &meta));
  g_assert_cmpfloat (fabs (crm.height - 150000 * per_minor), <=, 2);
  g_assert_cmpfloat (fabs (meta.height - 100000 * per_minor), <=, 2);
  g_assert_cmpfloat (crm.x + crm.width, <=, meta.x);
  g_assert_cmpint (abs (run_upwards (surface, (int) (crm.x + crm.width / 2), (int) (crm.y + crm.height) - 1,
                                     rgb_of (&style->crm)) - (int) round (150000 * per_minor)), <=, 2);
  g_assert_cmpint (abs (run_upwards (surface, (int) (meta.x + meta.width / 2), (int) (meta.y + meta.height) - 1,
                                     rgb_of (&style->meta)) - (int) round (100000 * per_minor)), <=, 2);

  /* 500.00 for the long name's CRM CAC, a third of the first. */
  g_assert_true (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 1, TALLY_CHART_SERIES_CRM_CAC, &crm));
  g_assert_cmpfloat (fabs (crm.height - 50000 * per_minor), <=, 2);

  /* Its Meta CPA is null: no bar, not a bar of zero. */
  g_assert_false (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 1, TALLY_CHART_SERIES_META_CPA, &missing));
  g_assert_false (color_in_column (surface, (int) (missing.x + missing.width / 2), (int) axis.plot.y,
                                   (int) (axis.plot.y + axis.plot.height), rgb_of (&style->meta), LINE));

  /* (unmatched) is a campaign like any other. */
  g_assert_true (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 2, TALLY_CHART_SERIES_CRM_CAC, &crm));
  g_assert_false (tally_chart_bar_rect (WIDTH, HEIGHT, data, style, 3, TALLY_CHART_SERIES_CRM_CAC, &crm));
}

/* A hundred long names: nothing drawn past the chart's edge, and every
 * campaign's slot answers for it. */
static void
test_cac_many (Fixture       *fixture,
               gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = tally_chart_data_new (0, 100, 0);
  g_autoptr(cairo_surface_t) surface = NULL;
  TallyChartRect bar;

  set_common (data);
  for (guint i = 0; i < data->n_campaigns; i++)
    {
      data->campaigns[i].name = g_strdup_printf ("CJ Prospecting Lookalike 3 %% Advantage+ Guadalajara %03u", i);
      data->campaigns[i].crm_cac = 100000 + i * 1000;
      data->campaigns[i].meta_cpa = 50000;
    }
  surface = render (fixture, TALLY_CHART_CAC_BY_CAMPAIGN, data, NULL, "cac-many.png");

  for (guint i = 0; i < data->n_campaigns; i++)
    {
      g_auto(TallyChartHit) hit = { 0 };

      g_assert_true (tally_chart_bar_rect (WIDTH, HEIGHT, data, NULL, i, TALLY_CHART_SERIES_CRM_CAC, &bar));
      g_assert_cmpfloat (bar.x, >=, 0);
      g_assert_cmpfloat (bar.x + bar.width, <=, WIDTH);
      g_assert_true (tally_chart_hit_test (TALLY_CHART_CAC_BY_CAMPAIGN, WIDTH, HEIGHT, data, NULL,
                                           bar.x + bar.width / 2, bar.y + bar.height / 2, &hit));
      g_assert_cmpint (hit.index, ==, i);
      g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_CRM_CAC);
    }
}

/* The gap bridge ------------------------------------------------------------ */

static void
test_bridge_bars (Fixture       *fixture,
                  gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = bridge_fixture ();
  const TallyChartStyle *style = tally_chart_style_light ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_GAP_BRIDGE, data, style, "bridge.png");
  TallyChartAxis axis;
  TallyChartRect start, end, step, hollow;
  int x;

  /* The start, five steps, the end: the steps add up, so no remainder. */
  g_assert_cmpuint (tally_chart_bridge_n_bars (data), ==, 7);

  tally_chart_get_axis (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, style, &axis);
  g_assert_cmpfloat (axis.y_min, ==, 0);
  assert_nice_step (axis.y_step);

  /* The first bar stands on zero and reaches 5,000.00 MXN. */
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 0, &start));
  g_assert_cmpfloat (fabs (start.y - value_y (&axis, 500000)), <=, 1);
  g_assert_cmpfloat (fabs (start.y + start.height - value_y (&axis, 0)), <=, 1);
  x = (int) (start.x + start.width / 2);
  g_assert_cmpint (abs (run_upwards (surface, x, (int) (start.y + start.height) - 1, rgb_of (&style->meta)) -
                        (int) round (value_y (&axis, 0) - value_y (&axis, 500000))), <=, 2);
  g_assert_false (same_rgb (pixel (surface, x, (int) start.y - 2), rgb_of (&style->meta), LINE));

  /* The second goes down from 5,000.00 to 3,000.00, in red. */
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 1, &step));
  g_assert_cmpfloat (fabs (step.y - value_y (&axis, 500000)), <=, 1);
  g_assert_cmpfloat (fabs (step.y + step.height - value_y (&axis, 300000)), <=, 1);
  g_assert_true (color_near (surface, step.x + step.width / 2, step.y + step.height / 2, 0,
                             rgb_of (&style->decrease), FILL));

  /* The fourth goes up by 3,500.00, from 1,500.00 to 5,000.00, in green. */
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 3, &step));
  g_assert_cmpfloat (fabs (step.y + step.height - value_y (&axis, 150000)), <=, 1);
  g_assert_true (color_near (surface, step.x + step.width / 2, step.y + step.height / 2, 0,
                             rgb_of (&style->increase), FILL));

  /* Recognition cannot be measured: an empty box, not a bar. */
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 5, &hollow));
  g_assert_true (color_near (surface, hollow.x + hollow.width / 2, hollow.y + hollow.height / 2, 0,
                             rgb_of (&style->background), FILL));

  /* The last bar is CRM realized revenue, 4,800.00 MXN from zero. */
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 6, &end));
  g_assert_cmpfloat (fabs (end.y - value_y (&axis, 480000)), <=, 1);
  g_assert_true (color_near (surface, end.x + end.width / 2, end.y + end.height / 2, 0, rgb_of (&style->crm), FILL));
  g_assert_false (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, style, 7, &end));
}

/* Steps that do not add up leave an unexplained remainder bar. */
static void
test_bridge_remainder (Fixture       *fixture,
                       gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = bridge_fixture ();
  g_auto(TallyChartHit) hit = { 0 };
  TallyChartRect rect;

  data->bridge.end = 470000;
  g_assert_cmpuint (tally_chart_bridge_n_bars (data), ==, 8);
  g_assert_true (tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, NULL, 6, &rect));
  g_assert_true (tally_chart_hit_test (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, NULL, rect.x + rect.width / 2,
                                       rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_BRIDGE_REMAINDER);
  /* 4,700.00 − 4,800.00 */
  g_assert_nonnull (strstr (hit.tooltip, "−100.00 MXN"));
}

/* Match quality ------------------------------------------------------------- */

static void
test_match_quality (Fixture       *fixture,
                    gconstpointer  unused)
{
  static const TallyChartSeries series[] = {
    TALLY_CHART_SERIES_IDENTIFIER, TALLY_CHART_SERIES_CLICK_ID, TALLY_CHART_SERIES_UNKNOWN_SOURCE
  };
  g_autoptr(TallyChartData) data = periods_fixture ();
  const TallyChartStyle *style = tally_chart_style_dark ();
  g_autoptr(cairo_surface_t) surface = render (fixture, TALLY_CHART_MATCH_QUALITY, data, style, "quality.png");
  const TallyChartColor *colors[] = { &style->identifier, &style->click_id, &style->unknown_source };
  TallyChartAxis axis;
  double x, y, x2, x4;

  /* Shares run from 0 to 100 %. */
  tally_chart_get_axis (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, &axis);
  g_assert_cmpfloat (axis.y_min, ==, 0);
  g_assert_cmpfloat (axis.y_max, ==, 1);

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      /* The 1st day: 80 %, 50 % and 10 %. */
      g_assert_true (tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, series[s], 0,
                                           &x, &y));
      g_assert_true (color_near (surface, x, y, 2, rgb_of (colors[s]), LINE));
      /* The 4th had no new customers. */
      g_assert_false (tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, series[s], 3,
                                            &x, &y));
    }
  tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, series[0], 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, value_y (&axis, 0.80), 1e-6);

  /* Nothing in the 4th day's column. */
  tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, series[0], 2, &x2, &y);
  tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, style, series[0], 4, &x4, &y);
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    g_assert_false (color_in_column (surface, (int) round ((x2 + x4) / 2), (int) axis.plot.y,
                                     (int) (axis.plot.y + axis.plot.height) - 2, rgb_of (colors[s]), LINE));
}

/* Hit tests ----------------------------------------------------------------- */

static void
test_hit_roas (Fixture       *fixture,
               gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = periods_fixture ();
  double x, y;

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_META_ROAS, 1,
                          &x, &y);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, x + 1, y - 2,
                                         &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_PERIOD);
    g_assert_cmpint (hit.index, ==, 1);
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_META_ROAS);
    /* Gap = CRM − Meta = 2.10 − 3.61 */
    g_assert_cmpstr (hit.tooltip, ==, "2026-08-02\nMeta ROAS 3.61\nCRM ROAS 2.10\nGap −1.51");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };
    double x1, x3;

    /* The null day, halfway between its neighbours, says so rather than 0. */
    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_META_ROAS, 1,
                          &x1, &y);
    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_META_ROAS, 3,
                          &x3, &y);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, (x1 + x3) / 2, y,
                                         &hit));
    g_assert_cmpint (hit.index, ==, 2);
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_NONE);
    g_assert_cmpstr (hit.tooltip, ==, "2026-08-03\nMeta ROAS —\nCRM ROAS —\nGap —");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_CRM_ROAS, 3,
                          &x, &y);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, x, y, &hit));
    g_assert_cmpint (hit.index, ==, 3);
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_CRM_ROAS);
    g_assert_cmpstr (hit.tooltip, ==, "2026-08-04\nMeta ROAS 4.00\nCRM ROAS 1.00\nGap −3.00");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_CRM_ROAS, 5,
                          &x, &y);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, x, y, &hit));
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_CRM_ROAS);
    g_assert_true (g_str_has_prefix (hit.tooltip, "2026-08-06\nMeta ROAS 3.00\nCRM ROAS 1.50\nGap −1.50\n"));
    g_assert_nonnull (strstr (hit.tooltip, "Open period"));
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    g_assert_false (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, 2, 2, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_NONE);
    g_assert_cmpint (hit.index, ==, -1);
    g_assert_null (hit.tooltip);
  }

  /* The keyboard's slots: the same values, over the day's whole column. */
  {
    g_auto(TallyChartHit) hit = { 0 };
    g_auto(TallyChartHit) past = { 0 };
    TallyChartAxis axis;
    double x1;

    g_assert_cmpuint (tally_chart_n_slots (TALLY_CHART_ROAS_OVER_TIME, data), ==, data->n_periods);
    g_assert_true (tally_chart_slot_hit (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, 1, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_PERIOD);
    g_assert_cmpint (hit.index, ==, 1);
    g_assert_cmpstr (hit.tooltip, ==, "2026-08-02\nMeta ROAS 3.61\nCRM ROAS 2.10\nGap −1.51");
    tally_chart_get_axis (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, &axis);
    tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_META_ROAS, 1,
                          &x1, &y);
    g_assert_cmpfloat (hit.area.y, ==, axis.plot.y);
    g_assert_cmpfloat (hit.area.height, ==, axis.plot.height);
    g_assert_cmpfloat (hit.area.x, <, x1);
    g_assert_cmpfloat (hit.area.x + hit.area.width, >, x1);
    g_assert_false (tally_chart_slot_hit (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, data, NULL, data->n_periods,
                                          &past));
  }
}

static void
test_hit_match_quality (Fixture       *fixture,
                        gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = periods_fixture ();
  g_auto(TallyChartHit) hit = { 0 };
  double x, y;

  tally_chart_point_at (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, NULL, TALLY_CHART_SERIES_CLICK_ID, 0, &x, &y);
  g_assert_true (tally_chart_hit_test (TALLY_CHART_MATCH_QUALITY, WIDTH, HEIGHT, data, NULL, x, y + 3, &hit));
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_CLICK_ID);
  g_assert_cmpstr (hit.tooltip, ==, "2026-08-01\nIdentifier 80.0 %\nClick id 50.0 %\nNo source 10.0 %");
}

static void
test_hit_cac (Fixture       *fixture,
              gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = campaigns_fixture ();
  TallyChartRect bar;

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_bar_rect (WIDTH, HEIGHT, data, NULL, 0, TALLY_CHART_SERIES_META_CPA, &bar);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_CAC_BY_CAMPAIGN, WIDTH, HEIGHT, data, NULL,
                                         bar.x + 1, bar.y + 1, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_CAMPAIGN);
    g_assert_cmpint (hit.index, ==, 0);
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_META_CPA);
    g_assert_cmpstr (hit.tooltip, ==, "Prospecting Cocina\nCRM CAC 1,500.00 MXN\nMeta CPA 1,000.00 MXN");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    /* Under the axis, on the name: the campaign, but no bar. */
    tally_chart_bar_rect (WIDTH, HEIGHT, data, NULL, 1, TALLY_CHART_SERIES_CRM_CAC, &bar);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_CAC_BY_CAMPAIGN, WIDTH, HEIGHT, data, NULL,
                                         bar.x + bar.width, bar.y + bar.height + 12, &hit));
    g_assert_cmpint (hit.index, ==, 1);
    g_assert_cmpint (hit.series, ==, TALLY_CHART_SERIES_NONE);
    g_assert_true (g_str_has_suffix (hit.tooltip, "\nCRM CAC 500.00 MXN\nMeta CPA —"));
  }
}

static void
test_hit_bridge (Fixture       *fixture,
                 gconstpointer  unused)
{
  g_autoptr(TallyChartData) data = bridge_fixture ();
  TallyChartRect rect;

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, NULL, 0, &rect);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, NULL, rect.x + 2,
                                         rect.y + 2, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_BRIDGE_START);
    g_assert_cmpint (hit.index, ==, 0);
    g_assert_cmpstr (hit.tooltip, ==, "Meta attributed value\n5,000.00 MXN");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, NULL, 3, &rect);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, NULL, rect.x + 2,
                                         rect.y + 2, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_BRIDGE_STEP);
    g_assert_cmpint (hit.index, ==, 3);
    g_assert_cmpstr (hit.tooltip, ==, "The timezone step\n+3,500.00 MXN");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, NULL, 5, &rect);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, NULL, rect.x + 2,
                                         rect.y + 2, &hit));
    g_assert_cmpstr (hit.tooltip, ==, "The recognition step\nNot measurable with this data");
  }

  {
    g_auto(TallyChartHit) hit = { 0 };

    tally_chart_bridge_bar_rect (WIDTH, HEIGHT, data, NULL, 6, &rect);
    g_assert_true (tally_chart_hit_test (TALLY_CHART_GAP_BRIDGE, WIDTH, HEIGHT, data, NULL, rect.x + 2,
                                         rect.y + 2, &hit));
    g_assert_cmpint (hit.kind, ==, TALLY_CHART_HIT_BRIDGE_END);
    g_assert_cmpstr (hit.tooltip, ==, "CRM realized revenue\n4,800.00 MXN");
  }
}

/* Edges --------------------------------------------------------------------- */

/* No data, a tiny surface, a year by day: drawn without complaint. */
static void
test_edges (Fixture       *fixture,
            gconstpointer  unused)
{
  static const TallyChartKind kinds[] = {
    TALLY_CHART_ROAS_OVER_TIME, TALLY_CHART_CAC_BY_CAMPAIGN, TALLY_CHART_GAP_BRIDGE, TALLY_CHART_MATCH_QUALITY
  };
  g_autoptr(TallyChartData) empty = tally_chart_data_new (0, 0, 0);
  g_autoptr(TallyChartData) year = tally_chart_data_new (365, 0, 0);

  for (guint i = 0; i < year->n_periods; i++)
    {
      char key[11];

      tally_day_format (tally_day_from_civil (2026, 1, 1) + (gint32) i, key);
      year->periods[i].key = g_strdup (key);
      year->periods[i].meta_roas = 3 + sin (i / 10.0);
      year->periods[i].crm_roas = 2 + cos (i / 10.0);
      year->periods[i].frozen = TRUE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(cairo_surface_t) tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 30);
      g_autoptr(cairo_t) cr = cairo_create (tiny);
      g_autoptr(cairo_surface_t) a = render (fixture, kinds[k], empty, NULL, "empty.png");
      g_autoptr(cairo_surface_t) b = render (fixture, kinds[k], year, tally_chart_style_dark (), "year.png");
      g_auto(TallyChartHit) hit = { 0 };

      tally_chart_render (kinds[k], cr, 40, 30, year, NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_false (tally_chart_hit_test (kinds[k], WIDTH, HEIGHT, empty, NULL, WIDTH / 2, HEIGHT / 2, &hit) &&
                      kinds[k] != TALLY_CHART_GAP_BRIDGE);
    }

  /* A ROAS of zero throughout still gets an axis up to 1. */
  {
    g_autoptr(TallyChartData) zero = periods_fixture ();
    TallyChartAxis axis;

    for (guint i = 0; i < zero->n_periods; i++)
      zero->periods[i].meta_roas = zero->periods[i].crm_roas = 0;
    tally_chart_get_axis (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, zero, NULL, &axis);
    g_assert_cmpfloat (axis.y_min, ==, 0);
    g_assert_cmpfloat_with_epsilon (axis.y_max, 1, 1e-9);
  }

  /* Every day of the year answers for itself under the pointer. */
  for (guint i = 0; i < year->n_periods; i++)
    {
      g_auto(TallyChartHit) hit = { 0 };
      double x, y;

      g_assert_true (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, year, NULL,
                                           TALLY_CHART_SERIES_META_ROAS, i, &x, &y));
      g_assert_true (tally_chart_hit_test (TALLY_CHART_ROAS_OVER_TIME, WIDTH, HEIGHT, year, NULL, x, y, &hit));
      g_assert_cmpint (hit.index, ==, i);
    }
}

/* The same charts on a PDF page, as the export draws them. */
static void
test_pdf (Fixture       *fixture,
          gconstpointer  unused)
{
  g_autoptr(TallyChartData) periods = periods_fixture ();
  g_autoptr(TallyChartData) campaigns = campaigns_fixture ();
  g_autoptr(TallyChartData) bridge = bridge_fixture ();
  g_autofree char *path = g_build_filename (fixture->dir, "charts.pdf", NULL);
  g_autoptr(cairo_surface_t) surface = cairo_pdf_surface_create (path, 595, 842);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  const TallyChartData *data[] = { periods, campaigns, bridge, periods };

  for (guint k = 0; k < G_N_ELEMENTS (data); k++)
    {
      cairo_save (cr);
      cairo_translate (cr, 40, 40 + k * 190);
      tally_chart_render ((TallyChartKind) k, cr, 515, 180, data[k], tally_chart_style_print ());
      cairo_restore (cr);
    }
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* WCAG contrast: text at least 4.5:1 on its background, lines and bars 3:1. */
static double
luminance (const TallyChartColor *c)
{
  double channels[] = { c->red, c->green, c->blue }, l[3];

  for (guint i = 0; i < 3; i++)
    l[i] = channels[i] <= 0.03928 ? channels[i] / 12.92 : pow ((channels[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double
contrast (const TallyChartColor *a,
          const TallyChartColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_styles (void)
{
  const TallyChartStyle *styles[] = {
    tally_chart_style_light (), tally_chart_style_dark (), tally_chart_style_print ()
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      const TallyChartStyle *s = styles[i];
      const TallyChartColor *marks[] = {
        &s->meta, &s->crm, &s->increase, &s->decrease, &s->identifier, &s->click_id, &s->unknown_source
      };

      g_assert_cmpfloat (contrast (&s->foreground, &s->background), >=, 7);
      g_assert_cmpfloat (contrast (&s->muted, &s->background), >=, 4.5);
      for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
        g_assert_cmpfloat (contrast (marks[m], &s->background), >=, 3);
      g_assert_nonnull (s->font);
    }
}

/* From a real report -------------------------------------------------------- */

static const char report_meta[] =
  "Day,Campaign ID,Campaign name,Attribution setting,Amount spent (USD),Impressions,Reach,Clicks (all),Link clicks,"
  "Landing page views,Purchases,Purchases conversion value,Leads\n"
  "2026-03-02,111,Prospecting,7-day click or 1-day view,100.00,10000,8000,300,150,120,4,400.00,10\n"
  "2026-03-03,111,Prospecting,7-day click or 1-day view,50.00,5000,4100,120,60,30,1,80.00,5\n";

static const char report_contacts[] =
  "Record ID,First Name,Email,Create Date,Original Source,Original Source Drill-Down 1,Original Source Drill-Down 2,"
  "First Page Seen,Facebook click id\n"
  "1,Ana,a@example.com,2026-03-02T10:00:00Z,,,,https://shop.example/?utm_source=facebook&utm_campaign=111,\n"
  "2,Beto,b@example.com,2026-03-02T11:00:00Z,Paid social,Instagram,prospecting,,\n"
  "3,Caro,c@example.com,2026-03-03T09:00:00Z,,,,,IwAR0abc\n"
  "4,Dani,d@example.com,2026-03-03T12:00:00Z,Organic search,google,,,\n";

static const char report_deals[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Associated Contact IDs,Refund Amount,Refund Date,Pipeline\n"
  "11,Mesa,Closed Won,2026-03-02T12:00:00Z,2026-03-02T15:00:00Z,300.00,1,,,Ventas\n"
  "12,Silla,Closed Won,2026-03-02T12:00:00Z,2026-03-03T10:00:00Z,200.00,2,50.00,2026-03-05T10:00:00Z,Ventas\n"
  "13,Lampara,Closed Won,2026-03-03T10:00:00Z,2026-03-03T18:00:00Z,100.00,3,,,Ventas\n"
  "14,Sofa,Closed Won,2026-03-03T13:00:00Z,2026-03-03T19:00:00Z,1000.00,4,,,Ventas\n"
  "15,Tienda,Closed Won,2026-03-02T19:00:00Z,2026-03-02T20:00:00Z,70.00,,,,Ventas\n"
  "16,Mesa 2,Closed Won,2026-03-03T15:00:00Z,2026-03-03T16:00:00Z,100.00,1,,,Ventas\n"
  "17,Cojin,Closed Lost,2026-03-03T15:00:00Z,2026-03-03T17:00:00Z,30.00,2,,,Ventas\n";

static TallyReportRun *
run_report (TallyProject *project,
            TallyGroup    group)
{
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, group, TALLY_DAY_UNSET };
  g_autoptr(GError) error = NULL;
  TallyReportRun *run;

  g_assert_true (tally_day_parse ("2026-03-16", &options.as_of));
  run = tally_report_run (project, &options, &error);
  g_assert_no_error (error);
  return run;
}

static const TallyChartCampaign *
find_campaign (const TallyChartData *data,
               const char           *name)
{
  for (guint i = 0; i < data->n_campaigns; i++)
    if (g_str_equal (data->campaigns[i].name, name))
      return &data->campaigns[i];
  g_error ("No campaign %s", name);
}

/* By hand: Meta spends 100.00 then 50.00 on campaign 111 with purchase
 * values 400.00 and 80.00 (5 purchases). Meta-sourced won deals (contacts
 * 1 and 2 through their source, 3 through its fbclid): 11 (300.00) on the
 * 2nd; 12 (200.00), 13 (100.00) and 16 (100.00) on the 3rd, less 12's
 * 50.00 refund restated on its sale's day (revenue basis net by default).
 * Deal 14 is organic, 15 has no contact at all, 17 was lost. The data's
 * days run to the refund's, the 5th.
 * - ROAS by day: Meta 400/100 = 4.00 and 80/50 = 1.60; CRM 300/100 = 3.00
 *   and (400 − 50)/50 = 7.00. No spend on the 4th and 5th: null.
 * - Match quality: the 2nd's first won are contact 1 (an e-mail) and the
 *   walk-in deal 15 (nothing): identifier 1/2; the 3rd's are contacts 2,
 *   3 and 4, all with e-mails: 3/3.
 * - Prospecting: customers 1 (utm_campaign 111) and 2 (drill-down
 *   "prospecting"); 3 has only a click id, so (unmatched). CRM CAC
 *   150.00 / 2 = 75.00; Meta CPA 150.00 / 5 = 30.00.
 * - Bridge: from 480.00 of Meta value to 700 − 50 = 650.00 net; no source
 *   70.00 (deal 15), (unmatched) 100.00 (deal 13). */
static void
test_from_report (Fixture       *fixture,
                  gconstpointer  unused)
{
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  const char * const settings[] = { "timezone", "UTC", "reporting_currency", "USD", "name", "Cliente", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = tally_project_create (path, settings, &error);
  g_autoptr(TallyReportRun) by_day = NULL;
  g_autoptr(TallyReportRun) by_campaign = NULL;
  g_autoptr(TallyChartData) data = NULL;
  const TallyChartCampaign *prospecting, *unmatched;
  gint64 sum;

  g_assert_no_error (error);
  tally_test_import_text (project, fixture->dir, "meta.csv", report_meta);
  tally_test_import_text (project, fixture->dir, "contacts.csv", report_contacts);
  tally_test_import_text (project, fixture->dir, "deals.csv", report_deals);

  /* Published as of 03-16 with 14 days of restatement: 03-02 freezes. */
  {
    g_autoptr(TallyReportSession) session = tally_report_session_new (project);
    g_autoptr(TallyPublishPlan) plan = NULL;
    gint32 from, to, as_of;

    g_assert_true (tally_report_session_build (session, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (tally_day_parse ("2026-03-02", &from) && tally_day_parse ("2026-03-05", &to) &&
                   tally_day_parse ("2026-03-16", &as_of));
    plan = tally_publish_plan_new (session, from, to, as_of);
    g_assert_cmpuint (plan->to_freeze->len, ==, 1);
    g_assert_cmpint (tally_publish (session, plan, NULL, &error), ==, 1);
    g_assert_no_error (error);
  }

  by_day = run_report (project, TALLY_GROUP_DAY);
  by_campaign = run_report (project, TALLY_GROUP_CAMPAIGN);
  data = tally_chart_data_new_from_report (by_day->report, by_campaign->report);

  g_assert_cmpstr (data->currency, ==, "USD");
  g_assert_cmpuint (data->decimals, ==, 2);
  g_assert_cmpstr (data->timezone, ==, "UTC");
  g_assert_cmpstr (data->window, ==, "7-day click or 1-day view");
  g_assert_cmpstr (data->title, ==, "Cliente · 2026-03-02 – 2026-03-05");

  g_assert_cmpuint (data->n_periods, ==, 4);
  g_assert_cmpstr (data->periods[0].key, ==, "2026-03-02");
  g_assert_cmpstr (data->periods[3].key, ==, "2026-03-05");
  g_assert_cmpfloat_with_epsilon (data->periods[0].meta_roas, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->periods[1].meta_roas, 1.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->periods[0].crm_roas, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->periods[1].crm_roas, 7.0, 1e-9);
  g_assert_true (isnan (data->periods[2].meta_roas));
  g_assert_true (isnan (data->periods[2].crm_roas));
  g_assert_cmpfloat_with_epsilon (data->periods[0].identifier_share, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->periods[1].identifier_share, 1.0, 1e-9);
  g_assert_true (isnan (data->periods[2].identifier_share));
  g_assert_true (data->periods[0].frozen);
  g_assert_false (data->periods[1].frozen);

  prospecting = find_campaign (data, "Prospecting");
  g_assert_cmpstr (prospecting->id, ==, "111");
  g_assert_cmpfloat_with_epsilon (prospecting->crm_cac, 7500, 1e-6);
  g_assert_cmpfloat_with_epsilon (prospecting->meta_cpa, 3000, 1e-6);
  unmatched = find_campaign (data, "(unmatched)");
  g_assert_true (isnan (unmatched->meta_cpa));

  g_assert_cmpint (data->bridge.start, ==, 48000);
  g_assert_cmpint (data->bridge.end, ==, 65000);
  g_assert_cmpint (data->bridge.no_source, ==, 7000);
  g_assert_cmpint (data->bridge.unmatched, ==, 10000);
  g_assert_cmpuint (data->bridge.n_steps, ==, 5);
  g_assert_cmpstr (data->bridge.steps[3].id, ==, "refunds");
  g_assert_cmpint (data->bridge.steps[3].amount, ==, -5000);
  /* No per-window columns: view-through cannot be measured. */
  g_assert_false (data->bridge.steps[0].measurable);
  sum = data->bridge.start;
  for (guint i = 0; i < data->bridge.n_steps; i++)
    sum += data->bridge.steps[i].amount;
  g_assert_cmpint (sum, ==, data->bridge.end);

  /* And it draws. */
  for (TallyChartKind k = TALLY_CHART_ROAS_OVER_TIME; k <= TALLY_CHART_MATCH_QUALITY; k++)
    {
      g_autoptr(cairo_surface_t) surface = render (fixture, k, data, NULL, "report.png");

      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/render/roas/lines", test_roas_lines);
  ADD ("/tally/render/roas/null", test_roas_null);
  ADD ("/tally/render/roas/open", test_roas_open);
  ADD ("/tally/render/cac/bars", test_cac_bars);
  ADD ("/tally/render/cac/many", test_cac_many);
  ADD ("/tally/render/bridge/bars", test_bridge_bars);
  ADD ("/tally/render/bridge/remainder", test_bridge_remainder);
  ADD ("/tally/render/match-quality", test_match_quality);
  ADD ("/tally/render/hit/roas", test_hit_roas);
  ADD ("/tally/render/hit/match-quality", test_hit_match_quality);
  ADD ("/tally/render/hit/cac", test_hit_cac);
  ADD ("/tally/render/hit/bridge", test_hit_bridge);
  ADD ("/tally/render/edges", test_edges);
  ADD ("/tally/render/pdf", test_pdf);
  ADD ("/tally/render/from-report", test_from_report);
#undef ADD
  g_test_add_func ("/tally/render/styles", test_styles);

  result = g_test_run ();

  /* The default font map keeps fontconfig's patterns in a thread-local
   * cache that the leak checker cannot see into: drop it, so that what
   * remains is ours. */
  pango_cairo_font_map_set_default (NULL);
  FcFini ();
  return result;
}
