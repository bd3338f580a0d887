/* tally-normalize.c: reading numbers, dates, identities and URLs as SPEC
 * section 4 says
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-normalize"

#include "config.h"

#include <string.h>

#include "tally-currency.h"
#include "tally-normalize.h"

/* Numbers ------------------------------------------------------------------ */

/* Spaces people and spreadsheets put between digit groups: the ASCII space,
 * no-break space (U+00A0), narrow no-break space (U+202F) and the
 * apostrophe of Swiss numbers. Returns the length of one at @p, or 0. */
static gsize
grouping_space_length (const char *p)
{
  const guchar *u = (const guchar *) p;

  if (*p == ' ' || *p == '\'')
    return 1;
  if (u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
    return 3;
  return 0;
}

/* Letters that, beside a symbol or alone, name a currency as people write
 * it: R$, US$, S/, kr, zł, Kč, Rp, Rs… (ISO 4217 codes are known too). */
static const char * const currency_words[] = {
  "kr", "Kr", "zł", "zl", "Kč", "Kc", "Ft", "lei", "Rp", "Rs", "RM", "Bs", "Q", "L", "Fr", "Fr.",
  "Rs.", "Bs.", NULL
};
/* Letters that name a currency only with the symbol right after them. */
static const char * const symbol_prefixes[] = {
  "R", "US", "S", "C", "A", "NZ", "HK", "MX", "RD", "TT", "J", "N", "K", "Z", "B", "Bs.S", NULL
};

/* Whether @text (of @length bytes) is what may stand beside an amount:
 * spaces, currency symbols and currency codes or words, nothing else. */
static gboolean
is_currency_adornment (const char *text,
                       gsize       length)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *word = p;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL ||
          c == '/')
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (!g_unichar_isalpha (c))
        return FALSE;

      /* A word: letters, and a dot after them. */
      while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p < end && *p == '.')
        p++;

      {
        g_autofree char *w = g_strndup (word, p - word);
        g_autofree char *upper = g_ascii_strup (w, -1);

        gboolean before_symbol = p < end && (*p == '/' ||
                                             g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CURRENCY_SYMBOL);

        if (!g_strv_contains (currency_words, w) && !(strlen (w) == 3 && tally_currency_lookup (upper) != NULL) &&
            !(before_symbol && g_strv_contains (symbol_prefixes, w)))
          return FALSE;
      }
    }

  return TRUE;
}

/* Takes off what surrounds the digits (currency symbols and codes, spaces,
 * a sign, parentheses for a negative amount) and the grouping spaces inside.
 * Leaves digits, '.', ',' and an exponent, or returns FALSE: anything else
 * around the digits ("12abc", a "%") means the text is not an amount. */
static gboolean
strip_number (const char *text,
              GString    *out,
              gboolean   *negative)
{
  const char *start = text, *end = text + strlen (text);
  const char *adornment;
  gboolean open = FALSE, parentheses = FALSE, sign = FALSE;

  *negative = FALSE;

  /* Symbols, currency words, spaces and a sign before the first digit. */
  adornment = start;
  while (start < end && !g_ascii_isdigit (*start) && *start != '.' && *start != ',')
    {
      if (*start == '%' || (*start == '(' && (open || sign)))
        return FALSE;
      if (*start == '(' || *start == '-' || *start == '+')
        {
          if (!is_currency_adornment (adornment, start - adornment))
            return FALSE;
          if (*start == '(')
            open = parentheses = TRUE;
          else
            {
              if (sign || open)
                return FALSE;
              sign = TRUE;
              *negative = *start == '-';
            }
          adornment = start + 1;
        }
      start++;
    }
  if (!is_currency_adornment (adornment, start - adornment))
    return FALSE;

  /* And after the last digit. */
  adornment = end;
  while (end > start && !g_ascii_isdigit (end[-1]))
    {
      if (end[-1] == '%' || (end[-1] == ')' && !open))
        return FALSE;
      if (end[-1] == ')')
        {
          if (!is_currency_adornment (end, adornment - end))
            return FALSE;
          open = FALSE;
          adornment = end - 1;
        }
      end--;
    }
  if (!is_currency_adornment (end, adornment - end))
    return FALSE;
  if (open || start >= end)
    return FALSE;
  *negative |= parentheses;

  g_string_truncate (out, 0);
  for (const char *p = start; p < end; )
    {
      gsize space = grouping_space_length (p);

      if (space > 0)
        {
          /* Only between digits. */
          if (p == start || !g_ascii_isdigit (p[-1]) || p + space >= end || !g_ascii_isdigit (p[space]))
            return FALSE;
          p += space;
          continue;
        }
      if (!g_ascii_isdigit (*p) && *p != '.' && *p != ',' && *p != 'e' && *p != 'E' &&
          !((*p == '-' || *p == '+') && p > start && (p[-1] == 'e' || p[-1] == 'E')))
        return FALSE;
      g_string_append_c (out, *p);
      p++;
    }

  return out->len > 0;
}

