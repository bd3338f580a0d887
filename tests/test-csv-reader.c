/* test-csv-reader.c: reading text exports: encodings, delimiters, quoting
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number here is worked out by hand from the fixture above
 * it.
 */
#include "config.h"

#include <string.h>

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

static void
test_encodings (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { const char *name; const char *charset; const char *bom; gsize bom_length; } encodings[] = {
    { "utf8.csv", NULL, "", 0 },
    { "utf8-bom.csv", NULL, "\xEF\xBB\xBF", 3 },
    { "utf16le.csv", "UTF-16LE", "\xFF\xFE", 2 },
    { "utf16be.csv", "UTF-16BE", "\xFE\xFF", 2 },
    { "windows-1252.csv", "WINDOWS-1252", "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyImportResult) result = NULL;
      g_autofree char *path = NULL;
      g_autofree char *encoded = NULL;
      gsize length = strlen (deals_utf8);
      g_autofree char *undo_sql = NULL;

      if (encodings[i].charset != NULL)
        {
          encoded = g_convert (deals_utf8, -1, encodings[i].charset, "UTF-8", NULL, &length, &error);
          g_assert_no_error (error);
        }
      g_byte_array_append (bytes, (const guint8 *) encodings[i].bom, encodings[i].bom_length);
      g_byte_array_append (bytes, (const guint8 *) (encoded != NULL ? encoded : deals_utf8), length);

      path = write_fixture (fixture, encodings[i].name, (const char *) bytes->data, bytes->len);
      tally_import_file (fixture->project, path, NULL, NULL, NULL, NULL, &result, &error);
      g_assert_no_error (error);
      assert_deals_imported (fixture, result);

      /* Each import replaces the one before: same records. */
      g_assert_cmpuint (result->rows_replaced, ==, i == 0 ? 0 : 2);
      g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE replaced_by IS NULL"), ==, 2);
    }
}

static void
test_delimiters (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char semicolons[] =
    "Record ID;Deal Name;Deal Stage;Close Date;Amount;Pipeline;Create Date;UTM Campaign\n"
    "101;Mesa de comedor — Núñez;Closed Won;2026-08-14 10:00;1.234,50;Ventas;2026-08-01 09:00;campaña_otoño\n"
    "102;Silla;Closed Lost;2026-08-15 11:00;99,90;Ventas;2026-08-02 09:00;\n";
  static const char tabs[] =
    "Record ID\tDeal Name\tDeal Stage\tClose Date\tAmount\tPipeline\tCreate Date\tUTM Campaign\n"
    "101\tMesa de comedor, con sillas\tClosed Won\t2026-08-14 10:00\t1234.50\tVentas\t2026-08-01 09:00\tcampaña_otoño\n"
    "102\tSilla\tClosed Lost\t2026-08-15 11:00\t99.90\tVentas\t2026-08-02 09:00\t\n";
  g_autoptr(TallyImportResult) comma = import_text (fixture, "comma.csv", deals_utf8, NULL, -1);
  g_autoptr(TallyImportResult) semicolon = NULL;
  g_autoptr(TallyImportResult) tab = NULL;

  assert_deals_imported (fixture, comma);
  g_assert_nonnull (strstr (comma->reader, "comma-separated"));

  /* A semicolon file from a comma-decimal Excel: the decimal comma is
   * detected from "1.234,50". */
  semicolon = import_text (fixture, "semicolon.csv", semicolons, NULL, -1);
  assert_deals_imported (fixture, semicolon);
  g_assert_nonnull (strstr (semicolon->reader, "semicolon-separated"));
  g_assert_cmpint (semicolon->decimal, ==, TALLY_DECIMAL_COMMA);
  g_assert_true (semicolon->decimal_detected);

  tab = import_text (fixture, "tab.tsv", tabs, NULL, -1);
  assert_deals_imported (fixture, tab);
  g_assert_nonnull (strstr (tab->reader, "tab-separated"));
}

static void
test_quoted_newlines (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The first deal's name spans three lines; the bad amount of the second
   * deal is on line 5 of the file, and must be reported there. */
  static const char text[] =
    "Record ID,Deal Name,Deal Stage,Close Date,Amount\n"
    "201,\"Mesa\n\"\"grande\"\", de roble\nmacizo\",Closed Won,2026-08-14,1500\n"
    "202,Silla,Closed Won,2026-08-14,doce\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "quoted.csv", text, NULL, TALLY_ERROR_INVALID);
  TallyImportIssue *issue;

  g_assert_cmpuint (result->rows_read, ==, 2);
  g_assert_cmpuint (result->n_rejected, ==, 1);
  issue = g_ptr_array_index (result->issues, 0);
  g_assert_cmpuint (issue->line, ==, 5);
  g_assert_cmpstr (issue->column, ==, "Amount");
  g_assert_nonnull (strstr (issue->reason, "“doce”"));
  /* Nothing was written. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/csv-reader/encodings", test_encodings);
  ADD ("/tally/csv-reader/delimiters", test_delimiters);
  ADD ("/tally/csv-reader/quoted-newlines", test_quoted_newlines);
#undef ADD

  return g_test_run ();
}
