/* tally-test-report.h: a project and its report, for tests of the numbers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-core.h"

G_BEGIN_DECLS

typedef struct
{
  char            *dir;
  TallyProject    *project;
  TallyFacts      *facts;
  TallyEngine     *engine;
  TallyFreezeView *view;
  TallyReport     *report;
} TallyTestFixture;

void                  tally_test_fixture_setup    (TallyTestFixture *fixture,
                                                   gconstpointer     data);
void                  tally_test_fixture_teardown (TallyTestFixture *fixture,
                                                   gconstpointer     data);
void                  tally_test_new_project      (TallyTestFixture *fixture,
                                                   const char       *first_key,
                                                   ...) G_GNUC_NULL_TERMINATED;
void                  tally_test_set              (TallyTestFixture *fixture,
                                                   const char       *key,
                                                   const char       *value);
void                  tally_test_import           (TallyTestFixture *fixture,
                                                   const char       *name,
                                                   const char       *text);
TallyReport          *tally_test_report           (TallyTestFixture *fixture,
                                                   const char       *from,
                                                   const char       *to,
                                                   TallyGroup        group,
                                                   const char       *as_of,
                                                   gboolean          live);
const TallyReportRow *tally_test_row              (TallyTestFixture *fixture,
                                                   const char       *key);
gint64                tally_test_money            (TallyTestFixture *fixture,
                                                   const char       *key,
                                                   const char       *metric);
gint64                tally_test_count            (TallyTestFixture *fixture,
                                                   const char       *key,
                                                   const char       *metric);
double                tally_test_ratio            (TallyTestFixture *fixture,
                                                   const char       *key,
                                                   const char       *metric);
gint64                tally_test_publish          (TallyTestFixture *fixture,
                                                   const char       *from,
                                                   const char       *to,
                                                   const char       *as_of);

G_END_DECLS
