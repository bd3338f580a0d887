/* tally-error.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-error"

#include "config.h"

#include "tally-error.h"

G_DEFINE_QUARK (tally-error-quark, tally_error)
