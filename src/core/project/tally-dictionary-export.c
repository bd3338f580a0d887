/* tally-dictionary-export.c: the KPI dictionary as CSV and as Markdown
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the client's own spreadsheet, and for a wiki page or a pull request:
 * every KPI with its definition, formula, source, grain, join keys, unit and
 * whether it is one of Tally's core metrics.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-dictionary.h"

typedef const char *(*Getter) (TallyKpi *kpi);

static const struct
{
  const char *title;
  Getter      get;
} columns[] = {
  { N_("ID"), tally_kpi_get_id },
  { N_("Name"), tally_kpi_get_name },
  { N_("Definition"), tally_kpi_get_definition },
  { N_("Formula"), tally_kpi_get_formula },
  { N_("Source"), tally_kpi_get_source },
  { N_("Source note"), tally_kpi_get_source_note },
  { N_("Grain"), tally_kpi_get_grain },
  { N_("Join keys"), tally_kpi_get_join_keys },
  { N_("Unit"), tally_kpi_get_unit },
};

/* RFC 4180: quoted when it holds a comma, a quote or a line break; a cell
 * a spreadsheet would run as a formula gets a leading apostrophe. */
static void
append_csv_cell (GString    *out,
                 const char *text)
{
  gboolean quote;

  text = text != NULL ? text : "";
  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (strchr ("=+-@", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * tally_dictionary_to_csv:
 * @kpis: (element-type TallyKpi): the dictionary
 *
 * Returns: (transfer full): UTF-8 CSV with a header row and CRLF line ends
 */
char *
tally_dictionary_to_csv (GPtrArray *kpis)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      append_csv_cell (out, _(columns[c].title));
      g_string_append_c (out, ',');
    }
  g_string_append (out, _("Core"));
  g_string_append (out, "\r\n");

  for (guint i = 0; i < kpis->len; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (kpis, i);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          append_csv_cell (out, columns[c].get (kpi));
          g_string_append_c (out, ',');
        }
      g_string_append (out, tally_kpi_get_core (kpi) ? "yes" : "no");
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/* A table cell: pipes escaped, line breaks made spaces. */
static void
append_markdown_cell (GString    *out,
                      const char *text,
                      gboolean    code)
{
  g_string_append (out, " ");
  if (text == NULL || text[0] == '\0')
    {
      g_string_append (out, "—");
      g_string_append (out, " |");
      return;
    }
  if (code)
    g_string_append_c (out, '`');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  if (code)
    g_string_append_c (out, '`');
  g_string_append (out, " |");
}

/**
 * tally_dictionary_to_markdown:
 * @kpis: (element-type TallyKpi): the dictionary
 * @title: the heading, such as the client's name
 *
 * Returns: (transfer full): a Markdown document with one table
 */
char *
tally_dictionary_to_markdown (GPtrArray  *kpis,
                              const char *title)
{
  GString *out = g_string_new (NULL);

  /* Translators: the heading of an exported dictionary, "<client>: KPI dictionary" */
  g_string_append_printf (out, _("# %s: KPI dictionary"), title);
  g_string_append (out, "\n\n|");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_string_append_printf (out, " %s |", _(columns[c].title));
  g_string_append_printf (out, " %s |\n|", _("Core"));
  for (guint c = 0; c <= G_N_ELEMENTS (columns); c++)
    g_string_append (out, "---|");
  g_string_append_c (out, '\n');

  for (guint i = 0; i < kpis->len; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (kpis, i);

      g_string_append_c (out, '|');
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        append_markdown_cell (out, columns[c].get (kpi), c == 0 || c == 3);
      append_markdown_cell (out, tally_kpi_get_core (kpi) ? _("yes") : _("no"), FALSE);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
