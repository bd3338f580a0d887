/* tally-days.c: calendar days as numbers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report puts a million timestamps on days of one zone, and again when
 * a setting changes, so this is arithmetic on integers: the civil-date
 * algorithms of Howard Hinnant, and a zone's UTC offsets looked up in a
 * small table of its transitions instead of asking GLib every time.
 */
#define G_LOG_DOMAIN "tally-days"

#include "config.h"

#include <string.h>

#include "tally-days.h"

gint32
tally_day_from_civil (int year,
                      int month,
                      int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (unsigned) ((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint32) doe - 719468;
}

void
tally_day_to_civil (gint32  day,
                    int    *year,
                    int    *month,
                    int    *mday)
{
  gint32 z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *mday = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int) yoe + era * 400 + (m <= 2);
}

static int
digits (const char *p,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/**
 * tally_day_parse:
 * @text: text that starts with `YYYY-MM-DD`
 * @day: (out): the day
 */
gboolean
tally_day_parse (const char *text,
                 gint32     *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  y = digits (text, 4);
  m = digits (text + 5, 2);
  d = digits (text + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;

  *day = tally_day_from_civil (y, m, d);
  return TRUE;
}

void
tally_day_format (gint32 day,
                  char   out[11])
{
  int y, m, d;

  tally_day_to_civil (day, &y, &m, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
}

/* 1 for Monday to 7 for Sunday; 1970-01-01 was a Thursday. */
int
tally_day_weekday (gint32 day)
{
  int w = (int) ((day % 7 + 7 + 3) % 7);

  return w + 1;
}

/* ISO 8601 week: the week of the year's first Thursday is week 1. */
void
tally_day_week_key (gint32 day,
                    char   out[9])
{
  gint32 thursday = day - tally_day_weekday (day) + 4;
  int y, m, d;
  gint32 jan1;

  tally_day_to_civil (thursday, &y, &m, &d);
  jan1 = tally_day_from_civil (y, 1, 1);
  g_snprintf (out, 9, "%04d-W%02d", y, (int) ((thursday - jan1) / 7 + 1));
}

void
tally_day_month_key (gint32 day,
                     char   out[8])
{
  int y, m, d;

  tally_day_to_civil (day, &y, &m, &d);
  g_snprintf (out, 8, "%04d-%02d", y, m);
}

/* The same day of the month @months later, or the month's last day. */
gint32
tally_day_add_months (gint32 day,
                      int    months)
{
  int y, m, d;
  int index;

  tally_day_to_civil (day, &y, &m, &d);
  index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  d = MIN (d, (int) g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
  return tally_day_from_civil (y, m, d);
}

/**
 * tally_moment_parse:
 * @text: a time as the importer stored it
 * @value: (out): its value, by its kind
 */
TallyMomentKind
tally_moment_parse (const char *text,
                    gint64     *value)
{
  gint32 day;
  int h, mi, s;
  gint64 seconds;

  if (text == NULL || !tally_day_parse (text, &day))
    return TALLY_MOMENT_NONE;

  if (text[10] == '\0')
    {
      *value = day;
      return TALLY_MOMENT_DATE;
    }

  if (text[10] != 'T' || strlen (text) < 19)
    return TALLY_MOMENT_NONE;
  h = digits (text + 11, 2);
  mi = digits (text + 14, 2);
  s = digits (text + 17, 2);
  if (h < 0 || mi < 0 || s < 0)
    return TALLY_MOMENT_NONE;

  seconds = (gint64) day * 86400 + h * 3600 + mi * 60 + s;
  *value = seconds;
  return text[19] == 'Z' ? TALLY_MOMENT_INSTANT : TALLY_MOMENT_LOCAL;
}
