/* tally-test-gtk.h: set-up shared by the in-process widget tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   tally_test_init_gtk      (int         *argc,
                                     char      ***argv);
void       tally_test_iterate       (void);
void       tally_test_wait_for      (gboolean    *flag);
GtkWidget *tally_test_find_widget   (GtkWidget   *root,
                                     GType        type,
                                     const char  *accessible_label);
GtkWidget *tally_test_find_described (GtkWidget  *root,
                                     GType        type,
                                     const char  *accessible_description);
GtkWidget *tally_test_find_label    (GtkWidget   *root,
                                     const char  *text);
gboolean   tally_test_has_label     (GtkWidget   *widget,
                                     const char  *accessible_label);
GtkWidget *tally_test_find_dialog   (void);
GtkWidget *tally_test_wait_for_label (GtkWidget  *root,
                                     const char  *text);

GtkWidget *tally_test_window_new     (GtkWidget   *child,
                                     int          width,
                                     int          height);

G_END_DECLS
