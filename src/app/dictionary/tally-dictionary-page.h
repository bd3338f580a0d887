/* tally-dictionary-page.h: the Dictionary page: the KPI dictionary editor
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-project.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DICTIONARY_PAGE (tally_dictionary_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyDictionaryPage, tally_dictionary_page, TALLY, DICTIONARY_PAGE, GtkWidget)

void tally_dictionary_page_set_project (TallyDictionaryPage *self,
                                        TallyProject        *project);

G_END_DECLS
