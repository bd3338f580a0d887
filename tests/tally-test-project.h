/* tally-test-project.h: helpers for tests that work on a project
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-core.h"

G_BEGIN_DECLS

void tally_test_import_text (TallyProject *project,
                             const char   *dir,
                             const char   *name,
                             const char   *text);

TallyProject *tally_test_client_new (const char *dir,
                                     const char *file_name,
                                     const char *meta_csv,
                                     const char *deals_csv);

G_END_DECLS
