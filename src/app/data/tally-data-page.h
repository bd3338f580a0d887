/* tally-data-page.h: the Data page: the import batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-project.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DATA_PAGE (tally_data_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyDataPage, tally_data_page, TALLY, DATA_PAGE, GtkWidget)

void tally_data_page_set_project (TallyDataPage *self,
                                  TallyProject  *project);

G_END_DECLS