static guint
count_char (const char *text,
            char        c)
{
  guint n = 0;

  for (; *text != '\0' && *text != 'e' && *text != 'E'; text++)
    n += *text == c;
  return n;
}

/* With one separator: is it followed by exactly three digits, after one
 * to three non-zero-led digits? Then it may be grouping or decimal. */
static gboolean
looks_grouped (const char *text,
               char        separator)
{
  const char *sep = strchr (text, separator);
  gsize before = (gsize) (sep - text);

  return before >= 1 && before <= 3 && text[0] != '0' && strlen (sep + 1) == 3;
}

/**
 * tally_number_evidence:
 * @text: a number as written in a file
 *
 * Returns: what @text says about the file's decimal separator: FIRST for a
 *   point, SECOND for a comma, AMBIGUOUS for "1,234" or "1.234", NONE for a
 *   whole number or something that is not a number
 */
TallyEvidence
tally_number_evidence (const char *text)
{
  g_autoptr(GString) core = g_string_new (NULL);
  gboolean negative;
  guint points, commas;
  const char *last_point, *last_comma;

  if (!strip_number (text, core, &negative) || strchr (core->str, 'e') || strchr (core->str, 'E'))
    return TALLY_EVIDENCE_NONE;

  points = count_char (core->str, '.');
  commas = count_char (core->str, ',');
  last_point = strrchr (core->str, '.');
  last_comma = strrchr (core->str, ',');

  if (points > 0 && commas > 0)
    return last_point > last_comma ? TALLY_EVIDENCE_FIRST : TALLY_EVIDENCE_SECOND;
  if (points > 1)
    return TALLY_EVIDENCE_SECOND;
  if (commas > 1)
    return TALLY_EVIDENCE_FIRST;
  if (points == 1)
    return looks_grouped (core->str, '.') ? TALLY_EVIDENCE_AMBIGUOUS : TALLY_EVIDENCE_FIRST;
  if (commas == 1)
    return looks_grouped (core->str, ',') ? TALLY_EVIDENCE_AMBIGUOUS : TALLY_EVIDENCE_SECOND;

  return TALLY_EVIDENCE_NONE;
}

static gboolean
append_digit (TallyNumber *number,
              char         digit)
{
  /* Leading zeros of the whole part carry nothing. */
  if (digit == '0' && number->n_digits == 0 && number->n_fraction == 0)
    return TRUE;
  if (number->n_digits >= sizeof number->digits - 1)
    return FALSE;

  number->digits[number->n_digits++] = digit;
  number->digits[number->n_digits] = '\0';
  return TRUE;
}

/**
 * tally_number_parse:
 * @text: a number as written in a file
 * @decimal: the file's decimal separator; the other one groups digits
 * @number: (out): the number, exactly
 *
 * Reads `1,234.56`, `1.234,56`, `1234,56`, `1 234,56`, `$1,234.56`,
 * `MXN 1,234.00`, `(12.50)` and `1.5E+3`. Digit groups after the first must
 * have three digits, so `1,5` is not a number in a decimal-point file.
 *
 * Returns: whether @text is a number in that locale
 */
