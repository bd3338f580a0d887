/* tally-error.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_ERROR (tally_error_quark ())

/**
 * TallyError:
 * @TALLY_ERROR_USAGE: a command or argument was not understood
 * @TALLY_ERROR_INVALID: a value or an input file was refused
 * @TALLY_ERROR_EXISTS: the file to create already exists
 * @TALLY_ERROR_NOT_FOUND: the file or item does not exist
 * @TALLY_ERROR_NOT_PROJECT: the file is not a Tally project
 * @TALLY_ERROR_NEWER_VERSION: the project was saved by a newer Tally
 * @TALLY_ERROR_LOCKED: another program is writing the project
 * @TALLY_ERROR_CORRUPT: the project file is damaged
 * @TALLY_ERROR_IO: the project could not be read or written
 * @TALLY_ERROR_QUESTION: an input needs an answer (a decimal separator, a
 *   date order) that Tally will not guess
 * @TALLY_ERROR_DUPLICATE: the same file was imported before
 * @TALLY_ERROR_NETWORK: a server could not be reached, or its answer could
 *   not be used
 * @TALLY_ERROR_AUTH: a server refused the saved credentials; the user must
 *   connect again
 *
 * Every message carried by a #TallyError is one plain sentence that a person
 * who has never seen SQL can act on; the GUI and the CLI show it verbatim.
 */
typedef enum
{
  TALLY_ERROR_USAGE,
  TALLY_ERROR_INVALID,
  TALLY_ERROR_EXISTS,
  TALLY_ERROR_NOT_FOUND,
  TALLY_ERROR_NOT_PROJECT,
  TALLY_ERROR_NEWER_VERSION,
  TALLY_ERROR_LOCKED,
  TALLY_ERROR_CORRUPT,
  TALLY_ERROR_IO,
  TALLY_ERROR_QUESTION,
  TALLY_ERROR_DUPLICATE,
  TALLY_ERROR_NETWORK,
  TALLY_ERROR_AUTH,
} TallyError;

GQuark        tally_error_quark     (void);

G_END_DECLS
