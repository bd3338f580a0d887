/* tally-widget-util.h: what the app's widgets share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _tally_widget_unparent_children (GtkWidget  *widget);
GtkWidget *_tally_widget_list_label (const char *text);
GtkWidget *_tally_widget_wrapped_label (const char *text,
                                        const char *css_class);
void _tally_widget_set_list_margins (GtkWidget  *widget);
void _tally_widget_show_error       (GtkWidget  *widget,
                                     const char *title,
                                     const char *message);

G_END_DECLS
