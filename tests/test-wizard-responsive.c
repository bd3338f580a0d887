/* test-wizard-responsive.c: the window stays responsive while the wizard
 * imports
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard imports a large CRM export while a 5 ms timer measures
 * the longest the main loop went without running, and the progress bar's
 * values are sampled. As a test (`make check`, 100,000 generated rows) it
 * asserts that the loop never stalled for 100 ms and that the bar moved;
 * as a benchmark (tests/bench/bench-wizard.py) it imports the 1,000,000-row
 * file named by TALLY_BENCH_FILE and prints the figures.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

#include "tally-import-wizard.h"
#include "tally-test-gtk.h"
#include "tally-test-utils.h"

#define TICK_MS         5
#define MAX_STALL_US    (100 * G_TIME_SPAN_MILLISECOND)
#define TEST_ROWS       100000

typedef struct
{
  gint64     last_tick;
  gint64     longest_gap;
  gint64     started;
  gint64     finished;
  GArray    *fractions;      /* double: distinct progress bar values seen */
  GtkWidget *wizard;
  gboolean   done;
} Watch;

/* The first descendant of @widget of @type. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
tick_cb (gpointer data)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();
  GtkWidget *stack, *bar;
  const char *step;

  if (watch->last_tick > 0)
    watch->longest_gap = MAX (watch->longest_gap, now - watch->last_tick);
  watch->last_tick = now;

  stack = find_descendant (watch->wizard, GTK_TYPE_STACK);
  bar = find_descendant (watch->wizard, GTK_TYPE_PROGRESS_BAR);
  step = stack != NULL ? gtk_stack_get_visible_child_name (GTK_STACK (stack)) : NULL;

  if (bar != NULL && g_strcmp0 (step, "progress") == 0)
    {
      double fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));

      if (watch->fractions->len == 0 || g_array_index (watch->fractions, double, watch->fractions->len - 1) != fraction)
        g_array_append_val (watch->fractions, fraction);
    }

  if (g_strcmp0 (step, "summary") == 0)
    {
      watch->finished = now;
      watch->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* A HubSpot deals export of @rows rows. */
static void
write_deals (const char *path,
             guint       rows)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n", file);
  for (guint i = 0; i < rows; i++)
    fprintf (file, "%u,Pedido %u,Closed Won,2025-%02u-%02u 10:00,2025-%02u-%02u 18:00,%u.%02u,facebook,cmp_%u,Ventas\n",
             900000 + i, i, 1 + i % 12, 1 + i % 27, 1 + i % 12, 2 + i % 27, 100 + i % 5000, i % 100, i % 20);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
test_responsive (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *project_path = g_build_filename (dir, "big.tally", NULL);
  g_autofree char *generated = g_build_filename (dir, "hubspot-deals.csv", NULL);
  const char *bench_file = g_getenv ("TALLY_BENCH_FILE");
  const char *input = bench_file != NULL ? bench_file : generated;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Watch watch = { 0 };

  project = tally_project_create (project_path, NULL, &error);
  g_assert_no_error (error);
  if (bench_file == NULL)
    write_deals (generated, TEST_ROWS);
  g_ptr_array_add (files, g_file_new_for_path (input));

  watch.fractions = fractions;
  watch.wizard = GTK_WIDGET (tally_import_wizard_new (NULL, project, files));
  g_object_add_weak_pointer (G_OBJECT (watch.wizard), (gpointer *) &watch.wizard);
  gtk_window_present (GTK_WINDOW (watch.wizard));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* A person clicks Import. */
  watch.started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (watch.wizard, "wizard.next", NULL));
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, &watch, NULL);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);

  g_print ("# rows file: %s\n", input);
  g_print ("# import through the wizard: %.2f s\n", (watch.finished - watch.started) / (double) G_USEC_PER_SEC);
  g_print ("# longest main loop stall: %.1f ms (limit %.0f ms)\n",
           watch.longest_gap / (double) G_TIME_SPAN_MILLISECOND, MAX_STALL_US / (double) G_TIME_SPAN_MILLISECOND);
  g_print ("# progress bar values seen: %u\n", fractions->len);

  g_assert_cmpint (watch.longest_gap, <, MAX_STALL_US);
  g_assert_cmpuint (fractions->len, >=, 3);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));

  gtk_window_destroy (GTK_WINDOW (watch.wizard));
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

  g_test_add_func ("/tally/wizard/responsive", test_responsive);
  return g_test_run ();
}
