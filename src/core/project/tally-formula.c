/* tally-formula.c: the arithmetic of custom KPIs
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A custom KPI's formula combines KPI ids and numbers with + - * / and
 * parentheses, such as "(revenue_net - spend) / new_customers". A division
 * by zero, or any undefined input, makes the result undefined (NAN), which
 * the report shows as "—", the same rule SPEC section 6 sets for ratios.
 */
#define G_LOG_DOMAIN "tally-formula"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-formula.h"

typedef struct
{
  const char          *text;
  const char          *p;
  TallyFormulaLookup   lookup;
  gpointer             user_data;
  GStrvBuilder        *identifiers;
  GError             **error;
  gboolean             failed;
  guint                depth;
} Parser;

#define MAX_DEPTH 64

static double parse_expression (Parser *parser);

static void
skip_spaces (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static double
fail (Parser     *parser,
      const char *reason)
{
  if (!parser->failed)
    {
      g_set_error (parser->error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The formula “%s” %s; a formula combines KPI ids and numbers with + - * / and parentheses, such as “revenue_net / spend”."),
                   parser->text, reason);
      parser->failed = TRUE;
    }

  return NAN;
}

static double
fail_at (Parser *parser)
{
  g_autofree char *reason = NULL;

  if (*parser->p == '\0')
    return fail (parser, _("ends too early"));

  reason = g_strdup_printf (_("has an unexpected “%.*s” at character %ld"),
                            (int) (g_utf8_next_char (parser->p) - parser->p), parser->p,
                            (long) g_utf8_pointer_to_offset (parser->text, parser->p) + 1);
  return fail (parser, reason);
}

static double
parse_number (Parser *parser)
{
  char *end = NULL;
  double value = g_ascii_strtod (parser->p, &end);

  if (end == parser->p)
    return fail_at (parser);

  parser->p = end;
  return value;
}

static double
parse_identifier (Parser *parser)
{
  const char *start = parser->p;
  g_autofree char *name = NULL;
  double value = 1.0;

  while (g_ascii_isalnum (*parser->p) || *parser->p == '_' || *parser->p == '.')
    parser->p++;

  name = g_strndup (start, parser->p - start);
  if (parser->identifiers != NULL)
    g_strv_builder_add (parser->identifiers, name);

  if (parser->lookup != NULL && !parser->lookup (name, &value, parser->user_data))
    {
      g_autofree char *reason = g_strdup_printf (_("names “%s”, which is not a KPI of this dictionary"), name);

      return fail (parser, reason);
    }

  return value;
}

static double
parse_primary (Parser *parser)
{
  double value;

  skip_spaces (parser);

  if (*parser->p == '(')
    {
      if (++parser->depth > MAX_DEPTH)
        return fail (parser, _("has too many nested parentheses"));

      parser->p++;
      value = parse_expression (parser);
      skip_spaces (parser);
      if (*parser->p != ')')
        return parser->failed ? NAN : fail (parser, _("has a “(” that is never closed"));
      parser->p++;
      parser->depth--;
      return value;
    }

  if (*parser->p == '-')
    {
      if (++parser->depth > MAX_DEPTH)
        return fail (parser, _("has too many signs in a row"));
      parser->p++;
      value = -parse_primary (parser);
      parser->depth--;
      return value;
    }

  if (g_ascii_isdigit (*parser->p) || *parser->p == '.')
    return parse_number (parser);

  if (g_ascii_isalpha (*parser->p) || *parser->p == '_')
    return parse_identifier (parser);

  return fail_at (parser);
}

static double
parse_term (Parser *parser)
{
  double value = parse_primary (parser);

  for (;;)
    {
      char op;
      double rhs;

      skip_spaces (parser);
      op = *parser->p;
      if (parser->failed || (op != '*' && op != '/'))
        return value;

      parser->p++;
      rhs = parse_primary (parser);
      if (op == '*')
        value = value * rhs;
      else
        value = rhs == 0.0 || isnan (rhs) ? NAN : value / rhs;
    }
}

static double
parse_expression (Parser *parser)
{
  double value = parse_term (parser);

  for (;;)
    {
      char op;
      double rhs;

      skip_spaces (parser);
      op = *parser->p;
      if (parser->failed || (op != '+' && op != '-'))
        return value;

      parser->p++;
      rhs = parse_term (parser);
      value = op == '+' ? value + rhs : value - rhs;
    }
}

static gboolean
run (Parser *parser,
     double *result)
{
  double value;

  skip_spaces (parser);
  if (*parser->p == '\0')
    {
      fail (parser, _("is empty"));
      return FALSE;
    }

  value = parse_expression (parser);
  skip_spaces (parser);
  if (!parser->failed && *parser->p != '\0')
    fail_at (parser);

  if (parser->failed)
    return FALSE;

  if (result != NULL)
    *result = isfinite (value) ? value : NAN;
  return TRUE;
}

/**
 * tally_formula_parse:
 * @formula: a formula
 * @identifiers: (out) (optional) (transfer full): the KPI ids it names,
 *   in order, with repeats
 * @error: return location for a #TallyError
 *
 * Checks that @formula is well formed.
 */
gboolean
tally_formula_parse (const char  *formula,
                     GStrv       *identifiers,
                     GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Parser parser = { formula, formula, NULL, NULL, builder, error, FALSE, 0 };

  g_return_val_if_fail (formula != NULL, FALSE);

  if (!run (&parser, NULL))
    return FALSE;

  if (identifiers != NULL)
    *identifiers = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * tally_formula_evaluate:
 * @formula: a formula
 * @lookup: gives the value of each KPI id
 * @user_data: data for @lookup
 * @result: (out): the value, NAN when undefined
 * @error: return location for a #TallyError
 *
 * Computes @formula. Undefined is not an error: a zero denominator gives NAN.
 */
gboolean
tally_formula_evaluate (const char          *formula,
                        TallyFormulaLookup   lookup,
                        gpointer             user_data,
                        double              *result,
                        GError             **error)
{
  Parser parser = { formula, formula, lookup, user_data, NULL, error, FALSE, 0 };

  g_return_val_if_fail (formula != NULL, FALSE);
  g_return_val_if_fail (lookup != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return run (&parser, result);
}
