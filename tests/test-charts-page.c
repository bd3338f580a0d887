/* test-charts-page.c: the Charts page under the pointer
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project with two campaigns on two days, its report model and the
 * Charts page in a window: the pointer over a day of the ROAS chart shows
 * that day's exact values, and a click on a campaign's bars narrows the
 * other charts to it.
 *
 * By hand, in UTC and USD:
 *   Meta   03-01  Alfa (11) spend 100.00, 2 purchases worth 300.00
 *                 Beta (22) spend 100.00, 1 purchase worth 100.00
 *          03-02  Alfa      spend  50.00, 1 purchase worth 150.00
 *                 Beta      spend 150.00, 3 purchases worth 300.00
 *   CRM    deal 1, 200.00, utm_campaign 11, won 03-01
 *          deal 2, 300.00, utm_campaign "Beta", won 03-02
 *          deal 3, 100.00, utm_campaign 11, won 03-02
 *   03-02: Meta ROAS 450 / 200 = 2.25, CRM ROAS 400 / 200 = 2.00.
 *   Alfa: CRM CAC 150 / 2 = 75.00, Meta CPA 150 / 3 = 50.00; over time
 *   Meta ROAS 3.00 and CRM ROAS 2.00 on both days; its bridge starts at
 *   Meta's 450.00 and ends at the CRM's 300.00.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "tally-charts-page.h"
#include "tally-test-project.h"
#include "tally-test-gtk.h"
#include "tally-test-utils.h"

static const char meta_csv[] =
  "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions,Reach,Link clicks,Purchases,"
  "Purchases conversion value,Attribution setting\n"
  "2026-03-01,11,Alfa,100.00,1000,900,50,2,300.00,7-day click or 1-day view\n"
  "2026-03-01,22,Beta,100.00,1000,900,50,1,100.00,7-day click or 1-day view\n"
  "2026-03-02,11,Alfa,50.00,1000,900,50,1,150.00,7-day click or 1-day view\n"
  "2026-03-02,22,Beta,150.00,1000,900,50,3,300.00,7-day click or 1-day view\n";
static const char deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "1,a,Closed Won,2026-03-01,200.00,facebook,11,p\n"
  "2,b,Closed Won,2026-03-02,300.00,facebook,Beta,p\n"
  "3,c,Closed Won,2026-03-02,100.00,facebook,11,p\n";

static void
changed_cb (TallyReportModel *model,
            gboolean         *changed)
{
  *changed = TRUE;
}

static void
iterate_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_size (GtkWidget *widget)
{
  while (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
campaign_index (const TallyChartData *data,
                const char           *name)
{
  for (guint i = 0; i < data->n_campaigns; i++)
    if (g_str_equal (data->campaigns[i].name, name))
      return i;
  g_error ("No campaign %s in the chart", name);
}

static void
test_hover_and_click (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportModel) model = tally_report_model_new ();
  GtkWidget *window, *page;
  TallyChartView *roas, *cac;
  const TallyChartData *data;
  TallyChartRect bar;
  double x, y;
  const char *tooltip;
  gboolean changed = FALSE;
  guint alfa;

  project = tally_test_client_new (dir, "charts.tally", meta_csv, deals_csv);

  page = g_object_new (TALLY_TYPE_CHARTS_PAGE, NULL);
  window = tally_test_window_new (page, 1000, 800);
  tally_charts_page_set_model (TALLY_CHARTS_PAGE (page), model);
  g_signal_connect (model, "changed", G_CALLBACK (changed_cb), &changed);
  tally_report_model_set_project (model, project);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (&changed);

  roas = tally_charts_page_get_view (TALLY_CHARTS_PAGE (page), TALLY_CHART_ROAS_OVER_TIME);
  cac = tally_charts_page_get_view (TALLY_CHARTS_PAGE (page), TALLY_CHART_CAC_BY_CAMPAIGN);
  wait_for_size (GTK_WIDGET (roas));
  wait_for_size (GTK_WIDGET (cac));
  data = tally_charts_page_get_data (TALLY_CHARTS_PAGE (page));
  g_assert_nonnull (data);
  g_assert_cmpuint (data->n_periods, ==, 2);

  /* The pointer on 03-02's Meta point: that day's exact values. */
  g_assert_true (tally_chart_point_at (TALLY_CHART_ROAS_OVER_TIME, gtk_widget_get_width (GTK_WIDGET (roas)),
                                       gtk_widget_get_height (GTK_WIDGET (roas)), data,
                                       tally_chart_view_get_style (roas), TALLY_CHART_SERIES_META_ROAS, 1, &x, &y));
  tooltip = tally_chart_view_hover (roas, x, y);
  g_assert_nonnull (tooltip);
  if (strstr (tooltip, "2026-03-02") == NULL || strstr (tooltip, "Meta ROAS 2.25") == NULL ||
      strstr (tooltip, "CRM ROAS 2.00") == NULL)
    g_error ("The tooltip reads “%s”", tooltip);

  /* Alfa's bars: CAC 75.00 and CPA 50.00; a click narrows the rest. */
  alfa = campaign_index (data, "Alfa");
  g_assert_cmpfloat_with_epsilon (data->campaigns[alfa].crm_cac, 7500, 0.5);
  g_assert_cmpfloat_with_epsilon (data->campaigns[alfa].meta_cpa, 5000, 0.5);
  g_assert_true (tally_chart_bar_rect (gtk_widget_get_width (GTK_WIDGET (cac)), gtk_widget_get_height (GTK_WIDGET (cac)),
                                       data, tally_chart_view_get_style (cac), alfa, TALLY_CHART_SERIES_CRM_CAC, &bar));
  g_assert_true (tally_chart_view_click (cac, bar.x + bar.width / 2, bar.y + bar.height / 2));
  g_assert_cmpstr (tally_charts_page_get_campaign (TALLY_CHARTS_PAGE (page)), ==, "11");

  data = tally_charts_page_get_data (TALLY_CHARTS_PAGE (page));
  g_assert_cmpuint (data->n_periods, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpfloat_with_epsilon (data->periods[i].meta_roas, 3.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (data->periods[i].crm_roas, 2.0, 1e-9);
    }
  g_assert_cmpint (data->bridge.start, ==, 45000);
  g_assert_cmpint (data->bridge.end, ==, 30000);
  /* The CAC chart still shows every campaign. */
  g_assert_cmpuint (data->n_campaigns, >=, 2);

  /* A second click on Alfa shows all the campaigns again. */
  alfa = campaign_index (data, "Alfa");
  g_assert_true (tally_chart_bar_rect (gtk_widget_get_width (GTK_WIDGET (cac)), gtk_widget_get_height (GTK_WIDGET (cac)),
                                       data, tally_chart_view_get_style (cac), alfa, TALLY_CHART_SERIES_CRM_CAC, &bar));
  g_assert_true (tally_chart_view_click (cac, bar.x + bar.width / 2, bar.y + bar.height / 2));
  g_assert_null (tally_charts_page_get_campaign (TALLY_CHARTS_PAGE (page)));
  g_assert_cmpfloat_with_epsilon (tally_charts_page_get_data (TALLY_CHARTS_PAGE (page))->periods[1].meta_roas, 2.25, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
  tally_report_model_set_project (model, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&project);
  tally_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!tally_test_init_gtk (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/tally/charts/hover-and-click", test_hover_and_click);
  return g_test_run ();
}
