/* tally-test-utils.h: helpers shared by the tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tally_test_make_dir    (void);
void  tally_test_remove_dir  (const char *dir);
char *tally_test_file_sha256 (const char *path);
void  tally_test_write_file  (const char *path,
                              const char *contents,
                              gssize      length);
char *tally_test_make_locale (const char *language,
                              const char *name);

typedef struct _TallyTestLocale TallyTestLocale;

TallyTestLocale *tally_test_locale_enter (const char      *language,
                                          const char      *name);
void             tally_test_locale_leave (TallyTestLocale *locale);

G_END_DECLS
