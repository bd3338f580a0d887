/* test-mismatch-page.c: the Mismatch map page for the report's range
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Meta counts 2 + 1 + 1 + 3 = 7 purchases over 03-01 and 03-02; the CRM
 * has 3 won deals, all from facebook, so 3 new Meta-sourced customers.
 * 7 is more than (1 + 0.3) × 3 = 3.9: "More Meta purchases than customers"
 * warns, with its advice. The map holds the 21 checks of the registry, so
 * the summary's counts add up to 21.
 *
 * The page has no control of its own: it follows the report's range,
 * which a person sets on the Report page. Narrowed to 03-01 (3 purchases,
 * 1 customer, 3 > 1.3) the warning stays and names those numbers.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

#include "tally-mismatch-page.h"
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

#define TRACKING_TITLE "Warning: More Meta purchases than customers"
#define TRACKING_ADVICE "What to do: Check for purchases sent twice by the Pixel and the Conversions API " \
                        "without a shared event_id, and whether the optimized event is softer than a sale."

static void
changed_cb (TallyReportModel *model,
            gboolean         *changed)
{
  *changed = TRUE;
}

static GtkWidget *
find_label_with_prefix (GtkWidget  *widget,
                        const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_with_prefix (child, prefix)) != NULL)
        return found;
    }

  return NULL;
}

/* "From A to B: 1 errors, 2 warnings, 3 notes, 15 checks without findings." */
static void
check_summary (GtkWidget  *page,
               const char *from,
               const char *to)
{
  g_autofree char *prefix = g_strdup_printf ("From %s to %s: ", from, to);
  GtkWidget *summary = find_label_with_prefix (page, prefix);
  guint errors, warnings, notes, ok;

  g_assert_nonnull (summary);
  g_assert_cmpint (sscanf (gtk_label_get_label (GTK_LABEL (summary)) + strlen (prefix),
                           "%u errors, %u warnings, %u notes, %u checks without findings.",
                           &errors, &warnings, &notes, &ok), ==, 4);
  g_assert_cmpuint (errors + warnings + notes + ok, ==, 21);
  g_assert_cmpuint (warnings, >=, 1);
}

/* The sentence and the advice under the tracking check's title. */
static void
check_tracking (GtkWidget  *page,
                const char *message)
{
  GtkWidget *title = tally_test_find_widget (page, GTK_TYPE_LABEL, TRACKING_TITLE);
  GtkWidget *text;

  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (title), ==, "tracking.meta_exceeds_crm");
  text = gtk_widget_get_next_sibling (title);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (text)), ==, message);
  g_assert_nonnull (tally_test_find_label (gtk_widget_get_parent (title), TRACKING_ADVICE));
}

static void
test_checks_follow_range (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportModel) model = tally_report_model_new ();
  GtkWidget *window, *page;
  gint32 day;
  gboolean changed = FALSE;

  project = tally_test_client_new (dir, "mismatch.tally", meta_csv, deals_csv);

  page = g_object_new (TALLY_TYPE_MISMATCH_PAGE, NULL);
  window = tally_test_window_new (page, 1000, 800);
  tally_mismatch_page_set_model (TALLY_MISMATCH_PAGE (page), model);
  g_signal_connect (model, "changed", G_CALLBACK (changed_cb), &changed);
  tally_report_model_set_project (model, project);
  gtk_window_present (GTK_WINDOW (window));
  tally_test_wait_for (&changed);

  check_summary (page, "2026-03-01", "2026-03-02");
  check_tracking (page, "Meta counts 7 purchases where the CRM has 3 new Meta-sourced customers: "
                        "more than the 30 % tolerance allows.");

  /* The report narrowed to 03-01, as the Report page's range does it. */
  changed = FALSE;
  g_assert_true (tally_day_parse ("2026-03-01", &day));
  tally_report_model_set_range (model, day, day);
  tally_test_wait_for (&changed);
  check_summary (page, "2026-03-01", "2026-03-01");
  check_tracking (page, "Meta counts 3 purchases where the CRM has 1 new Meta-sourced customers: "
                        "more than the 30 % tolerance allows.");

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

  g_test_add_func ("/tally/mismatch-page/checks-follow-range", test_checks_follow_range);
  return g_test_run ();
}
