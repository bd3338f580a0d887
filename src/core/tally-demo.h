/* tally-demo.h: the demo client
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-project.h"

G_BEGIN_DECLS

GStrv         tally_demo_list_exports (void);
TallyProject *tally_demo_create       (const char  *path,
                                       GError     **error);

G_END_DECLS
