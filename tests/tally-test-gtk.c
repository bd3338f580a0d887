/* tally-test-gtk.c: set-up shared by the in-process widget tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-test-gtk.h"

/* GTest with isolated folders, then GTK. Without a display every test is
 * skipped: returns %FALSE, and the caller returns g_test_run() at once. */
gboolean
tally_test_init_gtk (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  return TRUE;
}

/* Runs what is pending: idles, layout, drawing. */
void
tally_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @flag is set, by a signal handler say. */
void
tally_test_wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  tally_test_iterate ();
}

static gboolean
has_property (GtkWidget             *widget,
              GtkAccessibleProperty  property,
              const char            *value)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, value);
  return mismatch == NULL;
}

/* Whether screen readers call @widget @accessible_label. */
gboolean
tally_test_has_label (GtkWidget  *widget,
                      const char *accessible_label)
{
  return has_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find (GtkWidget     *widget,
      GType          type,
      Match          match,
      gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && (match == NULL || match (child, data)))
        return child;
      if ((found = find (child, type, match, data)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return has_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, data);
}

static gboolean
match_description (GtkWidget     *widget,
                   gconstpointer  data)
{
  return has_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, data);
}

static gboolean
match_text (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* The first widget of @type under @root, depth first, that screen readers
 * call @accessible_label, or any of them when it is %NULL. */
GtkWidget *
tally_test_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *accessible_label)
{
  return find (root, type, accessible_label != NULL ? match_label : NULL, accessible_label);
}

GtkWidget *
tally_test_find_described (GtkWidget  *root,
                           GType       type,
                           const char *accessible_description)
{
  return find (root, type, match_description, accessible_description);
}

/* The first label under @root that reads @text. */
GtkWidget *
tally_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return find (root, GTK_TYPE_LABEL, match_text, text);
}

/* The message dialog on screen, once it is there. */
GtkWidget *
tally_test_find_dialog (void)
{
  for (guint tries = 0; tries < 1000; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          /* GTK keeps the window while it is on screen. */
          if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
            return window;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_error ("No dialog appeared");
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until a label under @root reads @text, for work done
 * on a thread; fails the test after 30 seconds. */
GtkWidget *
tally_test_wait_for_label (GtkWidget  *root,
                           const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);
  GtkWidget *label;

  while ((label = tally_test_find_label (root, text)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No label came to read “%s”", text);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
  return label;
}

/* A window of @width × @height holding @child, not yet shown. */
GtkWidget *
tally_test_window_new (GtkWidget *child,
                       int        width,
                       int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}
