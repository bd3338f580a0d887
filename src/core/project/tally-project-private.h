/* tally-project-private.h: what the rest of the core may use of a project
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-project.h"
#include "tally-store.h"

G_BEGIN_DECLS

TallyStore *_tally_project_get_store (TallyProject *self);
gboolean  _tally_project_begin        (TallyProject  *self,
                                       GError       **error);
gboolean  _tally_project_commit       (TallyProject  *self,
                                       GError       **error);
void      _tally_project_rollback     (TallyProject  *self);
gboolean  _tally_project_check_writable (TallyProject *self,
                                       GError       **error);
void      _tally_project_emit_dictionary_changed (TallyProject *self);
gboolean  _tally_project_write_setting (TallyProject  *self,
                                       const char    *key,
                                       const char    *normalized,
                                       GError       **error);
void      _tally_project_emit_setting_changed (TallyProject *self,
                                       const char    *key);
gboolean  _tally_project_bump_data_version (TallyProject *self,
                                       GError       **error);

G_END_DECLS