gboolean
tally_number_parse (const char   *text,
                    TallyDecimal  decimal,
                    TallyNumber  *number)
{
  g_autoptr(GString) core = g_string_new (NULL);
  char point = decimal == TALLY_DECIMAL_COMMA ? ',' : '.';
  char group = decimal == TALLY_DECIMAL_COMMA ? '.' : ',';
  gboolean seen_point = FALSE, seen_group = FALSE;
  guint group_digits = 0;
  const char *p;

  memset (number, 0, sizeof *number);
  if (!strip_number (text, core, &number->negative))
    return FALSE;

  for (p = core->str; *p != '\0' && *p != 'e' && *p != 'E'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (!seen_point)
            group_digits++;
          else
            number->n_fraction++;
          if (seen_point && number->n_digits == 0 && *p == '0')
            {
              /* A zero after the point counts even before any digit. */
              if (number->n_digits >= sizeof number->digits - 1)
                return FALSE;
              number->digits[number->n_digits++] = '0';
              continue;
            }
          if (!append_digit (number, *p))
            return FALSE;
        }
      else if (*p == group && !seen_point && decimal != TALLY_DECIMAL_UNKNOWN)
        {
          if ((!seen_group && (group_digits < 1 || group_digits > 3)) || (seen_group && group_digits != 3))
            return FALSE;
          seen_group = TRUE;
          group_digits = 0;
        }
      else if (*p == point && !seen_point)
        {
          if (seen_group && group_digits != 3)
            return FALSE;
          seen_point = TRUE;
        }
      else
        return FALSE;
    }

  if (seen_group && !seen_point && group_digits != 3)
    return FALSE;
  if (group_digits == 0 && number->n_fraction == 0 && !seen_group)
    return FALSE;

  /* An exponent moves the point. */
  if (*p == 'e' || *p == 'E')
    {
      char *end = NULL;
      gint64 exponent = g_ascii_strtoll (p + 1, &end, 10);

      if (end == p + 1 || *end != '\0' || exponent > 30 || exponent < -30)
        return FALSE;
      while (exponent > 0 && number->n_fraction > 0)
        number->n_fraction--, exponent--;
      while (exponent-- > 0)
        if (!append_digit (number, '0'))
          return FALSE;
      for (; exponent < -1; exponent++)
        {
          /* Shift right by putting zeros in front. */
          if (number->n_digits >= sizeof number->digits - 1)
            return FALSE;
          memmove (number->digits + 1, number->digits, number->n_digits + 1);
          number->digits[0] = '0';
          number->n_digits++;
          number->n_fraction++;
        }
    }

  /* Pad so that there is at least one digit before the point. */
  while (number->n_digits < number->n_fraction + 1)
    {
      memmove (number->digits + 1, number->digits, number->n_digits + 1);
      number->digits[0] = '0';
      number->n_digits++;
    }

  return TRUE;
}

/**
 * tally_number_to_minor:
 * @number: a number
 * @minor_unit: the currency's decimals
 * @out: (out): the amount in minor units
 * @rounded: (out): whether digits were dropped (rounded half away from zero)
 *
 * Returns: %FALSE when the amount does not fit
 */
