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

/* A new project reported in America/Bogota and USD, in a folder of its
 * own, for tests that import into it. */
typedef struct
{
  char         *dir;
  TallyProject *project;
} TallyTestClient;

void tally_test_client_setup    (TallyTestClient *fixture,
                                 gconstpointer    data);
void tally_test_client_teardown (TallyTestClient *fixture,
                                 gconstpointer    data);

G_END_DECLS
