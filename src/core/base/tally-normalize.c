/* tally-normalize.c: reading numbers (and header keys) as SPEC section 4 says
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

/* An exponent (after the "e" at @p) moves the point. */
static gboolean
apply_exponent (TallyNumber *number,
                const char  *p)
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

  if ((*p == 'e' || *p == 'E') && !apply_exponent (number, p))
    return FALSE;

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