gboolean
tally_number_to_minor (const TallyNumber *number,
                       guint              minor_unit,
                       gint64            *out,
                       gboolean          *rounded)
{
  guint keep = number->n_digits - number->n_fraction + MIN (minor_unit, number->n_fraction);
  guint64 value = 0;

  *rounded = FALSE;
  if (number->n_digits - number->n_fraction + minor_unit > 18)
    return FALSE;

  for (guint i = 0; i < keep; i++)
    value = value * 10 + (guint64) (number->digits[i] - '0');
  for (guint i = number->n_fraction; i < minor_unit; i++)
    value *= 10;

  if (keep < number->n_digits)
    {
      for (guint i = keep; i < number->n_digits; i++)
        *rounded |= number->digits[i] != '0';
      if (number->digits[keep] >= '5')
        value++;
    }

  *out = number->negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

/**
 * tally_number_to_integer:
 *
 * Returns: %FALSE when @number has a fraction or does not fit
 */
gboolean
tally_number_to_integer (const TallyNumber *number,
                         gint64            *out)
{
  gboolean rounded;

  return tally_number_to_minor (number, 0, out, &rounded) && !rounded;
}

double
tally_number_to_double (const TallyNumber *number)
{
  char text[64];
  guint whole = number->n_digits - number->n_fraction;

  g_snprintf (text, sizeof text, "%s%.*s.%s", number->negative ? "-" : "",
              (int) whole, number->digits, number->digits + whole);
  return g_ascii_strtod (text, NULL);
}

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

/* Identities --------------------------------------------------------------- */

char *
tally_sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
is_sha256_hex (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * tally_hash_email:
 * @raw: an e-mail address as the CRM has it
 * @normalized: (out) (optional): the address trimmed and in lower case
 *
 * Normalizes and hashes as Meta's Conversions API requires: trim, lower
 * case, SHA-256 in lower-case hex. A value that is already such a hash is
 * kept as it is.
 *
 * Returns: (transfer full) (nullable): the hash, or %NULL when @raw is
 *   empty or not an e-mail address
 */
char *
tally_hash_email (const char  *raw,
                  char       **normalized)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));
  g_autofree char *lower = NULL;
  const char *at, *dot;
  gboolean ascii = TRUE;

  /* Most addresses are ASCII, which lowers much faster. */
  for (const char *p = trimmed; *p != '\0' && ascii; p++)
    ascii = (guchar) *p < 0x80;
  lower = ascii ? g_ascii_strdown (trimmed, -1) : g_utf8_strdown (trimmed, -1);
  at = strchr (lower, '@');
  dot = at != NULL ? strrchr (at, '.') : NULL;

  if (normalized != NULL)
    *normalized = NULL;

  if (lower[0] == '\0')
    return NULL;
  if (is_sha256_hex (lower))
    return g_steal_pointer (&lower);

  /* .+@.+\..+ as the Conversions API SDK checks it */
  if (at == NULL || at == lower || dot == NULL || dot == at + 1 || dot[1] == '\0' ||
      strchr (lower, ' ') != NULL)
    return NULL;

  if (normalized != NULL)
    *normalized = g_strdup (lower);
  return tally_sha256_hex (lower);
}

/**
 * tally_hash_phone:
 * @raw: a phone number as the CRM has it
 * @default_country_code: (nullable): digits put in front of a national number
 * @normalized: (out) (optional): the digits that were hashed
 * @had_country_code: (out) (optional): whether the number carried or was
 *   given a country code
 *
 * Keeps the digits, drops leading zeros, and puts the default country code
 * in front of a national number (one written without "+" or "00" and with
 * at most ten digits), then hashes, as Meta's Conversions API requires.
 *
 * Returns: (transfer full) (nullable): the hash, or %NULL when @raw has too
 *   few or too many digits to be a phone number
 */
char *
tally_hash_phone (const char  *raw,
                  const char  *default_country_code,
                  char       **normalized,
                  gboolean    *had_country_code)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));
  gboolean international = trimmed[0] == '+' || g_str_has_prefix (trimmed, "00");
  const char *p;

  if (normalized != NULL)
    *normalized = NULL;
  if (had_country_code != NULL)
    *had_country_code = international;

  if (is_sha256_hex (trimmed))
    return g_steal_pointer (&trimmed);

  for (p = trimmed; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  p = digits->str;
  while (*p == '0')
    p++;
  g_string_erase (digits, 0, p - digits->str);

  if (!international && default_country_code != NULL && default_country_code[0] != '\0' &&
      digits->len <= 10)
    {
      g_string_prepend (digits, default_country_code);
      if (had_country_code != NULL)
        *had_country_code = TRUE;
    }

  if (digits->len < 7 || digits->len > 15)
    return NULL;

  if (normalized != NULL)
    *normalized = g_strdup (digits->str);
  return tally_sha256_hex (digits->str);
}

/* URLs --------------------------------------------------------------------- */

/**
 * tally_parse_url_params:
 * @url: a landing page URL, with or without its scheme
 *
 * Returns: (transfer full) (nullable): the query's parameters, names in
 *   any case, or %NULL when @url is not a URL
 */
GHashTable *
tally_parse_url_params (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;
  const char *query;

  if (url == NULL || url[0] == '\0')
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_scheme (uri) == NULL || g_uri_get_host (uri) == NULL)
    {
      g_clear_pointer (&uri, g_uri_unref);
      with_scheme = g_strconcat ("https://", url, NULL);
      uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_PARSE_RELAXED, NULL);
    }
  if (uri == NULL)
    return NULL;

  query = g_uri_get_query (uri);
  if (query == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_CASE_INSENSITIVE | G_URI_PARAMS_WWW_FORM, NULL);
}

