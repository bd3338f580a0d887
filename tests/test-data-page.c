/* test-data-page.c: the Data page, its batches and their undo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two files imported: meta.csv with 4 rows, then deals.csv with 3. By
 * hand the page says "2 files in force, 7 rows." and lists deals.csv, the
 * newer, first. A person undoes deals.csv and confirms: "1 file in force,
 * 4 rows.", its row marked undone and its Undo button gone.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "tally-data-page.h"
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

/* The table row that names @file. */
static GtkWidget *
get_row_widget (GtkWidget  *page,
                const char *file)
{
  GtkWidget *view = tally_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, "Imported files");
  GtkWidget *label = tally_test_find_label (view, file);

  g_assert_nonnull (label);
  /* A label sits in its cell, and the cells in the row. */
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

/* The widgets of that row, in column order. */
static GPtrArray *
get_row (GtkWidget  *page,
         const char *file)
{
  GtkWidget *row = get_row_widget (page, file);
  GPtrArray *cells = g_ptr_array_new ();

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    g_ptr_array_add (cells, gtk_widget_get_first_child (cell));
  return cells;
}

static const char *
cell_text (GPtrArray *cells,
           guint      column)
{
  g_assert_true (GTK_IS_LABEL (g_ptr_array_index (cells, column)));
  return gtk_label_get_label (g_ptr_array_index (cells, column));
}

/* Batch, file, source, rows, replaced, skipped, imported, undo. */
static void
check_batch (GtkWidget  *page,
             const char *id,
             const char *file,
             const char *rows)
{
  g_autoptr(GPtrArray) cells = get_row (page, file);

  g_assert_cmpuint (cells->len, ==, 8);
  g_assert_cmpstr (cell_text (cells, 0), ==, id);
  g_assert_cmpstr (cell_text (cells, 3), ==, rows);
  g_assert_cmpstr (cell_text (cells, 4), ==, "0");
  g_assert_cmpstr (cell_text (cells, 5), ==, "0");
}

static void
test_batches_and_undo (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  GtkWidget *window, *page, *undo, *dialog, *meta_undo;

  project = tally_test_client_new (dir, "data.tally", meta_csv, deals_csv);

  page = g_object_new (TALLY_TYPE_DATA_PAGE, NULL);
  window = tally_test_window_new (page, 1000, 600);
  tally_data_page_set_project (TALLY_DATA_PAGE (page), project);
  gtk_window_present (GTK_WINDOW (window));
  tally_test_wait_for_label (page, "2 files in force, 7 rows.");

  check_batch (page, "1", "meta.csv", "4");
  check_batch (page, "2", "deals.csv", "3");
  /* The newer batch comes first. */
  g_assert_true (gtk_widget_get_next_sibling (get_row_widget (page, "deals.csv")) == get_row_widget (page, "meta.csv"));

  /* Undo deals.csv, and confirm. */
  undo = tally_test_find_described (page, GTK_TYPE_BUTTON, "Undo the import of deals.csv");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  dialog = tally_test_find_dialog ();
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  tally_test_wait_for_label (page, "1 file in force, 4 rows.");

  batches = tally_batches_list (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 2);
  for (guint i = 0; i < batches->len; i++)
    {
      TallyBatch *batch = g_ptr_array_index (batches, i);

      g_assert_true ((batch->undone_at != NULL) == g_str_equal (batch->file_name, "deals.csv"));
    }

  /* Its row says when it was undone, and it cannot be undone twice. */
  cells = get_row (page, "deals.csv");
  g_assert_nonnull (strstr (cell_text (cells, 6), "(undone "));
  g_assert_true (GTK_IS_BUTTON (g_ptr_array_index (cells, 7)));
  g_assert_false (gtk_widget_get_visible (g_ptr_array_index (cells, 7)));
  meta_undo = tally_test_find_described (page, GTK_TYPE_BUTTON, "Undo the import of meta.csv");
  g_assert_true (gtk_widget_get_visible (meta_undo));

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

  g_test_add_func ("/tally/data-page/batches-and-undo", test_batches_and_undo);
  return g_test_run ();
}
