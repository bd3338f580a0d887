/* tally-csv-sniff.h: how a text export is written, told from its start
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *_tally_csv_sniff_encoding  (const guint8 *data,
                                        gsize         length,
                                        gsize        *skip);
char        _tally_csv_sniff_delimiter (const char   *text,
                                        gsize         length);

G_END_DECLS