/**
 * tally_fbclid_from_fbc:
 * @fbc: an `_fbc` value, `fb.1.<milliseconds>.<fbclid>`
 *
 * Returns: (transfer full) (nullable): the fbclid in it
 */
char *
tally_fbclid_from_fbc (const char *fbc)
{
  g_auto(GStrv) parts = NULL;

  if (fbc == NULL || !g_str_has_prefix (fbc, "fb."))
    return NULL;

  parts = g_strsplit (fbc, ".", 5);
  if (g_strv_length (parts) < 4 || parts[3][0] == '\0')
    return NULL;

  return g_strdup (parts[3]);
}

/* Attribution settings ----------------------------------------------------- */

static const char * const click_words[] = { "click", "clic", "cliqu", "klick", NULL };
static const char * const view_words[] = { "view", "visualiza", "vista", "impress", NULL };
static const char * const engaged_words[] = { "engaged", "interac", "engaj", "activa", "ativa", NULL };

static gboolean
starts_with_any (const char         *text,
                 const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (text, words[i]))
      return TRUE;
  return FALSE;
}

/* The kind of event a clause speaks of: click, view or engaged view. */
static const char *
clause_kind (const char *clause)
{
  for (const char *p = clause; *p != '\0'; p++)
    if (starts_with_any (p, engaged_words))
      return "ev";
  for (const char *p = clause; *p != '\0'; p++)
    {
      if (starts_with_any (p, click_words))
        return "click";
      if (starts_with_any (p, view_words))
        return "view";
    }

  return NULL;
}

/* Splits "7-day click, 1-day view, or 1-day engaged-view" (and its
 * Spanish and Portuguese wordings) into one clause per window. */
static GStrv
split_clauses (const char *lower)
{
  static const char * const separators[] = { ", or ", ", o ", ", ou ", " or ", " o ", " ou ", " oder ", ",", "/", ";", NULL };
  g_autofree char *text = g_strdup (lower);

  for (guint i = 0; separators[i] != NULL; i++)
    {
      g_auto(GStrv) pieces = g_strsplit (text, separators[i], -1);

      g_free (text);
      text = g_strjoinv ("|", pieces);
    }

  return g_strsplit (text, "|", -1);
}

/**
 * tally_parse_attribution_setting:
 * @text: an attribution setting as an export words it: `7-day click or
 *   1-day view`, `Clic de 7 días o visualización de 1 día`, `7d_click_1d_view`
 *
 * Returns: (transfer full) (nullable): its code, windows in Meta's order
 *   (clicks, views, engaged views), such as `7d_click_1d_view`, or %NULL
 *   when @text names no window
 */
char *
tally_parse_attribution_setting (const char *text)
{
  static const char * const kinds[] = { "click", "view", "ev" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) clauses = NULL;
  g_autoptr(GString) code = g_string_new (NULL);
  GString *parts[3];

  if (text == NULL)
    return NULL;

  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);

  /* The API's own codes: 7d_click_1d_view. */
  if (strspn (lower, "0123456789abcdefghijklmnopqrstuvwxyz_") == strlen (lower))
    {
      g_auto(GStrv) tokens = g_strsplit (lower, "_", -1);

      clauses = g_new0 (char *, g_strv_length (tokens) / 2 + 1);
      for (guint i = 0; tokens[i] != NULL && tokens[i + 1] != NULL; i += 2)
        clauses[i / 2] = g_strconcat (tokens[i], " ", tokens[i + 1], NULL);
    }
  else
    clauses = split_clauses (lower);

  for (guint k = 0; k < 3; k++)
    parts[k] = g_string_new (NULL);

  for (guint i = 0; clauses[i] != NULL; i++)
    {
      const char *digits = clauses[i] + strcspn (clauses[i], "0123456789");
      const char *kind = clause_kind (clauses[i]);
      int days = (int) g_ascii_strtoll (digits, NULL, 10);

      for (guint k = 0; kind != NULL && days > 0 && days <= 90 && k < 3; k++)
        if (g_str_equal (kind, kinds[k]))
          g_string_append_printf (parts[k], "%s%dd_%s", parts[k]->len > 0 ? "_" : "", days, kind);
    }

  for (guint k = 0; k < 3; k++)
    {
      if (parts[k]->len > 0)
        g_string_append_printf (code, "%s%s", code->len > 0 ? "_" : "", parts[k]->str);
      g_string_free (parts[k], TRUE);
    }

  return code->len > 0 ? g_string_free (g_steal_pointer (&code), FALSE) : NULL;
}

