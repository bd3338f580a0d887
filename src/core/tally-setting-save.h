/* tally-setting-save.h: a person changes a setting
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-project.h"

G_BEGIN_DECLS

gboolean tally_setting_save (TallyProject  *project,
                             const char    *key,
                             const char    *value,
                             GError       **error);

G_END_DECLS
