/* tally-csv-sniff.c: how a text export is written, told from its start
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The encoding (a BOM, UTF-16 without one, Windows-1252 where the bytes
 * are not UTF-8) and the delimiter (comma, semicolon or tab) of a file,
 * from its first 64 KiB, before the CSV reader reads it from the top.
 */
#define G_LOG_DOMAIN "tally-csv-reader"

#include "config.h"

#include "tally-csv-sniff.h"

/* Guesses the encoding from a BOM or the bytes; *skip is the BOM's length. */
const char *
_tally_csv_sniff_encoding (const guint8 *data,
                           gsize         length,
                           gsize        *skip)
{
  gsize zero_even = 0, zero_odd = 0;
  const char *end;

  *skip = 0;
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *skip = 3;
      return "UTF-8 BOM";
    }
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *skip = 2;
      return "UTF-16LE";
    }
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *skip = 2;
      return "UTF-16BE";
    }

  /* UTF-16 without a BOM shows as a zero byte beside every ASCII letter. */
  for (gsize i = 0; i + 1 < length && i < 4096; i += 2)
    {
      zero_even += data[i] == 0;
      zero_odd += data[i + 1] == 0;
    }
  if (length >= 8 && zero_odd > length / 8 && zero_even == 0)
    return "UTF-16LE";
  if (length >= 8 && zero_even > length / 8 && zero_odd == 0)
    return "UTF-16BE";

  /* A sniff may end inside a character: only what precedes it counts. */
  if (!g_utf8_validate_len ((const char *) data, length, &end) &&
      (gsize) (end - (const char *) data) + 4 < length)
    return "WINDOWS-1252";

  return "UTF-8";
}

/* Counts candidate delimiters outside quotes on the first line that is
 * neither blank nor a comment. */
char
_tally_csv_sniff_delimiter (const char *text,
                            gsize       length)
{
  const char *p = text, *end = text + length;
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  while (p < end && (*p == '#' || *p == '\n' || *p == '\r'))
    {
      while (p < end && *p != '\n')
        p++;
      if (p < end)
        p++;
    }

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }

  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}
