/* tally-cli-exit.c: the exit codes of tally-cli, SPEC section 9, from
 * the core's errors; only the CLI has them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-cli-exit.h"

/**
 * tally_error_exit_code:
 * @error: (nullable): an error
 *
 * Maps an error onto the exit status tally-cli promises: 1 for usage, 2 for
 * bad input, 3 for a project that cannot be opened or written.
 */
TallyExitCode
tally_error_exit_code (const GError *error)
{
  if (error == NULL)
    return TALLY_EXIT_OK;

  if (error->domain != TALLY_ERROR)
    return TALLY_EXIT_INPUT;

  switch ((TallyError) error->code)
    {
    case TALLY_ERROR_USAGE:
      return TALLY_EXIT_USAGE;

    case TALLY_ERROR_INVALID:
    case TALLY_ERROR_EXISTS:
    case TALLY_ERROR_NOT_FOUND:
    case TALLY_ERROR_QUESTION:
    case TALLY_ERROR_DUPLICATE:
    case TALLY_ERROR_NETWORK:
    case TALLY_ERROR_AUTH:
      return TALLY_EXIT_INPUT;

    case TALLY_ERROR_NOT_PROJECT:
    case TALLY_ERROR_NEWER_VERSION:
    case TALLY_ERROR_LOCKED:
    case TALLY_ERROR_CORRUPT:
    case TALLY_ERROR_IO:
    default:
      return TALLY_EXIT_PROJECT;
    }
}
