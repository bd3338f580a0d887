/* tally-import-page.h: one step of the import wizard
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-import-item.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_PAGE (tally_import_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (TallyImportPage, tally_import_page, TALLY, IMPORT_PAGE, GtkWidget)

struct _TallyImportPageClass
{
  GtkWidgetClass parent_class;

  /* Shows the file the page is now about; the item is already set. */
  void       (*item_changed)       (TallyImportPage *self);
  /* Writes what the person chose on the page into the item. */
  void       (*commit)             (TallyImportPage *self);
  /* What Enter presses on the page; NULL for the wizard's own Next. */
  GtkWidget *(*get_default_widget) (TallyImportPage *self);

  gpointer padding[8];
};

gboolean         tally_import_page_get_complete       (TallyImportPage *self);
void             tally_import_page_set_complete       (TallyImportPage *self,
                                                       gboolean         complete);
TallyImportItem *tally_import_page_get_item           (TallyImportPage *self);
void             tally_import_page_set_item           (TallyImportPage *self,
                                                       TallyImportItem *item);
void             tally_import_page_commit             (TallyImportPage *self);
GtkWidget       *tally_import_page_get_default_widget (TallyImportPage *self);

G_END_DECLS
