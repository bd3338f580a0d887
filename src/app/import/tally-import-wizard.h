/* tally-import-wizard.h: from exported files to imported batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-project.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_WIZARD (tally_import_wizard_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportWizard, tally_import_wizard, TALLY, IMPORT_WIZARD, GtkWindow)

TallyImportWizard *tally_import_wizard_new (GtkWindow    *parent,
                                            TallyProject *project,
                                            GPtrArray    *files);

G_END_DECLS
