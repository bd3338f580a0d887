/* test-format.c: numbers as people read them, in two locales
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suite runs in C.UTF-8, where amounts group with commas; a German
 * locale, compiled for the test, writes 1.234,56; files stay 1234.56.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "tally-core.h"
#include "tally-test-utils.h"

static void
assert_amount (double           minor,
               guint            decimals,
               TallyFormatFlags flags,
               const char      *expected)
{
  g_autofree char *text = tally_format_amount (minor, decimals, flags);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_ratio (double      value,
              guint       decimals,
              const char *expected)
{
  g_autofree char *text = tally_format_ratio (value, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_share (double      value,
              const char *expected)
{
  g_autofree char *text = tally_format_share (value);

  g_assert_cmpstr (text, ==, expected);
}

/* C.UTF-8: a point, and commas to group. */
static void
test_c_locale (void)
{
  assert_amount (123456, 2, TALLY_FORMAT_PLAIN, "1234.56");
  assert_amount (123456, 2, TALLY_FORMAT_GROUPED, "1,234.56");
  assert_amount (-123456, 2, TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS, "−1,234.56");
  assert_amount (-5, 2, TALLY_FORMAT_PLAIN, "-0.05");
  /* CLP has no minor unit; KWD has three. */
  assert_amount (1234567, 0, TALLY_FORMAT_GROUPED, "1,234,567");
  assert_amount (1234567, 3, TALLY_FORMAT_GROUPED, "1,234.567");
  /* Rounded once, half away from zero. */
  assert_amount (1234.5, 2, TALLY_FORMAT_PLAIN, "12.35");
  assert_amount (-1234.5, 2, TALLY_FORMAT_PLAIN, "-12.35");
  assert_amount (NAN, 2, TALLY_FORMAT_GROUPED, "—");

  assert_ratio (2.4, 2, "2.40");
  assert_ratio (0.125, 2, "0.13");
  assert_ratio (-1.6, 2, "-1.60");
  assert_ratio (-0.001, 2, "0.00");
  assert_ratio (INFINITY, 2, "—");
  assert_share (0.125, "12.5 %");
  assert_share (1.0 / 3.0, "33.3 %");
  assert_share (NAN, "—");
}

/* de_DE: a decimal comma, points to group; files keep the point. */
static void
test_german_locale (void)
{
  TallyTestLocale *german = tally_test_locale_enter ("de_DE", "de_DE.UTF-8");

  assert_amount (123456, 2, TALLY_FORMAT_PLAIN, "1234,56");
  assert_amount (123456789, 2, TALLY_FORMAT_GROUPED, "1.234.567,89");
  assert_amount (-123456, 2, TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS, "−1.234,56");
  assert_amount (1234567, 3, TALLY_FORMAT_GROUPED, "1.234,567");
  assert_amount (123456789, 2, TALLY_FORMAT_GROUPED | TALLY_FORMAT_ASCII, "1234567.89");
  assert_ratio (2.4, 2, "2,40");
  assert_share (0.125, "12,5 %");

  tally_test_locale_leave (german);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  setlocale (LC_ALL, "");

  g_test_add_func ("/tally/format/c-locale", test_c_locale);
  g_test_add_func ("/tally/format/german-locale", test_german_locale);
  return g_test_run ();
}
