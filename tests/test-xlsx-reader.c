/* test-xlsx-reader.c: reading Excel workbooks
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number here is worked out by hand from the fixture above
 * it.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

static void
add_zip_entry (struct archive *zip,
               const char     *name,
               const char     *contents)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (la_int64_t) strlen (contents));
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, contents, strlen (contents)), ==, (la_ssize_t) strlen (contents));
  archive_entry_free (entry);
}

/* A workbook as Ads Manager writes one: shared strings for text, numbers,
 * a day as a date serial with a date style, an ID as an inline string,
 * and the sheet before the strings in the zip. */
static char *
write_xlsx (Fixture *fixture)
{
  char *path = g_build_filename (fixture->dir, "Casa-Ads-Aug-14-2026.xlsx", NULL);
  struct archive *zip = archive_write_new ();

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  add_zip_entry (zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  add_zip_entry (zip, "xl/workbook.xml",
                 "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                 "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                 "<sheets><sheet name=\"Raw Data Report\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  add_zip_entry (zip, "xl/_rels/workbook.xml.rels",
                 "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                 "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  add_zip_entry (zip, "xl/worksheets/sheet1.xml",
                 "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
                 "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
                 "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>46248</v></c><c r=\"B2\" t=\"s\"><v>6</v></c>"
                 "<c r=\"C2\" t=\"inlineStr\"><is><t>120210553010480001</t></is></c><c r=\"D2\"><v>16.405</v></c>"
                 "<c r=\"E2\"><v>2491</v></c><c r=\"F2\"><v>31</v></c></row>"
                 "<row r=\"3\"/>"
                 "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>46249</v></c><c r=\"B4\" t=\"s\"><v>6</v></c>"
                 "<c r=\"C4\" t=\"inlineStr\"><is><t>120210553010480001</t></is></c><c r=\"D4\"><v>1234.5</v></c>"
                 "<c r=\"E4\"><v>1000</v></c></row>"
                 "</sheetData></worksheet>");
  add_zip_entry (zip, "xl/sharedStrings.xml",
                 "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                 "<si><t>Day</t></si><si><t>Campaign name</t></si><si><t>Campaign ID</t></si>"
                 "<si><r><t>Amount spent </t></r><r><t>(USD)</t></r></si><si><t>Impressions</t></si>"
                 "<si><t>Link clicks</t></si><si><t>CJ Prospecting Cocina</t></si></sst>");
  add_zip_entry (zip, "xl/styles.xml",
                 "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                 "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>");
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  return path;
}

static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_xlsx (fixture);
  g_autoptr(TallyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL, *currency = NULL, *campaign = NULL;

  g_assert_true (tally_import_file (fixture->project, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->preset_id, ==, "meta-ads-manager");
  g_assert_cmpstr (result->line_word, ==, "row");
  g_assert_cmpuint (result->rows_added, ==, 2);

  /* Serial 46248 is 2026-08-14; 16.405 USD rounds to 1641 cents (Meta's
   * micro amounts are rounded without a warning); the currency comes
   * from the header split across runs. */
  day = query_text (fixture, "SELECT min (date_start) FROM meta_rows");
  currency = query_text (fixture, "SELECT currency FROM meta_rows LIMIT 1");
  campaign = query_text (fixture, "SELECT campaign_id || ' ' || campaign_name FROM meta_rows LIMIT 1");
  g_assert_cmpstr (day, ==, "2026-08-14");
  g_assert_cmpstr (currency, ==, "USD");
  g_assert_cmpstr (campaign, ==, "120210553010480001 CJ Prospecting Cocina");
  g_assert_cmpint (query_int (fixture, "SELECT spend FROM meta_rows WHERE date_start = '2026-08-14'"), ==, 1641);
  g_assert_cmpint (query_int (fixture, "SELECT spend FROM meta_rows WHERE date_start = '2026-08-15'"), ==, 123450);
  g_assert_cmpint (query_int (fixture, "SELECT impressions FROM meta_rows WHERE date_start = '2026-08-14'"), ==, 2491);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM meta_rows WHERE link_clicks IS NULL"), ==, 1);
  /* USD in this MXN project with no rates: the warning names the header's row. */
  g_assert_cmpuint (result->issues->len, ==, 1);
  g_assert_cmpuint (((TallyImportIssue *) g_ptr_array_index (result->issues, 0))->line, ==, 1);
  g_assert_nonnull (strstr (((TallyImportIssue *) g_ptr_array_index (result->issues, 0))->reason, "no exchange rate"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/xlsx-reader/xlsx", test_xlsx);
#undef ADD

  return g_test_run ();
}
