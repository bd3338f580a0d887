/* tally-project-file.h: the .tally file: header, migrations, connection,
 * creation
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tally-store.h"

G_BEGIN_DECLS

TallyStore *_tally_project_file_open   (const char  *path,
                                        const char  *display_name,
                                        gboolean    *read_only,
                                        GError     **error);
gboolean    _tally_project_file_create (const char  *path,
                                        GHashTable  *settings,
                                        GError     **error);
char       *_tally_project_file_reserve (const char  *path,
                                         GError     **error);
gboolean    _tally_project_file_publish (const char  *tmp_path,
                                         const char  *path,
                                         GError     **error);

G_END_DECLS
