/* tally-test-cli.h: running tally-cli from the data-driven CLI tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} TallyTestRun;

void tally_test_run_clear (TallyTestRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TallyTestRun, tally_test_run_clear)

void      tally_test_run_argv   (TallyTestRun       *run,
                                 const char         *dir,
                                 const char * const *args);
void      tally_test_run        (TallyTestRun       *run,
                                 const char         *dir,
                                 ...) G_GNUC_NULL_TERMINATED;
guint     tally_test_count_lines (const char        *text);
gboolean  tally_test_has_place  (const char         *text,
                                 const char         *place);
JsonNode *tally_test_parse_json (const char         *text);
char     *tally_test_node_text  (JsonNode           *node);
void      tally_test_fail       (const char         *format,
                                 ...) G_GNUC_PRINTF (1, 2);

/* A check that does not stop the test case: every failure is logged, the
 * first one is the case's TAP message. */
#define TALLY_TEST_CHECK(cond, ...) \
  G_STMT_START { if (!(cond)) tally_test_fail (__VA_ARGS__); } G_STMT_END

G_END_DECLS
