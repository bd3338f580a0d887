/* tally-fx.c: money into the reporting currency, by the project's rule
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rates are units of a currency per one unit of a base (the ECB's way:
 * MXN 21.44 per EUR). A cross rate goes through a base both currencies
 * are quoted against. SPEC section 6: `daily` takes the rate of the day,
 * else the latest of the 7 days before; `monthly_average` the mean of the
 * month's daily rates; `fixed` the project's fx_fixed.<CUR> settings.
 * An amount with no rate is not converted, and the day and currency are
 * remembered for spend.fx_missing.
 */
#define G_LOG_DOMAIN "tally-fx"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-fx.h"

#define FALLBACK_DAYS 7

typedef struct
{
  gint32 day;
  double rate;
} DayRate;

/* The rates of one currency against one base, by day. */
typedef struct
{
  char   *base;
  char   *currency;
  GArray *days;       /* DayRate, sorted */
  GHashTable *months; /* month index → mean rate (as a boxed double) */
} Series;

struct _TallyFx
{
  char        *reporting;
  guint        reporting_minor;
  TallyFxRule  rule;
  GHashTable  *fixed;     /* currency → double* */
  GPtrArray   *series;    /* Series */
  GHashTable  *missing;   /* "YYYY-MM-DD CUR" */
};

static void
series_free (Series *series)
{
  g_free (series->base);
  g_free (series->currency);
  g_array_unref (series->days);
  g_hash_table_unref (series->months);
  g_free (series);
}

static int
compare_day_rates (gconstpointer a,
                   gconstpointer b)
{
  return ((const DayRate *) a)->day - ((const DayRate *) b)->day;
}

static Series *
find_series (TallyFx    *fx,
             const char *base,
             const char *currency,
             gboolean    create)
{
  Series *series;

  for (guint i = 0; i < fx->series->len; i++)
    {
      series = g_ptr_array_index (fx->series, i);
      if (g_str_equal (series->base, base) && g_str_equal (series->currency, currency))
        return series;
    }

  if (!create)
    return NULL;

  series = g_new0 (Series, 1);
  series->base = g_strdup (base);
  series->currency = g_strdup (currency);
  series->days = g_array_new (FALSE, FALSE, sizeof (DayRate));
  series->months = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_ptr_array_add (fx->series, series);
  return series;
}

static int
month_of (gint32 day)
{
  int y, m, d;

  tally_day_to_civil (day, &y, &m, &d);
  return y * 12 + m - 1;
}

static void
compute_monthly_means (Series *series)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < series->days->len; i++)
    {
      const DayRate *rate = &g_array_index (series->days, DayRate, i);
      gpointer key = GINT_TO_POINTER (month_of (rate->day));
      double *sum = g_hash_table_lookup (series->months, key);

      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (series->months, key, sum);
        }
      *sum += rate->rate;
      g_hash_table_insert (counts, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, key)) + 1));
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, series->months);
    while (g_hash_table_iter_next (&iter, &key, &value))
      *(double *) value /= GPOINTER_TO_INT (g_hash_table_lookup (counts, key));
  }
}

/**
 * tally_fx_new:
 * @facts: the project's data, with its rates
 * @reporting_currency: the currency of the report
 * @rule: how rates are chosen
 * @fixed_rates: (nullable): currency → units of the reporting currency per
 *   one unit of it (double *), for the fixed rule
 */
TallyFx *
tally_fx_new (TallyFacts  *facts,
              const char  *reporting_currency,
              TallyFxRule  rule,
              GHashTable  *fixed_rates)
{
  TallyFx *fx = g_new0 (TallyFx, 1);

  fx->reporting = g_strdup (reporting_currency);
  fx->reporting_minor = tally_currency_minor_unit (reporting_currency);
  fx->rule = rule;
  fx->fixed = fixed_rates != NULL ? g_hash_table_ref (fixed_rates) : NULL;
  fx->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  fx->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < facts->rates->len; i++)
    {
      const RateFact *fact = &g_array_index (facts->rates, RateFact, i);
      Series *series = find_series (fx, tally_facts_string (facts, fact->base),
                                    tally_facts_string (facts, fact->currency), TRUE);
      DayRate rate = { fact->day, fact->rate };

      g_array_append_val (series->days, rate);
    }

  for (guint i = 0; i < fx->series->len; i++)
    {
      Series *series = g_ptr_array_index (fx->series, i);

      g_array_sort (series->days, compare_day_rates);
      compute_monthly_means (series);
    }

  return fx;
}

