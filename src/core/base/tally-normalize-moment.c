/* tally-normalize-moment.c: dates, times and their zones, as SPEC section 4
 * says: a date is a calendar day, a time without an offset a wall-clock
 * time, a time with one an instant
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-normalize"

#include "config.h"

#include <string.h>

#include "tally-normalize.h"

/* Dates and times ---------------------------------------------------------- */

typedef struct
{
  int      year, month, day;
  int      hour, minute, second;
  gboolean has_time;
  gboolean has_zone;
  int      zone_seconds;
} Moment;

static int
read_digits (const char **p,
             int          min,
             int          max)
{
  int value = 0, n = 0;

  while (n < max && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n >= min ? value : -1;
}

/* Reads a day written d/m/y or m/d/y: the two leading numbers and whether
 * the separator fixes the order (a dot: day first). */
static gboolean
read_numeric_date (const char **p,
                   int         *a,
                   int         *b,
                   int         *year,
                   gboolean    *dotted)
{
  const char *q = *p;
  char separator;

  *a = read_digits (&q, 1, 2);
  if (*a < 0 || (*q != '/' && *q != '-' && *q != '.'))
    return FALSE;
  separator = *q++;
  *b = read_digits (&q, 1, 2);
  if (*b < 0 || *q++ != separator)
    return FALSE;
  *year = read_digits (&q, 2, 4);
  if (*year < 0 || (q - *p) < 6)
    return FALSE;
  if (*year < 100)
    *year += 2000;

  *dotted = separator == '.';
  *p = q;
  return TRUE;
}

/**
 * tally_date_evidence:
 * @text: a date as written in a file
 *
 * Returns: FIRST when @text can only be day/month (13/4/2026), SECOND when
 *   only month/day (4/13/2026), AMBIGUOUS for 3/4/2026, NONE otherwise
 */
TallyEvidence
tally_date_evidence (const char *text)
{
  const char *p = text;
  int a, b, year;
  gboolean dotted;

  while (g_ascii_isspace (*p))
    p++;
  if (!read_numeric_date (&p, &a, &b, &year, &dotted) || dotted)
    return TALLY_EVIDENCE_NONE;
  if (a > 12 && b <= 12)
    return TALLY_EVIDENCE_FIRST;
  if (b > 12 && a <= 12)
    return TALLY_EVIDENCE_SECOND;
  if (a != b && a <= 12 && b <= 12)
    return TALLY_EVIDENCE_AMBIGUOUS;
  return TALLY_EVIDENCE_NONE;
}

static gboolean
read_date_part (const char     **p,
                TallyDateOrder   order,
                Moment          *m)
{
  const char *q = *p;
  int a, b;
  gboolean dotted;

  /* 2026-08-14, 2026/08/14 */
  if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) &&
      g_ascii_isdigit (q[3]) && (q[4] == '-' || q[4] == '/' || q[4] == '.'))
    {
      char separator = q[4];

      m->year = read_digits (&q, 4, 4);
      q++;
      m->month = read_digits (&q, 1, 2);
      if (m->month < 0 || *q++ != separator)
        return FALSE;
      m->day = read_digits (&q, 1, 2);
      if (m->day < 0)
        return FALSE;
      *p = q;
      return TRUE;
    }

  /* 20260814, as Google Analytics writes days */
  if (strlen (q) == 8 && strspn (q, "0123456789") == 8)
    {
      m->year = read_digits (&q, 4, 4);
      m->month = read_digits (&q, 2, 2);
      m->day = read_digits (&q, 2, 2);
      *p = q;
      return TRUE;
    }

  if (!read_numeric_date (&q, &a, &b, &m->year, &dotted))
    return FALSE;

  if (dotted || order == TALLY_DATE_ORDER_DMY || (order == TALLY_DATE_ORDER_UNKNOWN && (a > 12 || a == b)))
    m->day = a, m->month = b;
  else if (order == TALLY_DATE_ORDER_MDY || (order == TALLY_DATE_ORDER_UNKNOWN && b > 12))
    m->month = a, m->day = b;
  else
    return FALSE;

  *p = q;
  return TRUE;
}

static gboolean
read_time_part (const char **p,
                Moment      *m)
{
  const char *q = *p;

  m->hour = read_digits (&q, 1, 2);
  if (m->hour < 0 || *q++ != ':')
    return FALSE;
  m->minute = read_digits (&q, 2, 2);
  if (m->minute < 0)
    return FALSE;
  m->second = 0;
  if (*q == ':')
    {
      q++;
      m->second = read_digits (&q, 2, 2);
      if (m->second < 0)
        return FALSE;
      if (*q == '.' || *q == ',')
        {
          q++;
          while (g_ascii_isdigit (*q))
            q++;
        }
    }

  /* 2:05 PM, 2:05 p. m. */
  while (*q == ' ')
    q++;
  if (g_ascii_tolower (q[0]) == 'a' || g_ascii_tolower (q[0]) == 'p')
    {
      gboolean pm = g_ascii_tolower (q[0]) == 'p';
      const char *r = q + 1;

      if (*r == '.')
        r++;
      while (*r == ' ')
        r++;
      if (g_ascii_tolower (*r) == 'm')
        {
          r++;
          if (*r == '.')
            r++;
          if (m->hour < 1 || m->hour > 12)
            return FALSE;
          m->hour = m->hour % 12 + (pm ? 12 : 0);
          q = r;
        }
    }

  m->has_time = TRUE;
  *p = q;
  return TRUE;
}