/* Headers ------------------------------------------------------------------ */

/**
 * tally_normalize_header:
 * @header: a column header
 *
 * Returns: (transfer full): @header case-folded, trimmed, with every run of
 *   white space made one space, for matching against preset aliases
 */
char *
tally_normalize_header (const char *header)
{
  g_autofree char *nfc = g_utf8_normalize (header, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (nfc != NULL ? nfc : "", -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xFEFF)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Objects whose name CRM exports put before a field's: "Deal - Value",
 * "Person - Email", "Contact: Email", "Opportunity.Amount". */
static const char * const object_prefixes[] = {
  "deal", "person", "organization", "organisation", "contact", "company", "lead", "opportunity",
  "account", "product", "obchod", "osoba", "organizace", "negocio", "persona", "organizacion", NULL
};

/* Casefolded, without accents, and without the characters a spelling may
 * or may not have: white space, "_", "-" and "." (and with @punctuation,
 * every punctuation mark). Linear in the length of @text. */
static char *
fold_key (const char *text,
          gsize       length,
          gboolean    punctuation)
{
  g_autofree char *decomposed = g_utf8_normalize (text, (gssize) length, G_NORMALIZE_NFKD);
  g_autofree char *folded = g_utf8_casefold (decomposed != NULL ? decomposed : "", -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || g_unichar_isspace (c) || c == 0xFEFF || c == '_' || c == '-' || c == '.')
        continue;
      if (punctuation && (g_unichar_ispunct (c) || g_unichar_type (c) == G_UNICODE_MATH_SYMBOL))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Where the field's own name starts after an object prefix, or NULL. */
static const char *
after_object_prefix (const char *header)
{
  const char *p = header, *word;
  gsize length;

  while (g_ascii_isspace (*p))
    p++;
  word = p;
  while (*p != '\0' && !g_ascii_isspace (*p) && *p != '-' && *p != ':' && *p != '.')
    p = g_utf8_next_char (p);
  length = (gsize) (p - word);
  if (length == 0 || length > 16)
    return NULL;

  while (*p == ' ')
    p++;
  if (*p != '-' && *p != ':' && *p != '.')
    return NULL;
  p++;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return NULL;

  {
    g_autofree char *key = fold_key (word, length, TRUE);

    return g_strv_contains (object_prefixes, key) ? p : NULL;
  }
}

/**
 * tally_header_key:
 * @header: a column header, or a preset's spelling of one
 * @without_prefix: whether to leave out an object prefix such as "Deal - "
 *
 * The key two spellings of one column share: case, accents, spaces and
 * "_", "-", "." do not count, so "UTM Source", "utm_source" and
 * "Utm-Source" are one key. With @without_prefix, "Deal - utm_source"
 * and "Contact: UTM source" have that key too.
 *
 * Returns: (transfer full) (nullable): the key; %NULL when @without_prefix
 *   is set and @header has no object prefix
 */
char *
tally_header_key (const char *header,
                  gboolean    without_prefix)
{
  if (without_prefix)
    {
      const char *rest = after_object_prefix (header);

      return rest != NULL ? fold_key (rest, strlen (rest), FALSE) : NULL;
    }

  return fold_key (header, strlen (header), FALSE);
}

/**
 * tally_value_key:
 * @value: a value a list setting is compared with, such as a stage
 *
 * Returns: (transfer full): @value as tally_header_key() makes it, and
 *   without any punctuation: "Closed: won", "closed-won" and "ClosedWon"
 *   are one key
 */
char *
tally_value_key (const char *value)
{
  return fold_key (value, strlen (value), TRUE);
}
