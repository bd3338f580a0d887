/* tally-test-import.h: a project to import into, and queries on it, for
 * the import tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-core.h"

G_BEGIN_DECLS

typedef struct
{
  char         *dir;
  TallyProject *project;
} Fixture;

void               fixture_setup         (Fixture                  *fixture,
                                          gconstpointer             data);
void               fixture_teardown      (Fixture                  *fixture,
                                          gconstpointer             data);
char              *write_fixture         (Fixture                  *fixture,
                                          const char               *name,
                                          const char               *contents,
                                          gssize                    length);
TallyImportResult *import_text           (Fixture                  *fixture,
                                          const char               *name,
                                          const char               *contents,
                                          const TallyImportOptions *options,
                                          int                       expected_error);
gint64             query_int             (Fixture                  *fixture,
                                          const char               *sql);
char              *query_text            (Fixture                  *fixture,
                                          const char               *sql);
gint64             active_amount         (Fixture                  *fixture,
                                          const char               *record_id);
void               assert_deals_imported (Fixture                  *fixture,
                                          TallyImportResult        *result);

extern const char deals_utf8[];

G_END_DECLS
