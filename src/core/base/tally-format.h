/* tally-format.h: numbers as people read them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_FORMAT_PLAIN         = 0,
  TALLY_FORMAT_GROUPED       = 1 << 0,   /* 12,345.67 */
  TALLY_FORMAT_UNICODE_MINUS = 1 << 1,   /* −12.00 rather than -12.00 */
  TALLY_FORMAT_ASCII         = 1 << 2,   /* 12345.67 whatever the locale: for files */
} TallyFormatFlags;

char *tally_format_amount (double           minor,
                           guint            decimals,
                           TallyFormatFlags flags);
char *tally_format_ratio  (double           value,
                           guint            decimals);
char *tally_format_share  (double           share);

G_END_DECLS
