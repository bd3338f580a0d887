/* tally-import-preview.h: the first rows of an export and how Tally would
 * read them, before anything is imported
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import.h"
#include "tally-preset.h"
#include "tally-project.h"

G_BEGIN_DECLS

typedef struct
{
  char              *path;
  char              *file_name;
  TallyImportFormat  format;
  char              *reader;          /* "UTF-8, comma-separated", … */
  GStrv              headers;         /* tables only */
  GPtrArray         *rows;            /* GStrv, the first rows after the header */
  TallyMapping      *mapping;         /* (nullable): what the columns hold */
  gboolean           mapping_saved;   /* the mapping was made by hand for this header */
  char              *detect_problem;  /* (nullable): why no source was recognized */
  char              *preset_id;       /* JSON and XML: the preset that reads them */
} TallyImportPreview;

TallyImportPreview *tally_import_preview      (TallyProject        *project,
                                               const char          *path,
                                               guint                max_rows,
                                               GError             **error);
void                tally_import_preview_free (TallyImportPreview  *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyImportPreview, tally_import_preview_free)

G_END_DECLS
