/* tally-days.c: calendar days as numbers, and the zones that make them
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

/* Zones ---------------------------------------------------------------- */

/* The offsets of a zone between its transitions, found once per zone by
 * bisecting GLib's answers, so that each lookup is a binary search here. */
typedef struct
{
  gint64 start;    /* UTC seconds from which @offset holds */
  gint32 offset;   /* seconds east of UTC */
} Span;

struct _TallyZone
{
  char       *identifier;
  GTimeZone  *zone;
  GArray     *spans;
  guint       last;
};

#define SPAN_FROM (G_GINT64_CONSTANT (946684800))    /* 2000-01-01 */
#define SPAN_TO   (G_GINT64_CONSTANT (2524608000))   /* 2050-01-01 */

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
}

/* Finds the first second after @lo (whose offset is @offset) at which the
 * offset changes, searching up to @hi. */
static gint64
find_change (GTimeZone *zone,
             gint64     lo,
             gint64     hi,
             gint32     offset)
{
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (zone, mid) == offset)
        lo = mid;
      else
        hi = mid;
    }

  return hi;
}

/* Today's date where @zone is. */
gint32
tally_zone_today (TallyZone *zone)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (zone->zone);

  return tally_day_from_civil (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now));
}

TallyZone *
tally_zone_new (const char *identifier)
{
  TallyZone *zone = g_new0 (TallyZone, 1);
  Span span;

  zone->identifier = g_strdup (identifier);
  zone->zone = g_time_zone_new_identifier (identifier);
  if (zone->zone == NULL)
    zone->zone = g_time_zone_new_utc ();
  zone->spans = g_array_new (FALSE, FALSE, sizeof (Span));

  /* Offsets change at most a few times a year: step by a week and bisect
   * where a step crosses a change. */
  span.start = G_MININT64;
  span.offset = offset_at (zone->zone, SPAN_FROM);
  g_array_append_val (zone->spans, span);
  for (gint64 t = SPAN_FROM; t < SPAN_TO; t += 7 * 86400)
    {
      gint32 next = offset_at (zone->zone, t + 7 * 86400);

      if (next != span.offset)
        {
          span.start = find_change (zone->zone, t, t + 7 * 86400, span.offset);
          span.offset = offset_at (zone->zone, span.start);
          g_array_append_val (zone->spans, span);
        }
    }

  return zone;
}

void
tally_zone_free (TallyZone *zone)
{
  if (zone == NULL)
    return;

  g_free (zone->identifier);
  g_time_zone_unref (zone->zone);
  g_array_unref (zone->spans);
  g_free (zone);
}

gboolean
tally_zone_equal (TallyZone *a,
                  TallyZone *b)
{
  return g_strcmp0 (a->identifier, b->identifier) == 0;
}

static gint32
zone_offset (TallyZone *zone,
             gint64     utc)
{
  const Span *spans = (const Span *) (gpointer) zone->spans->data;
  guint n = zone->spans->len, lo = 0, hi = n;

  if (utc < SPAN_FROM || utc >= SPAN_TO)
    return offset_at (zone->zone, utc);

  /* Consecutive lookups are usually in the same span. */
  if (zone->last < n && spans[zone->last].start <= utc && (zone->last + 1 == n || spans[zone->last + 1].start > utc))
    return spans[zone->last].offset;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].start <= utc)
        lo = mid;
      else
        hi = mid;
    }

  zone->last = lo;
  return spans[lo].offset;
}

static gint32
floor_day (gint64 seconds)
{
  return (gint32) (seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

/* The calendar day, in @zone, of an instant. */
gint32
tally_zone_day (TallyZone *zone,
                gint64     utc_seconds)
{
  return floor_day (utc_seconds + zone_offset (zone, utc_seconds));
}

int
tally_zone_offset_hours (TallyZone *zone,
                         gint64     utc_seconds)
{
  return zone_offset (zone, utc_seconds) / 3600;
}

/* The instant at which @zone's clocks show @local_seconds. A time that
 * does not exist (skipped by a change to summer time) moves forward; one
 * that exists twice is taken the first time. */
gint64
tally_zone_to_utc (TallyZone *zone,
                   gint64     local_seconds)
{
  gint64 guess = local_seconds - zone_offset (zone, local_seconds);
  gint64 utc = local_seconds - zone_offset (zone, guess);

  if (utc + zone_offset (zone, utc) != local_seconds)
    utc = guess;
  return utc;
}

/**
 * tally_moment_day:
 * @kind: the moment's kind
 * @value: its value
 * @reading: the zone a time without an offset was written in
 * @reporting: the zone whose days the report counts
 *
 * Returns: the moment's calendar day in @reporting, SPEC section 4: a date
 *   is that day; a time without an offset is read in @reading.
 */
gint32
tally_moment_day (TallyMomentKind  kind,
                  gint64           value,
                  TallyZone       *reading,
                  TallyZone       *reporting)
{
  switch (kind)
    {
    case TALLY_MOMENT_DATE:
      return (gint32) value;
    case TALLY_MOMENT_LOCAL:
      if (reading == reporting || tally_zone_equal (reading, reporting))
        return floor_day (value);
      return tally_zone_day (reporting, tally_zone_to_utc (reading, value));
    case TALLY_MOMENT_INSTANT:
      return tally_zone_day (reporting, value);
    case TALLY_MOMENT_NONE:
    default:
      return G_MININT32;
    }
}
