/* tally-currency.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-currency"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tally-currency.h"

/* The table is read once from the bundled ISO 4217 list and kept for the
 * life of the process; it is small and never changes. */
static GArray *currencies;

static void
parse_line (GArray     *array,
            const char *line)
{
  g_auto(GStrv) fields = NULL;
  TallyCurrency currency = { { 0 }, 0, 0, NULL };

  if (line[0] == '\0' || line[0] == '#' || g_str_has_prefix (line, "code,"))
    return;

  fields = g_strsplit (line, ",", 4);
  if (g_strv_length (fields) != 4 || strlen (fields[0]) != 3)
    {
      g_critical ("Malformed line in the ISO 4217 table: %s", line);
      return;
    }

  memcpy (currency.code, fields[0], 3);
  currency.numeric = (guint) g_ascii_strtoull (fields[1], NULL, 10);
  currency.minor_unit = (guint) g_ascii_strtoull (fields[2], NULL, 10);
  currency.name = g_strdup (fields[3]);
  g_array_append_val (array, currency);
}

static GArray *
load_table (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GArray *array;
  gsize size;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/iso4217.csv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The bundled ISO 4217 table is missing: %s", error->message);

  text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  array = g_array_new (FALSE, TRUE, sizeof (TallyCurrency));
  for (guint i = 0; lines[i] != NULL; i++)
    parse_line (array, g_strstrip (lines[i]));

  return array;
}

static GArray *
get_table (void)
{
  if (g_once_init_enter (&currencies))
    g_once_init_leave (&currencies, load_table ());

  return currencies;
}

/**
 * tally_currency_list:
 * @n_currencies: (out): the number of currencies
 *
 * Returns: (transfer none) (array length=n_currencies): every currency, sorted by code
 */
const TallyCurrency *
tally_currency_list (guint *n_currencies)
{
  GArray *table = get_table ();

  g_return_val_if_fail (n_currencies != NULL, NULL);

  *n_currencies = table->len;
  return (const TallyCurrency *) (gpointer) table->data;
}

/**
 * tally_currency_lookup:
 * @code: an ISO 4217 alphabetic code, in any case
 *
 * Returns: (transfer none) (nullable): the currency, or %NULL when @code is not
 *   an ISO 4217 currency with a minor unit
 */
const TallyCurrency *
tally_currency_lookup (const char *code)
{
  GArray *table;
  char upper[4];
  guint lo, hi;

  if (code == NULL || strlen (code) != 3)
    return NULL;

  for (guint i = 0; i < 3; i++)
    upper[i] = g_ascii_toupper (code[i]);
  upper[3] = '\0';

  /* The table is sorted by code, so a binary search will do. */
  table = get_table ();
  lo = 0;
  hi = table->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const TallyCurrency *c = &g_array_index (table, TallyCurrency, mid);
      int cmp = strcmp (upper, c->code);

      if (cmp == 0)
        return c;
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return NULL;
}

/**
 * tally_currency_minor_unit:
 * @code: (nullable): an ISO 4217 code
 *
 * Returns: the decimals of @code, or 2 (cents) for an unknown code
 */
guint
tally_currency_minor_unit (const char *code)
{
  const TallyCurrency *currency = tally_currency_lookup (code);

  return currency != NULL ? currency->minor_unit : 2;
}
