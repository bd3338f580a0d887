/* test-formula.c: the arithmetic of custom KPIs
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tally-core.h"

/* spend 1000, new_customers 4, revenue_net 3500, zero 0, undefined NAN */
static gboolean
lookup (const char *name,
        double     *value,
        gpointer    user_data)
{
  static const struct { const char *name; double value; } values[] = {
    { "spend", 1000 }, { "new_customers", 4 }, { "revenue_net", 3500 }, { "zero", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (name, values[i].name))
      {
        *value = values[i].value;
        return TRUE;
      }

  if (g_str_equal (name, "undefined"))
    {
      *value = NAN;
      return TRUE;
    }

  return FALSE;
}

static double
evaluate (const char *formula)
{
  g_autoptr(GError) error = NULL;
  double result = -12345;

  g_assert_true (tally_formula_evaluate (formula, lookup, NULL, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
test_evaluate (void)
{
  g_assert_cmpfloat (evaluate ("spend / new_customers"), ==, 250);
  g_assert_cmpfloat (evaluate ("(revenue_net - spend) / new_customers"), ==, 625);
  g_assert_cmpfloat (evaluate ("revenue_net - spend / new_customers"), ==, 3250);
  g_assert_cmpfloat (evaluate ("2 * 3 + 4"), ==, 10);
  g_assert_cmpfloat (evaluate ("2 * (3 + 4)"), ==, 14);
  g_assert_cmpfloat (evaluate ("-spend + 1.5"), ==, -998.5);
  g_assert_cmpfloat (evaluate ("10 - 4 - 3"), ==, 3);
  g_assert_cmpfloat (evaluate ("100 / 4 / 5"), ==, 5);
  g_assert_cmpfloat (evaluate ("  spend*new_customers  "), ==, 4000);
}

static void
test_undefined (void)
{
  /* A zero denominator is undefined, never 0 or infinity. */
  g_assert_true (isnan (evaluate ("spend / zero")));
  g_assert_true (isnan (evaluate ("spend / (new_customers - 4)")));
  g_assert_true (isnan (evaluate ("undefined + 1")));
  g_assert_true (isnan (evaluate ("spend / undefined")));
  g_assert_true (isnan (evaluate ("1 + spend / zero * 0")));
}

static void
test_parse_identifiers (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (tally_formula_parse ("(revenue_net - spend) / new_customers + spend", &names, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "revenue_net");
  g_assert_cmpstr (names[1], ==, "spend");
  g_assert_cmpstr (names[2], ==, "new_customers");
  g_assert_cmpstr (names[3], ==, "spend");
}

static void
test_errors (void)
{
  static const struct { const char *formula; const char *words; } cases[] = {
    { "", "is empty" },
    { "   ", "is empty" },
    { "spend /", "ends too early" },
    { "spend / (new_customers", "never closed" },
    { "spend new_customers", "unexpected “n” at character 7" },
    { "spend % 2", "unexpected “%” at character 7" },
    { "spend ÷ 2", "unexpected “÷” at character 7" },
    { "(spend))", "unexpected “)” at character 8" },
    { "spend / orders", "“orders”, which is not a KPI" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double result;

      g_assert_false (tally_formula_evaluate (cases[i].formula, lookup, NULL, &result, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      if (g_strrstr (error->message, cases[i].words) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", cases[i].formula, error->message, cases[i].words);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) formula = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Deep nesting is refused instead of exhausting the stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (formula, '(');
  g_string_append (formula, "1");

  g_assert_false (tally_formula_parse (formula->str, NULL, &error));
  g_assert_nonnull (g_strrstr (error->message, "too many nested parentheses"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/formula/evaluate", test_evaluate);
  g_test_add_func ("/tally/formula/undefined", test_undefined);
  g_test_add_func ("/tally/formula/identifiers", test_parse_identifiers);
  g_test_add_func ("/tally/formula/errors", test_errors);
  g_test_add_func ("/tally/formula/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
