/* tally-xlsx-reader.h: the first sheet of an Excel workbook, streamed
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-table-reader.h"

G_BEGIN_DECLS

#define TALLY_TYPE_XLSX_READER (tally_xlsx_reader_get_type ())
G_DECLARE_FINAL_TYPE (TallyXlsxReader, tally_xlsx_reader, TALLY, XLSX_READER, TallyTableReader)

TallyTableReader *tally_xlsx_reader_new (const char  *path,
                                         GError     **error);

char *tally_xlsx_serial_to_iso (double   serial,
                                gboolean date1904);

G_END_DECLS
