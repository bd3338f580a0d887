/* tally-json-writer.c: JSON text with numbers written exactly
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib writes doubles with 17 significant digits, so 1234.56 comes
 * out as 1234.5599999999999. A report's money is rounded once, half away
 * from zero, to its currency's minor unit, and must be printed as that:
 * this writer prints every number from its rounded integer of minor units.
 */
#define G_LOG_DOMAIN "tally-json"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "tally-format.h"
#include "tally-json-writer.h"

struct _TallyJsonWriter
{
  GString  *text;
  gboolean  pretty;
  guint     depth;
  gboolean  first;        /* no item yet at this level */
  gboolean  after_member; /* a member name was just written */
};

TallyJsonWriter *
tally_json_writer_new (gboolean pretty)
{
  TallyJsonWriter *writer = g_new0 (TallyJsonWriter, 1);

  writer->text = g_string_new (NULL);
  writer->pretty = pretty;
  writer->first = TRUE;
  return writer;
}

void
tally_json_writer_free (TallyJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->text, TRUE);
  g_free (writer);
}

char *
tally_json_writer_free_to_string (TallyJsonWriter *writer)
{
  char *text = g_string_free (writer->text, FALSE);

  g_free (writer);
  return text;
}

static void
newline (TallyJsonWriter *writer)
{
  if (!writer->pretty)
    return;
  g_string_append_c (writer->text, '\n');
  for (guint i = 0; i < writer->depth; i++)
    g_string_append (writer->text, "  ");
}

/* Separates a value from the one before it, unless it follows its name. */
static void
before_value (TallyJsonWriter *writer)
{
  if (writer->after_member)
    {
      writer->after_member = FALSE;
      return;
    }
  if (writer->depth > 0)
    {
      if (!writer->first)
        g_string_append_c (writer->text, ',');
      newline (writer);
    }
  writer->first = FALSE;
}

static void
append_escaped (GString    *text,
                const char *value)
{
  g_string_append_c (text, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (text, "\\\"");
          break;
        case '\\':
          g_string_append (text, "\\\\");
          break;
        case '\n':
          g_string_append (text, "\\n");
          break;
        case '\r':
          g_string_append (text, "\\r");
          break;
        case '\t':
          g_string_append (text, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (text, "\\u%04x", c);
          else
            g_string_append_c (text, (char) c);
        }
    }
  g_string_append_c (text, '"');
}

void
tally_json_begin_object (TallyJsonWriter *writer)
{
  before_value (writer);
  g_string_append_c (writer->text, '{');
  writer->depth++;
  writer->first = TRUE;
}

static void
close_container (TallyJsonWriter *writer,
                 char             closing)
{
  writer->depth--;
  if (!writer->first)
    newline (writer);
  g_string_append_c (writer->text, closing);
  writer->first = FALSE;
}

void
tally_json_end_object (TallyJsonWriter *writer)
{
  close_container (writer, '}');
}

void
tally_json_begin_array (TallyJsonWriter *writer)
{
  before_value (writer);
  g_string_append_c (writer->text, '[');
  writer->depth++;
  writer->first = TRUE;
}

void
tally_json_end_array (TallyJsonWriter *writer)
{
  close_container (writer, ']');
}

void
tally_json_member (TallyJsonWriter *writer,
                   const char      *name)
{
  before_value (writer);
  append_escaped (writer->text, name);
  g_string_append (writer->text, writer->pretty ? ": " : ":");
  writer->after_member = TRUE;
}

void
tally_json_string (TallyJsonWriter *writer,
                   const char      *value)
{
  before_value (writer);
  if (value == NULL)
    g_string_append (writer->text, "null");
  else
    append_escaped (writer->text, value);
}

void
tally_json_int (TallyJsonWriter *writer,
                gint64           value)
{
  before_value (writer);
  g_string_append_printf (writer->text, "%" G_GINT64_FORMAT, value);
}

/* @minor / 10^@decimals exactly, with a decimal point whatever the locale. */
static void
write_units (TallyJsonWriter *writer,
             double           minor,
             guint            decimals)
{
  g_autofree char *text = tally_format_amount (minor, decimals, TALLY_FORMAT_ASCII);

  before_value (writer);
  g_string_append (writer->text, text);
}

/* A number rounded half away from zero to @decimals, printed exactly. */
void
tally_json_fixed (TallyJsonWriter *writer,
                  double           value,
                  guint            decimals)
{
  if (!isfinite (value))
    {
      tally_json_null (writer);
      return;
    }

  write_units (writer, value * pow (10.0, decimals), decimals);
}

/**
 * tally_json_money:
 * @minor: an amount in minor units, not yet rounded
 * @decimals: the currency's minor unit
 *
 * Writes the amount in major units, rounded once, half away from zero, to
 * the minor unit: 12345.5 cents is 123.46.
 */
void
tally_json_money (TallyJsonWriter *writer,
                  double           minor,
                  guint            decimals)
{
  if (!isfinite (minor))
    {
      tally_json_null (writer);
      return;
    }

  write_units (writer, minor, decimals);
}

void
tally_json_bool (TallyJsonWriter *writer,
                 gboolean         value)
{
  before_value (writer);
  g_string_append (writer->text, value ? "true" : "false");
}

void
tally_json_null (TallyJsonWriter *writer)
{
  before_value (writer);
  g_string_append (writer->text, "null");
}

/* A value that is JSON text already; anything that does not parse as JSON
 * (a file edited by hand) is written as null. */
void
tally_json_raw (TallyJsonWriter *writer,
                const char      *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  /* As written, so that its numbers keep their decimals. */
  before_value (writer);
  g_string_append (writer->text, node != NULL ? json : "null");
}
