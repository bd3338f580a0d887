/* tally-cli-exit.h: the exit codes of tally-cli, SPEC section 9
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_EXIT_OK = 0,
  TALLY_EXIT_USAGE = 1,
  TALLY_EXIT_INPUT = 2,
  TALLY_EXIT_PROJECT = 3,
} TallyExitCode;

TallyExitCode tally_error_exit_code (const GError *error);

G_END_DECLS
