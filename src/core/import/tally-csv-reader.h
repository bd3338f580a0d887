/* tally-csv-reader.h: CSV, TSV and semicolon-separated text, streamed
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-table-reader.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CSV_READER (tally_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (TallyCsvReader, tally_csv_reader, TALLY, CSV_READER, TallyTableReader)

TallyTableReader *tally_csv_reader_new           (const char      *path,
                                                  GError         **error);

G_END_DECLS
