/* tally-format.c: numbers as people read them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for how the CLI's tables, the mismatch map's sentences and the
 * app's pages write money, ratios and shares: rounded once, half away from
 * zero, and "—" for what is undefined.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-format.h"

/**
 * tally_format_amount:
 * @minor: an amount in minor units, such as cents
 * @decimals: the currency's minor unit (2 for cents)
 * @flags: grouping and minus sign
 *
 * Returns: (transfer full): "12345.67", "12,345.67", or "—" when @minor is
 *   not a number
 */
char *
tally_format_amount (double           minor,
                     guint            decimals,
                     TallyFormatFlags flags)
{
  g_autofree char *digits = NULL;
  GString *text;
  gint64 units;
  guint64 magnitude, power = 1;

  if (!isfinite (minor))
    return g_strdup ("—");

  units = (gint64) round (minor);
  magnitude = units < 0 ? (guint64) -units : (guint64) units;
  for (guint i = 0; i < decimals; i++)
    power *= 10;

  text = g_string_new (units < 0 ? ((flags & TALLY_FORMAT_UNICODE_MINUS) ? "−" : "-") : "");
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / power);
  for (gsize i = 0, n = strlen (digits); i < n; i++)
    {
      if ((flags & TALLY_FORMAT_GROUPED) && i > 0 && (n - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  if (decimals > 0)
    g_string_append_printf (text, ".%0*" G_GUINT64_FORMAT, (int) decimals, magnitude % power);
  return g_string_free (text, FALSE);
}

/* "2.40", or "—" when undefined. */
char *
tally_format_ratio (double value,
                    guint  decimals)
{
  return isfinite (value) ? g_strdup_printf ("%.*f", (int) decimals, value) : g_strdup ("—");
}

/* "12.5 %", or "—" when undefined. */
char *
tally_format_share (double share)
{
  return isfinite (share) ? g_strdup_printf ("%.1f %%", share * 100) : g_strdup ("—");
}