static gboolean
read_zone_part (const char **p,
                Moment      *m)
{
  const char *q = *p;
  int sign, hours, minutes = 0;

  while (*q == ' ')
    q++;
  if (*q == 'Z' || *q == 'z')
    {
      m->has_zone = TRUE;
      *p = q + 1;
      return TRUE;
    }
  if (g_str_has_prefix (q, "UTC") || g_str_has_prefix (q, "GMT"))
    {
      q += 3;
      m->has_zone = TRUE;
      if (*q != '+' && *q != '-')
        {
          *p = q;
          return TRUE;
        }
    }
  if (*q != '+' && *q != '-')
    return *q == '\0';

  sign = *q++ == '-' ? -1 : 1;
  hours = read_digits (&q, 1, 2);
  if (hours < 0 || hours > 14)
    return FALSE;
  if (*q == ':')
    q++;
  if (g_ascii_isdigit (*q))
    {
      minutes = read_digits (&q, 2, 2);
      if (minutes < 0 || minutes > 59)
        return FALSE;
    }

  m->has_zone = TRUE;
  m->zone_seconds = sign * (hours * 3600 + minutes * 60);
  *p = q;
  return TRUE;
}

static gboolean
read_moment (const char     *text,
             TallyDateOrder  order,
             Moment         *m)
{
  const char *p = text;

  memset (m, 0, sizeof *m);
  while (g_ascii_isspace (*p))
    p++;

  if (!read_date_part (&p, order, m))
    return FALSE;

  if (*p == 'T' || *p == ' ')
    {
      const char *q = p + 1;

      while (*q == ' ')
        q++;
      if (*q != '\0' && !read_time_part (&q, m))
        return FALSE;
      p = q;
    }

  if (m->has_time && !read_zone_part (&p, m))
    return FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  return m->year >= 1900 && m->year <= 2199 &&
         g_date_valid_dmy ((GDateDay) m->day, (GDateMonth) m->month, (GDateYear) m->year) &&
         m->hour < 24 && m->minute < 60 && m->second < 61;
}

/* Writes digits without printf: this runs for every date of every row. */
static char *
put_digits (char *p,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  return p + width;
}

static char *
format_moment (const Moment *m,
               gboolean      with_time,
               gboolean      utc)
{
  char text[24], *p = text;

  p = put_digits (p, m->year, 4);
  *p++ = '-';
  p = put_digits (p, m->month, 2);
  *p++ = '-';
  p = put_digits (p, m->day, 2);
  if (with_time)
    {
      *p++ = 'T';
      p = put_digits (p, m->hour, 2);
      *p++ = ':';
      p = put_digits (p, m->minute, 2);
      *p++ = ':';
      p = put_digits (p, MIN (m->second, 59), 2);
      if (utc)
        *p++ = 'Z';
    }

  return g_strndup (text, p - text);
}

/**
 * tally_parse_date:
 * @text: a day as written in a file, possibly with a time
 * @order: how to read 3/4/2026
 *
 * Returns: (transfer full) (nullable): `YYYY-MM-DD`, or %NULL
 */
char *
tally_parse_date (const char     *text,
                  TallyDateOrder  order)
{
  Moment m;

  if (!read_moment (text, order, &m))
    return NULL;

  return format_moment (&m, FALSE, FALSE);
}

/**
 * tally_parse_timestamp:
 * @text: a date or a date and time as written in a file
 * @order: how to read 3/4/2026
 * @kind: (out): what was read
 *
 * Returns: (transfer full) (nullable): `YYYY-MM-DD` for a day,
 *   `YYYY-MM-DDTHH:MM:SS` for a time without an offset, or
 *   `YYYY-MM-DDTHH:MM:SSZ` (converted to UTC) for an exact instant
 */
char *
tally_parse_timestamp (const char     *text,
                       TallyDateOrder  order,
                       TallyTimeKind  *kind)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  Moment m;

  if (!read_moment (text, order, &m))
    return NULL;

  if (!m.has_time)
    {
      *kind = TALLY_TIME_DATE;
      return format_moment (&m, FALSE, FALSE);
    }

  if (!m.has_zone)
    {
      *kind = TALLY_TIME_LOCAL;
      return format_moment (&m, TRUE, FALSE);
    }

  /* A UTC instant needs no time zone arithmetic. */
  if (m.zone_seconds == 0)
    {
      *kind = TALLY_TIME_INSTANT;
      return format_moment (&m, TRUE, TRUE);
    }

  zone = g_time_zone_new_offset (m.zone_seconds);
  local = g_date_time_new (zone, m.year, m.month, m.day, m.hour, m.minute, MIN (m.second, 59));
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  *kind = TALLY_TIME_INSTANT;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
