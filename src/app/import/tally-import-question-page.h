/* tally-import-question-page.h: how a file's numbers or dates read
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import-page.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_QUESTION_PAGE (tally_import_question_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportQuestionPage, tally_import_question_page, TALLY, IMPORT_QUESTION_PAGE, TallyImportPage)

GtkWidget *tally_import_question_page_new (void);

G_END_DECLS
