/* tally-format.c: numbers as people read them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for how the CLI's tables, the mismatch map's sentences, the
 * app's pages, the charts and the PDF write money, ratios and shares:
 * rounded once, half away from zero, "—" for what is undefined, and with
 * the decimal point and digit grouping of the person's locale (LC_NUMERIC):
 * 1,234.56 in Mexico, 1.234,56 in Spain. Files meant for other programs
 * ask for TALLY_FORMAT_ASCII and get 1234.56 whatever the locale.
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "tally-format.h"

typedef struct
{
  const char *point;
  const char *group;
} Separators;

/* The locale's separators; the C locale has no grouping, so it groups
 * with the comma, as English does. */
static void
get_separators (TallyFormatFlags  flags,
                Separators       *separators)
{
  const char *point = (flags & TALLY_FORMAT_ASCII) ? "." : nl_langinfo (RADIXCHAR);
  const char *group = (flags & TALLY_FORMAT_ASCII) ? "" : nl_langinfo (THOUSEP);

  separators->point = point != NULL && point[0] != '\0' ? point : ".";
  if (group != NULL && group[0] != '\0')
    separators->group = group;
  else
    separators->group = strcmp (separators->point, ",") == 0 ? "." : ",";
}

/* @units / 10^@decimals, exactly, with the separators of @flags. */
static char *
format_units (gint64           units,
              guint            decimals,
              TallyFormatFlags flags)
{
  g_autofree char *digits = NULL;
  Separators separators;
  GString *text;
  guint64 magnitude, power = 1;

  get_separators (flags, &separators);
  magnitude = units < 0 ? (guint64) -units : (guint64) units;
  for (guint i = 0; i < decimals; i++)
    power *= 10;

  text = g_string_new (units < 0 ? ((flags & TALLY_FORMAT_UNICODE_MINUS) ? "−" : "-") : "");
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / power);
  for (gsize i = 0, n = strlen (digits); i < n; i++)
    {
      if ((flags & TALLY_FORMAT_GROUPED) && !(flags & TALLY_FORMAT_ASCII) && i > 0 && (n - i) % 3 == 0)
        g_string_append (text, separators.group);
      g_string_append_c (text, digits[i]);
    }
  if (decimals > 0)
    {
      g_string_append (text, separators.point);
      g_string_append_printf (text, "%0*" G_GUINT64_FORMAT, (int) decimals, magnitude % power);
    }
  return g_string_free (text, FALSE);
}

/**
 * tally_format_amount:
 * @minor: an amount in minor units, such as cents
 * @decimals: the currency's minor unit (2 for cents)
 * @flags: grouping, minus sign, locale or ASCII
 *
 * Returns: (transfer full): "12345.67", "12,345.67" (or "12.345,67" where
 *   the locale says so), or "—" when @minor is not a number
 */
char *
tally_format_amount (double           minor,
                     guint            decimals,
                     TallyFormatFlags flags)
{
  if (!isfinite (minor))
    return g_strdup ("—");
  return format_units ((gint64) round (minor), decimals, flags);
}

/**
 * tally_format_ratio:
 * @value: a ratio, such as a ROAS
 * @decimals: how many decimals to show
 *
 * Returns: (transfer full): "2.40" ("2,40" where the locale writes a
 *   decimal comma), or "—" when undefined
 */
char *
tally_format_ratio (double value,
                    guint  decimals)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return format_units ((gint64) round (value * pow (10.0, decimals)), decimals, TALLY_FORMAT_PLAIN);
}

/* "12.5 %" ("12,5 %" with a decimal comma), or "—" when undefined. */
char *
tally_format_share (double share)
{
  g_autofree char *number = NULL;

  if (!isfinite (share))
    return g_strdup ("—");
  number = format_units ((gint64) round (share * 1000), 1, TALLY_FORMAT_PLAIN);
  return g_strconcat (number, " %", NULL);
}
