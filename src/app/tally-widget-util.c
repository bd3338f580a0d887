/* tally-widget-util.c: what the app's widgets share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-widget-util.h"

/* A GtkWidget subclass with a template owns the template's top-level
 * child; gtk_widget_dispose_template() only lets go of the children bound
 * by name, so the rest are unparented here, in dispose. */
void
_tally_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Shows @message, the same sentence tally-cli prints, in a modal dialog
 * over @widget's window. */
void
_tally_widget_show_error (GtkWidget  *widget,
                          const char *title,
                          const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Text that starts at the left and wraps, with @css_class if not NULL. */
GtkWidget *
_tally_widget_wrapped_label (const char *text,
                             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The margins of a row of a boxed list. */
void
_tally_widget_set_list_margins (GtkWidget *widget)
{
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_margin_top (widget, 8);
  gtk_widget_set_margin_bottom (widget, 8);
}

/* A row of text for a boxed list: wrapped, with the list's margins. */
GtkWidget *
_tally_widget_list_label (const char *text)
{
  GtkWidget *label = _tally_widget_wrapped_label (text, NULL);

  _tally_widget_set_list_margins (label);
  return label;
}
