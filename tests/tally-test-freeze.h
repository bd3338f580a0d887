/* tally-test-freeze.h: the small client of the publish and freeze tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-core.h"
#include "tally-test-report.h"

G_BEGIN_DECLS

extern const char tally_test_meta_csv[];
extern const char tally_test_deals_csv[];
extern const char tally_test_late_csv[];

void                    tally_test_new_spring_client (TallyTestFixture       *fixture);
gint32                  tally_test_day               (const char             *text);
const TallyRestatement *tally_test_pending           (TallyTestFixture       *fixture,
                                                      guint                   i);
void                    tally_test_assert_change     (const TallyRestatement *r,
                                                      guint                   i,
                                                      const char             *metric,
                                                      double                  published,
                                                      double                  live);

G_END_DECLS
