/* test-report-page.c: the Report page, its table and its totals
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two campaigns on two days, in UTC and USD:
 *   Meta   03-01  Alfa (11) spend 100.00, 2 purchases worth 300.00
 *                 Beta (22) spend 100.00, 1 purchase worth 100.00
 *          03-02  Alfa      spend  50.00, 1 purchase worth 150.00
 *                 Beta      spend 150.00, 3 purchases worth 300.00
 *   CRM    deal 1, 200.00, won 03-01; deals 2 and 3, 300.00 and 100.00, won 03-02
 *
 * By hand:
 *   03-01  spend 200.00, 3 purchases worth 400.00, Meta ROAS 2.00; 1 customer,
 *          revenue 200.00, CRM ROAS 1.00; CPA 200 / 3 = 66.67, CAC 200.00
 *   03-02  spend 200.00, 4 purchases worth 450.00, Meta ROAS 2.25; 2 customers,
 *          revenue 400.00, CRM ROAS 2.00; CPA 50.00, CAC 100.00; the gap
 *          2.00 − 2.25 is negative
 *   Total  spend 400.00, 7 purchases worth 850.00; 3 customers, revenue
 *          600.00, CRM ROAS 1.50; CPA 400 / 7 = 57.14, CAC 400 / 3 = 133.33
 * A person then types 2026-03-02 as the first day: the totals are 03-02's.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-report-page.h"
#include "tally-test-gtk.h"
#include "tally-test-project.h"
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
check_total (GtkWidget  *page,
             const char *name,
             const char *value)
{
  g_autofree char *spoken = g_strdup_printf ("Total %s: %s", name, value);

  if (tally_test_find_widget (page, GTK_TYPE_LABEL, spoken) == NULL)
    g_error ("No total reads “%s”", spoken);
}

/* The labels of the table row whose first cell reads @key, in column order. */
static GPtrArray *
get_row (GtkWidget  *page,
         const char *key)
{
  GtkWidget *view = tally_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, "Report");
  GtkWidget *first = tally_test_find_label (view, key);
  GPtrArray *cells = g_ptr_array_new ();
  GtkWidget *row;

  g_assert_nonnull (first);
  /* A label sits in its cell, and the cells in the row. */
  row = gtk_widget_get_parent (gtk_widget_get_parent (first));
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    g_ptr_array_add (cells, gtk_widget_get_first_child (cell));
  return cells;
}

static void
check_row (GtkWidget          *page,
           const char         *key,
           const char * const *expected)
{
  g_autoptr(GPtrArray) cells = get_row (page, key);

  g_assert_cmpuint (cells->len, ==, 11);
  for (guint i = 0; expected[i] != NULL; i++)
    if (expected[i][0] != '\0')
      g_assert_cmpstr (gtk_label_get_label (g_ptr_array_index (cells, i)), ==, expected[i]);
}

static void
test_totals_and_range (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  /* Period, spend, purchases, value, Meta ROAS, customers, revenue, CRM ROAS, gap, CPA, CAC */
  const char * const first_day[] = {
    "2026-03-01", "200.00", "3", "400.00", "2.00", "1", "200.00", "1.00", "", "66.67", "200.00", NULL
  };
  const char * const second_day[] = {
    "2026-03-02", "200.00", "4", "450.00", "2.25", "2", "400.00", "2.00", "", "50.00", "100.00", NULL
  };
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportModel) model = tally_report_model_new ();
  g_autoptr(GPtrArray) cells = NULL;
  GtkWidget *window, *page, *from, *status;
  gboolean changed = FALSE;

  project = tally_test_client_new (dir, "report.tally", meta_csv, deals_csv);

  page = g_object_new (TALLY_TYPE_REPORT_PAGE, NULL);
  window = tally_test_window_new (page, 1200, 800);
  tally_report_page_set_model (TALLY_REPORT_PAGE (page), model);
  g_signal_connect (model, "changed", G_CALLBACK (changed_cb), &changed);
  tally_report_model_set_project (model, project);
  gtk_window_present (GTK_WINDOW (window));
  tally_test_wait_for (&changed);

  check_total (page, "Spend", "400.00");
  check_total (page, "Meta purchases", "7");
  check_total (page, "Meta value", "850.00");
  check_total (page, "CRM customers", "3");
  check_total (page, "CRM revenue", "600.00");
  check_total (page, "CRM ROAS", "1.50");
  check_total (page, "Meta CPA", "57.14");
  check_total (page, "CRM CAC", "133.33");

  check_row (page, "2026-03-01", first_day);
  check_row (page, "2026-03-02", second_day);
  cells = get_row (page, "2026-03-02");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (cells, 8), "gap-negative"));

  /* A day written the wrong way is explained and changes nothing. */
  from = tally_test_find_widget (page, GTK_TYPE_ENTRY, "From");
  status = gtk_widget_get_next_sibling (tally_test_find_widget (page, GTK_TYPE_SPINNER, NULL));
  gtk_editable_set_text (GTK_EDITABLE (from), "2026-3-2");
  g_signal_emit_by_name (from, "activate");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), ==,
                   "“2026-3-2” is not a day: write it as YYYY-MM-DD, such as 2026-08-14.");
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  check_total (page, "Spend", "400.00");

  /* From 03-02 on: that day's numbers alone. */
  changed = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (from), "2026-03-02");
  g_signal_emit_by_name (from, "activate");
  tally_test_wait_for (&changed);
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  check_total (page, "Spend", "200.00");
  check_total (page, "Meta purchases", "4");
  check_total (page, "CRM revenue", "400.00");
  check_total (page, "CRM ROAS", "2.00");
  check_total (page, "CRM CAC", "100.00");
  g_assert_null (tally_test_find_label (tally_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, "Report"), "2026-03-01"));

  gtk_window_destroy (GTK_WINDOW (window));
  tally_report_model_set_project (model, NULL);
  tally_test_iterate ();
  g_clear_object (&project);
  tally_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!tally_test_init_gtk (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/tally/report-page/totals-and-range", test_totals_and_range);
  return g_test_run ();
}