void
tally_fx_free (TallyFx *fx)
{
  if (fx == NULL)
    return;

  g_free (fx->reporting);
  g_clear_pointer (&fx->fixed, g_hash_table_unref);
  g_ptr_array_unref (fx->series);
  g_hash_table_unref (fx->missing);
  g_free (fx);
}

/* The series' rate for @day by the rule, or NAN. */
static double
series_rate (TallyFx *fx,
             Series  *series,
             gint32   day)
{
  const DayRate *days = (const DayRate *) (gpointer) series->days->data;
  guint lo = 0, hi = series->days->len;

  if (fx->rule == TALLY_FX_MONTHLY_AVERAGE)
    {
      double *mean = g_hash_table_lookup (series->months, GINT_TO_POINTER (month_of (day)));

      return mean != NULL ? *mean : NAN;
    }

  /* The latest rate on or before @day… */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (days[mid].day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NAN;

  /* …if it is no more than a week old. */
  if (day - days[lo - 1].day > FALLBACK_DAYS)
    return NAN;
  return days[lo - 1].rate;
}

/* Units of @currency per one unit of @base on @day: 1 for the base itself. */
static double
quote (TallyFx    *fx,
       const char *base,
       const char *currency,
       gint32      day)
{
  Series *series;

  if (g_str_equal (base, currency))
    return 1.0;

  series = find_series (fx, base, currency, FALSE);
  return series != NULL ? series_rate (fx, series, day) : NAN;
}

/**
 * tally_fx_rate:
 *
 * Returns: units of the reporting currency per one unit of @currency on
 *   @day, or NAN when there is no rate
 */
double
tally_fx_rate (TallyFx    *fx,
               const char *currency,
               gint32      day)
{
  if (g_str_equal (currency, fx->reporting))
    return 1.0;

  if (fx->rule == TALLY_FX_FIXED)
    {
      double *rate = fx->fixed != NULL ? g_hash_table_lookup (fx->fixed, currency) : NULL;

      return rate != NULL ? *rate : NAN;
    }

  /* Through any base both are quoted against. */
  for (guint i = 0; i < fx->series->len; i++)
    {
      const char *base = ((Series *) g_ptr_array_index (fx->series, i))->base;
      double to = quote (fx, base, fx->reporting, day);
      double from = quote (fx, base, currency, day);

      if (!isnan (to) && !isnan (from) && from > 0)
        return to / from;
    }

  return NAN;
}

/**
 * tally_fx_convert:
 * @fx: the converter
 * @minor: an amount in minor units of @currency
 * @currency: its currency
 * @day: the day it is reported on
 * @out: (out): the amount in minor units of the reporting currency, not
 *   yet rounded
 *
 * Returns: %FALSE, remembering the day and currency, when there is no rate
 */
gboolean
tally_fx_convert (TallyFx    *fx,
                  gint64      minor,
                  const char *currency,
                  gint32      day,
                  double     *out)
{
  double rate;
  int shift;

  if (currency == NULL || currency[0] == '\0' || g_str_equal (currency, fx->reporting))
    {
      *out = (double) minor;
      return TRUE;
    }

  rate = tally_fx_rate (fx, currency, day);
  if (isnan (rate))
    {
      char key[32];

      tally_day_format (day, key);
      g_snprintf (key + 10, sizeof key - 10, " %s", currency);
      g_hash_table_add (fx->missing, g_strdup (key));
      *out = 0;
      return FALSE;
    }

  shift = (int) fx->reporting_minor - (int) tally_currency_minor_unit (currency);
  *out = (double) minor * rate * pow (10.0, shift);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tally_fx_missing:
 *
 * Returns: (transfer container) (element-type utf8): "YYYY-MM-DD CUR" for
 *   each day and currency an amount had no rate, sorted
 */
GPtrArray *
tally_fx_missing (TallyFx *fx)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, fx->missing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (list, key);
  g_ptr_array_sort (list, compare_strings);
  return list;
}
