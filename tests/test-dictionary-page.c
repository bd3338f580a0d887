/* test-dictionary-page.c: the Dictionary page, searched and edited
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new project holds the 27 core KPIs of data/kpi-dictionary.json; the
 * test adds one custom KPI, "Margin after ads", so the page counts 28: 27
 * core and 1 custom. A person searches "margin" (1 of 28 shown), removes
 * the KPI and confirms (0 of 27, and the project no longer has it), then
 * undoes the removal (1 of 28 again, and the project has it back).
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-dictionary.h"
#include "tally-dictionary-page.h"
#include "tally-test-gtk.h"
#include "tally-test-utils.h"

static gboolean
has_kpi (TallyProject *project,
         const char   *id)
{
  g_autoptr(GPtrArray) kpis = NULL;
  g_autoptr(GError) error = NULL;

  kpis = tally_dictionary_list (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kpis->len; i++)
    if (g_str_equal (tally_kpi_get_id (g_ptr_array_index (kpis, i)), id))
      return TRUE;
  return FALSE;
}

static void
test_search_remove_undo (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "dictionary.tally", NULL);
  const char * const settings[] = { "timezone", "UTC", "reporting_currency", "USD", NULL };
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyKpi) kpi = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *page, *search, *dialog;

  project = tally_project_create (path, settings, &error);
  g_assert_no_error (error);
  kpi = g_object_new (TALLY_TYPE_KPI, "name", "Margin after ads", "definition", "What is left after the ads.",
                      "formula", "(revenue_net - spend) / revenue_net", "source", "derived", "unit", "ratio", NULL);
  g_assert_true (tally_dictionary_add (project, kpi, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = g_object_new (TALLY_TYPE_DICTIONARY_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  tally_dictionary_page_set_project (TALLY_DICTIONARY_PAGE (page), project);
  gtk_window_present (GTK_WINDOW (window));
  tally_test_wait_for_label (page, "28 KPIs: 27 core, 1 custom");

  /* The search looks at names too; the one match is selected. */
  search = tally_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, "Search KPIs");
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "margin");
  tally_test_wait_for_label (page, "Showing 1 of 28 KPIs");
  g_assert_nonnull (tally_test_find_label (page, "Margin after ads"));

  /* Remove, confirmed: gone from the project and from the page. */
  g_assert_true (gtk_widget_activate_action (page, "dictionary.remove", NULL));
  dialog = tally_test_find_dialog ();
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  tally_test_wait_for_label (page, "Showing 0 of 27 KPIs");
  g_assert_false (has_kpi (project, "margin_after_ads"));
  g_assert_nonnull (tally_test_find_label (page, "No KPI matches “margin”. The search looks at names, ids, definitions and formulas."));

  /* Undo brings it back under its id. */
  g_assert_true (gtk_widget_activate_action (page, "dictionary.undo", NULL));
  tally_test_wait_for_label (page, "Showing 1 of 28 KPIs");
  g_assert_true (has_kpi (project, "margin_after_ads"));

  /* An emptied search counts the whole dictionary again. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  tally_test_wait_for_label (page, "28 KPIs: 27 core, 1 custom");

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/tally/dictionary-page/search-remove-undo", test_search_remove_undo);
  return g_test_run ();
}
