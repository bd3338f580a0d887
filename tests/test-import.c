/* test-import.c: importing exports, with small hand-written fixtures
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number here is worked out by hand from the fixture above
 * it, or, for the public samples, from the sample file as the comment says.
 */
#include "config.h"

#include <string.h>

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-meta-totals.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

static void
test_decimal_comma_and_point (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char point[] =
    "Record ID,Deal Stage,Close Date,Amount\n301,Closed Won,2026-08-14,\"12,345.67\"\n302,Closed Won,2026-08-14,\"1,000\"\n";
  static const char comma[] =
    "Record ID;Deal Stage;Close Date;Amount\n401;Closed Won;2026-08-14;12.345,67\n402;Closed Won;2026-08-14;1.000\n";
  g_autoptr(TallyImportResult) a = import_text (fixture, "point.csv", point, NULL, -1);
  g_autoptr(TallyImportResult) b = import_text (fixture, "comma.csv", comma, NULL, -1);

  /* "1,000" alone would be a question; "12,345.67" settles the file. */
  g_assert_cmpint (a->decimal, ==, TALLY_DECIMAL_POINT);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '301'"), ==, 1234567);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '302'"), ==, 100000);
  g_assert_cmpint (b->decimal, ==, TALLY_DECIMAL_COMMA);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '401'"), ==, 1234567);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '402'"), ==, 100000);
}

static void
test_minor_units (Fixture       *fixture,
                  gconstpointer  data)
{
  /* CLP has no decimals: 15990.5 rounds half away from zero to 15991 and
   * is reported. KWD has three: 12.345 is 12345 fils, 1.5 is 1500. */
  static const char text[] =
    "Record ID,Deal Stage,Close Date,Amount,Currency\n"
    "501,Closed Won,2026-08-14,15990,CLP\n"
    "502,Closed Won,2026-08-14,15990.5,CLP\n"
    "503,Closed Won,2026-08-14,12.345,KWD\n"
    "504,Closed Won,2026-08-14,1.5,KWD\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "minor.csv", text, NULL, -1);
  TallyImportIssue *warning;

  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '501'"), ==, 15990);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '502'"), ==, 15991);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '503'"), ==, 12345);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '504'"), ==, 1500);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE currency = 'KWD'"), ==, 2);

  g_assert_cmpuint (result->issues->len, ==, 1);
  warning = g_ptr_array_index (result->issues, 0);
  g_assert_cmpint (warning->severity, ==, TALLY_ISSUE_WARNING);
  g_assert_cmpuint (warning->line, ==, 3);
  g_assert_nonnull (strstr (warning->reason, "CLP"));
}

static void
test_ambiguous_numbers (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char text[] =
    "Record ID,Deal Stage,Close Date,Amount\n601,Closed Won,2026-08-14,\"1,234\"\n602,Closed Won,2026-08-14,\"2,500\"\n";
  TallyImportOptions point = { .decimal = TALLY_DECIMAL_POINT };
  TallyImportOptions comma = { .decimal = TALLY_DECIMAL_COMMA };
  g_autoptr(TallyImportResult) asked = import_text (fixture, "ambiguous.csv", text, NULL, TALLY_ERROR_QUESTION);
  g_autoptr(TallyImportResult) as_point = NULL;
  g_autoptr(TallyImportResult) as_comma = NULL;

  g_assert_cmpint (asked->question, ==, TALLY_QUESTION_DECIMAL);
  g_assert_cmpstr (asked->question_column, ==, "Amount");
  g_assert_cmpstr (asked->question_example, ==, "1,234");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);

  /* Answered: 1,234 is 1234.00 with a decimal point… */
  as_point = import_text (fixture, "ambiguous.csv", text, &point, -1);
  g_assert_false (as_point->decimal_detected);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '601' AND replaced_by IS NULL"), ==, 123400);

  /* …and 1.234 with a decimal comma: 123.4 cents, rounded to 123. */
  tally_batches_undo (fixture->project, as_point->batch_id, NULL);
  as_comma = import_text (fixture, "ambiguous.csv", text, &comma, -1);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '601' AND replaced_by IS NULL"), ==, 123);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '602' AND replaced_by IS NULL"), ==, 250);
}

static void
test_date_order (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char open_question[] =
    "Record ID,Deal Stage,Close Date,Amount\n701,Closed Won,3/4/2026,10\n702,Closed Won,5/6/2026,10\n";
  static const char settled[] =
    "Record ID,Deal Stage,Close Date,Amount\n701,Closed Won,3/4/2026,10\n702,Closed Won,5/6/2026,10\n703,Closed Won,13/4/2026,10\n";
  TallyImportOptions mdy = { .date_order = TALLY_DATE_ORDER_MDY };
  g_autoptr(TallyImportResult) asked = import_text (fixture, "dates.csv", open_question, NULL, TALLY_ERROR_QUESTION);
  g_autoptr(TallyImportResult) answered = NULL;
  g_autoptr(TallyImportResult) detected = NULL;
  g_autofree char *april = NULL, *march = NULL;

  g_assert_cmpint (asked->question, ==, TALLY_QUESTION_DATE_ORDER);
  g_assert_cmpstr (asked->question_column, ==, "Close Date");
  g_assert_cmpstr (asked->question_example, ==, "3/4/2026");

  /* Answered month-first, 3/4 is the 4th of March. */
  answered = import_text (fixture, "dates.csv", open_question, &mdy, -1);
  march = query_text (fixture, "SELECT won_at FROM crm_records WHERE record_id = '701' AND replaced_by IS NULL");
  g_assert_cmpstr (march, ==, "2026-03-04");

  /* 13/4 can only be day-first, which settles the file: 3/4 is 3 April. */
  detected = import_text (fixture, "dates-settled.csv", settled, NULL, -1);
  g_assert_cmpint (detected->date_order, ==, TALLY_DATE_ORDER_DMY);
  g_assert_true (detected->date_order_detected);
  april = query_text (fixture, "SELECT won_at FROM crm_records WHERE record_id = '701' AND replaced_by IS NULL");
  g_assert_cmpstr (april, ==, "2026-04-03");
}

static void
test_timestamps (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Naive times are kept for crm_timezone to place; times with an offset
   * are instants, stored in UTC, here both across midnight. */
  static const char text[] =
    "Record ID,Deal Stage,Create Date,Close Date,Amount\n"
    "801,Closed Won,2026-08-14 23:30,2026-08-14T23:30:00-06:00,10\n"
    "802,Closed Won,2026-08-14,2026-08-15T01:00:00+02:00,10\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "times.csv", text, NULL, -1);
  g_autofree char *created = query_text (fixture, "SELECT created_at FROM crm_records WHERE record_id = '801'");
  g_autofree char *won = query_text (fixture, "SELECT won_at FROM crm_records WHERE record_id = '801'");
  g_autofree char *day = query_text (fixture, "SELECT created_at FROM crm_records WHERE record_id = '802'");
  g_autofree char *back = query_text (fixture, "SELECT won_at FROM crm_records WHERE record_id = '802'");

  g_assert_cmpstr (created, ==, "2026-08-14T23:30:00");
  g_assert_cmpstr (won, ==, "2026-08-15T05:30:00Z");
  g_assert_cmpstr (day, ==, "2026-08-14");
  g_assert_cmpstr (back, ==, "2026-08-14T23:00:00Z");
}

static void
test_hashing (Fixture       *fixture,
              gconstpointer  data)
{
  static const char text[] =
    "Record ID,First Name,Last Name,Email,Phone Number,Create Date,Lifecycle Stage\n"
    "9001,John,Smith,  John_Smith@gmail.com ,(650)555-1212,2026-08-01,lead\n"
    "9002,Ana,López,ana@,12,2026-08-01,lead\n";
  g_autofree char *email = NULL, *phone = NULL, *raw = NULL, *contact = NULL;
  g_autoptr(TallyImportResult) result = NULL;
  g_autoptr(TallyImportResult) kept = NULL;

  g_assert_true (tally_setting_save (fixture->project, "default_country_code", "1", NULL));
  result = import_text (fixture, "contacts.csv", text, NULL, -1);
  g_assert_cmpstr (result->preset_id, ==, "hubspot-contacts");

  /* Meta's own examples: the hashes match what the Conversions API gets. */
  /* Hashes are kept as their 32 bytes since schema 5. */
  email = query_text (fixture, "SELECT lower (hex (email_sha256)) FROM crm_records WHERE record_id = '9001'");
  phone = query_text (fixture, "SELECT lower (hex (phone_sha256)) FROM crm_records WHERE record_id = '9001'");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE typeof (email_sha256) = 'blob' "
                                       "AND length (email_sha256) = 32 AND length (phone_sha256) = 32"), ==, 1);
  raw = query_text (fixture, "SELECT coalesce (email, phone) FROM crm_records WHERE record_id = '9001'");
  contact = query_text (fixture, "SELECT contact_id FROM crm_records WHERE record_id = '9001'");
  g_assert_cmpstr (email, ==, "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
  g_assert_cmpstr (phone, ==, "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
  g_assert_null (raw);
  g_assert_cmpstr (contact, ==, "hubspot:contacts:9001");

  /* What is not an address or a number is left out, with a warning. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE record_id = '9002' "
                                       "AND email_sha256 IS NULL AND phone_sha256 IS NULL"), ==, 1);
  g_assert_cmpuint (result->issues->len, ==, 2);

  /* Raw values only when the project says so. */
  tally_batches_undo (fixture->project, result->batch_id, NULL);
  g_assert_true (tally_setting_save (fixture->project, "store_raw_pii", "true", NULL));
  kept = import_text (fixture, "contacts.csv", text, NULL, -1);
  g_free (raw);
  raw = query_text (fixture, "SELECT email || ' ' || phone FROM crm_records WHERE record_id = '9001' AND replaced_by IS NULL");
  g_assert_cmpstr (raw, ==, "john_smith@gmail.com 16505551212");
}

static void
test_landing_url (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char text[] =
    "Record ID,Email,Create Date,Original Source,Original Source Drill-Down 1,First Page Seen,UTM Campaign\n"
    "9101,a@example.com,2026-08-01,Paid social,Facebook,"
    "https://shop.example.mx/cocina?utm_source=facebook&utm_medium=paid_social&utm_campaign=cj_cocina&fbclid=IwAR2F4-dbP0l7Mn1Iaw,\n"
    "9102,b@example.com,2026-08-01,Paid social,Instagram,https://shop.example.mx/?fbclid=AbCdEf,\n"
    "9103,c@example.com,2026-08-01,Paid social,Facebook,https://shop.example.mx/?utm_campaign=from_url,from_column\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "contacts.csv", text, NULL, -1);
  g_autofree char *source = query_text (fixture, "SELECT utm_source FROM crm_records WHERE record_id = '9101'");
  g_autofree char *campaign = query_text (fixture, "SELECT utm_campaign FROM crm_records WHERE record_id = '9101'");
  g_autofree char *fbclid = query_text (fixture, "SELECT fbclid FROM crm_records WHERE record_id = '9101'");
  g_autofree char *stripped = query_text (fixture, "SELECT coalesce (utm_source, 'none') || ' ' || fbclid FROM crm_records WHERE record_id = '9102'");
  g_autofree char *column = query_text (fixture, "SELECT utm_campaign FROM crm_records WHERE record_id = '9103'");
  g_autofree char *detail = query_text (fixture, "SELECT crm_source || '/' || crm_source_detail FROM crm_records WHERE record_id = '9102'");

  g_assert_cmpstr (source, ==, "facebook");
  g_assert_cmpstr (campaign, ==, "cj_cocina");
  g_assert_cmpstr (fbclid, ==, "IwAR2F4-dbP0l7Mn1Iaw");
  g_assert_cmpstr (stripped, ==, "none AbCdEf");
  g_assert_cmpstr (column, ==, "from_column");
  g_assert_cmpstr (detail, ==, "Paid social/Instagram");
}

/* The rows are written in blocks of 512, 16 rows a statement, and a
 * statement keeps what was bound from one step to the next: a value one
 * row has and the row after it in its place lacks must not carry over,
 * within a block or across one. */
static void
test_values_do_not_carry_over (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Record ID,Email,Phone,Create Date,Deal Stage,Amount,Currency,utm_source\n");
  g_autoptr(TallyImportResult) result = NULL;

  /* Three ids with a phone, a stage, an amount and a source, then three
   * without, and so on: a period of 6, so that each of a statement's 16
   * places sees both. Of 1030 ids, 171 periods (1026 ids) and 1027–1029
   * have values: 171 × 3 + 3 = 516; the other 514 have none. */
  for (guint id = 1; id <= 1030; id++)
    if ((id - 1) / 3 % 2 == 0)
      g_string_append_printf (text, "%u,u%u@example.com,+52 55 1234 %04u,2026-08-01,Closed Won,10.00,MXN,src%u\n",
                              id, id, id, id % 7);
    else
      g_string_append_printf (text, "%u,u%u@example.com,,2026-08-01,,,,\n", id, id);

  result = import_text (fixture, "deals.csv", text->str, NULL, -1);
  g_assert_cmpuint (result->rows_added, ==, 1030);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE phone_sha256 IS NULL"), ==, 514);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE stage IS NULL AND utm_source IS NULL "
                                       "AND currency IS NULL AND amount IS NULL AND (CAST (record_id AS INTEGER) - 1) / 3 % 2 = 1"),
                   ==, 514);
  /* 516 amounts of 10.00 MXN, in centavos. */
  g_assert_cmpint (query_int (fixture, "SELECT sum(amount) FROM crm_records"), ==, 516 * 1000);
  /* src3: the ids ≡ 3 (mod 7) that are ≡ 1, 2 or 3 (mod 6), 3 of every
   * 42: 72 up to 1008; of 1011, 1018 and 1025, only 1011 (≡ 3 mod 6). */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE utm_source = 'src3'"), ==, 73);
}

static void
test_rejected_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] =
    "Record ID,Deal Stage,Close Date,Amount\n"
    "901,Closed Won,2026-08-01,100\n"
    "902,Closed Won,2026-08-02,cien\n"
    ",Closed Won,2026-08-03,300\n"
    "904,Closed Won,2026-13-45,400\n"
    "901,Closed Won,2026-08-05,500\n"
    "906,Closed Won,2026-08-06,600\n";
  TallyImportOptions dry = { .dry_run = TRUE };
  TallyImportOptions skip = { .skip_invalid = TRUE };
  g_autoptr(TallyImportResult) refused = import_text (fixture, "bad.csv", text, NULL, TALLY_ERROR_INVALID);
  g_autoptr(TallyImportResult) dry_run = NULL;
  g_autoptr(TallyImportResult) skipped = NULL;
  static const guint64 lines[] = { 3, 4, 5, 6 };
  static const char * const columns[] = { "Amount", "Record ID", "Close Date", "" };

  /* Every rejected row, with its line, column and reason; nothing written. */
  g_assert_cmpuint (refused->n_rejected, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (refused->issues, i);

      g_assert_cmpint (issue->severity, ==, TALLY_ISSUE_REJECTED);
      g_assert_cmpuint (issue->line, ==, lines[i]);
      g_assert_cmpstr (issue->column, ==, columns[i]);
    }
  g_assert_nonnull (strstr (((TallyImportIssue *) g_ptr_array_index (refused->issues, 3))->reason, "line 2"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);

  /* A dry run says the same, fails as the import would, and writes nothing either. */
  dry_run = import_text (fixture, "bad.csv", text, &dry, TALLY_ERROR_INVALID);
  g_assert_cmpuint (dry_run->n_rejected, ==, 4);
  g_assert_cmpuint (dry_run->rows_added, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);

  /* Skipped, they are recorded with the batch. */
  skipped = import_text (fixture, "bad.csv", text, &skip, -1);
  g_assert_cmpuint (skipped->rows_added, ==, 2);
  g_assert_cmpuint (skipped->rows_skipped, ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT rows_skipped FROM import_batches"), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_issues WHERE severity = 'rejected'"), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT line FROM import_issues WHERE column_name = 'Amount'"), ==, 3);
  g_assert_cmpint (active_amount (fixture, "901"), ==, 10000);
}

static void
test_empty_files (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TallyImportResult) header_only = import_text (fixture, "header.csv", "Record ID,Deal Stage,Close Date,Amount\n", NULL, TALLY_ERROR_INVALID);
  g_autoptr(TallyImportResult) empty = import_text (fixture, "empty.csv", "", NULL, TALLY_ERROR_INVALID);
  g_autoptr(TallyImportResult) unknown = import_text (fixture, "unknown.csv", "Colour,Size\nred,10\n", NULL, TALLY_ERROR_INVALID);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);
}

static const TallyImportIssue *
find_warning (const TallyImportResult *result,
              const char              *fragment)
{
  for (guint i = 0; i < result->issues->len; i++)
    {
      const TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->severity == TALLY_ISSUE_WARNING && strstr (issue->reason, fragment) != NULL)
        return issue;
    }
  return NULL;
}

/* Stages of a CRM in Spanish: none is a customer stage by default, and the
 * import says which it saw, the commonest first; once the setting names
 * one ("Closed: won"-style punctuation and case do not matter), it is
 * quiet. */
static void
test_stages_seen (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char deals[] =
    "Record ID,Deal Stage,Create Date,Close Date,Amount\n"
    "1,Perdido,2026-08-01,2026-08-03,100\n"
    "2,Ganado,2026-08-01,2026-08-04,200\n"
    "3,Perdido,2026-08-02,2026-08-05,300\n"
    "4,Abierto,2026-08-02,,400\n";
  static const char again[] =
    "Record ID,Deal Stage,Create Date,Close Date,Amount\n"
    "2,GANADO:,2026-08-01,2026-08-04,200\n";
  g_autoptr(TallyImportResult) first = import_text (fixture, "deals.csv", deals, NULL, -1);
  g_autoptr(TallyImportResult) second = NULL;
  const TallyImportIssue *issue = find_warning (first, "none of its stages");

  g_assert_nonnull (issue);
  g_assert_nonnull (strstr (issue->reason, "(“Perdido”, “Abierto”, “Ganado”)"));
  g_assert_nonnull (strstr (issue->reason, "customer_stages"));

  g_assert_true (tally_setting_save (fixture->project, "customer_stages", "closedwon, ganado", NULL));
  second = import_text (fixture, "again.csv", again, NULL, -1);
  g_assert_null (find_warning (second, "none of its stages"));
}

/* Presets ------------------------------------------------------------------ */

static void
test_meta_spanish (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Spanish headers, spend in the header's currency, a summary row,
   * and the 1-day-click window kept per row. */
  static const char text[] =
    "Inicio del informe,Fin del informe,Nombre de la campaña,Identificador de la campaña,Nombre del anuncio,"
    "Configuración de atribución,Importe gastado (MXN),Impresiones,Alcance,Clics en el enlace,Clientes potenciales\n"
    "2026-08-01,2026-08-31,,,,,\"5,000.00\",90000,70000,900,\n"
    "2026-08-14,2026-08-14,CJ Leads,120210553010480003,Asesoría,Clic de 1 día,1250.50,40000,30000,400,36\n"
    "2026-08-14,2026-08-14,CJ Cocina,120210553010480001,Video,Clic de 7 días o visualización de 1 día,3749.50,50000,40000,500,\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "es.csv", text, NULL, -1);
  g_autofree char *window = query_text (fixture, "SELECT attribution_window FROM meta_rows WHERE campaign_name = 'CJ Leads'");
  g_autofree char *standard = query_text (fixture, "SELECT attribution_window FROM meta_rows WHERE campaign_name = 'CJ Cocina'");

  g_assert_cmpstr (result->preset_id, ==, "meta-ads-manager");
  g_assert_cmpuint (result->rows_added, ==, 2);
  g_assert_cmpuint (result->rows_ignored, ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows WHERE currency = 'MXN'"), ==, 500000);
  g_assert_cmpint (query_int (fixture, "SELECT leads FROM meta_rows WHERE campaign_name = 'CJ Leads'"), ==, 36);
  g_assert_cmpstr (window, ==, "1d_click");
  g_assert_cmpstr (standard, ==, "7d_click_1d_view");
}

static void
test_meta_windows (Fixture       *fixture,
                   gconstpointer  data)
{
  /* One purchase type counts (omni_purchase first), never their sum; the
   * per-window values are kept beside it. */
  static const char text[] =
    "{\"data\": [{\"account_id\": \"1\", \"campaign_id\": \"7\", \"ad_id\": \"9\", \"account_currency\": \"USD\","
    " \"date_start\": \"2026-08-14\", \"date_stop\": \"2026-08-14\", \"spend\": \"100.10\", \"impressions\": \"5000\","
    " \"actions\": ["
    "  {\"action_type\": \"purchase\", \"value\": \"6\", \"7d_click\": \"5\", \"1d_view\": \"1\"},"
    "  {\"action_type\": \"omni_purchase\", \"value\": \"7\", \"1d_click\": \"4\", \"7d_click\": \"5\", \"28d_click\": \"6\", \"1d_view\": \"2\"},"
    "  {\"action_type\": \"link_click\", \"value\": \"80\"},"
    "  {\"action_type\": \"landing_page_view\", \"value\": \"70\"}],"
    " \"action_values\": ["
    "  {\"action_type\": \"omni_purchase\", \"value\": \"350.00\", \"7d_click\": \"250.00\", \"1d_view\": \"100.00\"}]}],"
    " \"paging\": {\"cursors\": {\"before\": \"A\", \"after\": \"B\"}}}";
  g_autoptr(TallyImportResult) result = import_text (fixture, "insights.json", text, NULL, -1);

  g_assert_cmpstr (result->preset_id, ==, "meta-insights-json");
  g_assert_cmpstr (result->line_word, ==, "entry");
  g_assert_cmpint (query_int (fixture, "SELECT purchases FROM meta_rows"), ==, 7);
  g_assert_cmpint (query_int (fixture, "SELECT purchases_1d_click + purchases_7d_click * 10 + purchases_28d_click * 100 "
                                       "+ purchases_1d_view * 1000 FROM meta_rows"), ==, 4 + 50 + 600 + 2000);
  g_assert_cmpint (query_int (fixture, "SELECT purchase_value FROM meta_rows"), ==, 35000);
  g_assert_cmpint (query_int (fixture, "SELECT value_7d_click + value_1d_view FROM meta_rows"), ==, 35000);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM meta_rows WHERE value_1d_click IS NULL"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT link_clicks + landing_page_views FROM meta_rows"), ==, 150);
  g_assert_cmpint (query_int (fixture, "SELECT spend FROM meta_rows"), ==, 10010);
}

static void
test_other_presets (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *name; const char *text; const char *preset; guint rows; } cases[] = {
    { "sf-opps.csv",
      "\"Opportunity Name\",\"Account Name\",\"Opportunity ID\",\"Stage\",\"Close Date\",\"Amount\",\"Created Date\",\"Lead Source\",\"Probability (%)\"\n"
      "\"Big deal\",\"Acme\",\"0065g00000AbCdE\",\"Closed Won\",\"2026-08-14\",\"12400.00\",\"2026-08-01\",\"Facebook\",\"100\"\n"
      "\"\"\n\"Grand Totals (1 records)\"\n\"\"\n\"Confidential Information - Do Not Distribute\"\n"
      "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n"
      "\"Generated By:  Ana Ruiz  14/08/2026 10:02\"\n",
      "salesforce-opportunities", 1 },
    { "sf-leads.csv",
      "\"Lead ID\",\"First Name\",\"Last Name\",\"Company / Account\",\"Email\",\"Lead Status\",\"Lead Source\",\"Created Date\"\n"
      "\"00Q5g00000XyZ\",\"Ana\",\"Ruiz\",\"Ruiz SA\",\"ana@example.com\",\"Open\",\"Facebook\",\"2026-08-01\"\n",
      "salesforce-leads", 1 },
    { "pipedrive.csv",
      "Deal - ID,Deal - Title,Deal - Value,Deal - Currency of value,Deal - Status,Deal - Won time,Deal - Creation date,Deal - Pipeline\n"
      "17,Sofá,8900,MXN,Won,2026-08-14 10:00:00,2026-08-01 09:00:00,Ventas\n18,Lámpara,1200,MXN,Lost,,2026-08-02 09:00:00,Ventas\n",
      "pipedrive-deals", 2 },
    { "ga4.csv",
      "# ----------------------------------------\n# Traffic acquisition\n#\nDate,Session source,Session medium,Session campaign,Sessions,Engaged sessions\n"
      "20260814,facebook,paid_social,cj_cocina,120,70\n20260814,google,organic,(organic),200,130\n",
      "ga4-sessions", 2 },
    { "rates.csv", "date,currency,rate,base\n2026-08-14,MXN,21.4420,EUR\n2026-08-14,USD,1.1736,EUR\n", "fx-rates-csv", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TallyImportResult) result = import_text (fixture, cases[i].name, cases[i].text, NULL, -1);

      g_assert_cmpstr (result->preset_id, ==, cases[i].preset);
      g_assert_cmpfloat (result->confidence, >=, 0.5);
      g_assert_cmpuint (result->rows_added, ==, cases[i].rows);
    }

  /* The Salesforce footer is not data. */
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE origin = 'salesforce:opportunities'"), ==, 1240000);
  g_assert_cmpint (query_int (fixture, "SELECT sessions FROM web_sessions WHERE source = 'facebook'"), ==, 120);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM crm_records WHERE origin = 'pipedrive:deals' AND currency = 'MXN'"), ==, 2);
}

static void
test_mapping (Fixture       *fixture,
              gconstpointer  data)
{
  static const char text[] =
    "Pedido,Cliente,Correo,Total,Fecha de pago,Estado\nA-1,Rosa,rosa@example.com,850.00,2026-08-14,pagado\n";
  static const char mapping_json[] =
    "{\"preset\": \"generic\", \"target\": \"crm\", \"origin\": \"tienda:pedidos\", \"kind\": \"order\","
    " \"columns\": {\"Pedido\": \"record_id\", \"Correo\": \"email\", \"Total\": \"amount\", \"Fecha de pago\": \"won_at\","
    " \"Estado\": \"stage\", \"Cliente\": null}}";
  g_autoptr(JsonNode) mapping = json_from_string (mapping_json, NULL);
  TallyImportOptions with_mapping = { .mapping = mapping };
  g_autoptr(TallyImportResult) unknown = import_text (fixture, "pedidos.csv", text, NULL, TALLY_ERROR_INVALID);
  g_autoptr(TallyImportResult) mapped = import_text (fixture, "pedidos.csv", text, &with_mapping, -1);
  g_autoptr(TallyImportResult) reused = NULL;
  g_autofree char *origin = query_text (fixture, "SELECT origin || ' ' || kind || ' ' || stage FROM crm_records");

  g_assert_cmpstr (mapped->preset_id, ==, "generic");
  g_assert_cmpstr (origin, ==, "tienda:pedidos order pagado");
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM mappings"), ==, 1);

  /* The next file with the same header is mapped the same way. */
  reused = import_text (fixture, "pedidos-septiembre.csv",
                        "Pedido,Cliente,Correo,Total,Fecha de pago,Estado\nA-2,Luz,luz@example.com,120.00,2026-09-01,pagado\n",
                        NULL, -1);
  g_assert_true (reused->mapping_reused);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = 'A-2'"), ==, 12000);
}

/* What the import wizard shows before importing: the first rows, and the
 * mapping the import would use, including one made by hand earlier. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  static const char orders[] = "Pedido,Cliente,Total\nA-1,Rosa,850.00\nA-2,Luz,120.00\nA-3,Sol,10.00\n";
  g_autofree char *deals = write_fixture (fixture, "deals.csv", deals_utf8, -1);
  g_autofree char *unknown = write_fixture (fixture, "pedidos.csv", orders, -1);
  g_autofree char *json = write_fixture (fixture, "insights.json", "{\"data\": []}", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autoptr(TallyImportPreview) preview = NULL;
  g_autoptr(TallyImportPreview) by_hand = NULL;
  g_autoptr(TallyImportPreview) remembered = NULL;
  g_autoptr(TallyImportPreview) api = NULL;
  g_autoptr(TallyImportResult) imported = NULL;
  g_autoptr(JsonNode) mapping = NULL;
  g_autoptr(GError) error = NULL;
  TallyImportOptions options = { 0 };

  preview = tally_import_preview (fixture->project, deals, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->format, ==, TALLY_IMPORT_FORMAT_TABLE);
  g_assert_cmpuint (g_strv_length (preview->headers), ==, 8);
  g_assert_cmpuint (preview->rows->len, ==, 1);
  g_assert_cmpstr (((GStrv) preview->rows->pdata[0])[0], ==, "101");
  g_assert_cmpstr (tally_preset_get_id (preview->mapping->preset), ==, "hubspot-deals");
  g_assert_false (preview->mapping_saved);
  g_assert_cmpstr (preview->reader, ==, "UTF-8, comma-separated");

  /* Unrecognized: no mapping, and the reason. */
  by_hand = tally_import_preview (fixture->project, unknown, 10, &error);
  g_assert_no_error (error);
  g_assert_null (by_hand->mapping);
  g_assert_nonnull (strstr (by_hand->detect_problem, "pedidos.csv"));
  g_assert_cmpuint (by_hand->rows->len, ==, 3);

  /* Mapped by hand and imported, the header is recognized next time. */
  by_hand->mapping = tally_mapping_for_preset (tally_preset_lookup ("generic"),
                                               (const char * const *) by_hand->headers, 3);
  g_assert_true (tally_mapping_set_column (by_hand->mapping, 0, "record_id"));
  g_assert_true (tally_mapping_set_column (by_hand->mapping, 2, "amount"));
  g_assert_false (tally_mapping_set_column (by_hand->mapping, 1, "spend"));
  mapping = tally_mapping_to_json (by_hand->mapping);
  options.mapping = mapping;
  g_assert_true (tally_import_file (fixture->project, unknown, &options, NULL, NULL, NULL, &imported, &error));
  g_assert_no_error (error);
  remembered = tally_import_preview (fixture->project, unknown, 10, &error);
  g_assert_true (remembered->mapping_saved);
  g_assert_cmpint (remembered->mapping->column_fields[2], ==, tally_fields_find (TALLY_TARGET_CRM, "amount"));
  g_assert_cmpint (remembered->mapping->column_fields[1], <, 0);

  api = tally_import_preview (fixture->project, json, 10, &error);
  g_assert_cmpint (api->format, ==, TALLY_IMPORT_FORMAT_JSON);
  g_assert_cmpstr (api->preset_id, ==, "meta-insights-json");
  g_assert_null (api->headers);

  g_assert_null (tally_import_preview (fixture->project, missing, 10, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
}

/* Several imports as one change: saved together, or not at all. */
static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *first = write_fixture (fixture, "a.csv", "Record ID,Deal Stage,Close Date,Amount\n1,Closed Won,2026-08-01,10\n", -1);
  g_autofree char *second = write_fixture (fixture, "b.csv", "Record ID,Deal Stage,Close Date,Amount\n2,Closed Won,2026-08-02,20\n", -1);
  g_autofree char *bad = write_fixture (fixture, "c.csv", "Record ID,Deal Stage,Close Date,Amount\n3,Closed Won,2026-08-03,diez\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyImportResult) rejected = NULL;

  /* Discarded: nothing of either file stays. */
  g_assert_true (tally_project_begin_changes (fixture->project, &error));
  g_assert_true (tally_import_file (fixture->project, first, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (tally_import_file (fixture->project, second, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM crm_records"), ==, 2);
  tally_project_discard_changes (fixture->project);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM crm_records"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM import_batches"), ==, 0);

  /* A file that fails inside the change leaves the others in it. */
  g_assert_true (tally_project_begin_changes (fixture->project, &error));
  g_assert_true (tally_import_file (fixture->project, first, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_false (tally_import_file (fixture->project, bad, NULL, NULL, NULL, NULL, &rejected, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (rejected->n_rejected, ==, 1);
  g_assert_true (tally_import_file (fixture->project, second, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (tally_project_commit_changes (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM crm_records"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM import_batches"), ==, 2);
}

/* The public samples ------------------------------------------------------- */

static char *
sample_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "samples", relative, NULL);
}

static TallyImportResult *
import_sample (Fixture    *fixture,
               const char *relative)
{
  g_autofree char *path = sample_path (relative);
  g_autoptr(GError) error = NULL;
  TallyImportResult *result = NULL;

  g_assert_true (tally_import_file (fixture->project, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
test_sample_meta_csv (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TallyImportResult) result = import_sample (fixture, "meta-8urt/Le-Mauricien-LTD-Ad-sets-Jun-10-2025-Jul-9-2025.csv");
  g_autoptr(GPtrArray) totals = tally_meta_totals (fixture->project, NULL);
  gint64 impressions = 0, clicks = 0;
  TallyMetaTotal *day = NULL;

  g_assert_cmpstr (result->preset_id, ==, "meta-ads-manager");
  g_assert_cmpuint (result->rows_added, ==, 144);

  /* One ad set over 8 days, broken down by 6 ages and 3 genders. */
  g_assert_cmpuint (totals->len, ==, 8);
  for (guint i = 0; i < totals->len; i++)
    {
      TallyMetaTotal *total = g_ptr_array_index (totals, i);

      impressions += total->impressions;
      clicks += total->all_clicks;
      g_assert_cmpuint (total->n_rows, ==, 18);
      g_assert_false (total->has_reach);
      if (g_str_equal (total->date_start, "2025-06-20"))
        day = total;
    }

  /* 2025-06-20, its 18 rows added up by hand: impressions
   * 4+606+797 + 10+478+664 + 8+384+485 + 2+410+485 + 5+297+327 + 1+69+79 = 5111,
   * clicks (all) 0+23+37 + 2+13+37 + 0+7+19 + 0+7+19 + 1+4+12 + 0+2+0 = 183. */
  g_assert_nonnull (day);
  g_assert_cmpint (day->impressions, ==, 5111);
  g_assert_cmpint (day->all_clicks, ==, 183);

  /* The whole file's columns, summed with awk when the sample came in. */
  g_assert_cmpint (impressions, ==, 149829);
  g_assert_cmpint (clicks, ==, 5967);
}

static void
test_sample_meta_json (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TallyImportResult) result = import_sample (fixture, "meta-8urt/facebook_ad_insights_120230836899220457_2025-08-06.json");
  g_autoptr(TallyImportResult) airbyte = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  TallyMetaTotal *total;

  /* Seven days of one ad: impressions 12529+0+36127+59628+57289+33767+5851;
   * link clicks from link_click 162+457+537+564+462+87 (none on 07-29);
   * clicks 609+0+1190+742+658+629+133; one omni landing page view on each
   * of 07-28, 07-30 and 07-31. */
  g_assert_cmpstr (result->preset_id, ==, "meta-insights-json");
  g_assert_cmpuint (result->rows_added, ==, 7);
  g_assert_cmpint (query_int (fixture, "SELECT sum (impressions) FROM meta_rows"), ==, 205191);
  g_assert_cmpint (query_int (fixture, "SELECT sum (link_clicks) FROM meta_rows"), ==, 2269);
  g_assert_cmpint (query_int (fixture, "SELECT sum (all_clicks) FROM meta_rows"), ==, 3961);
  g_assert_cmpint (query_int (fixture, "SELECT sum (landing_page_views) FROM meta_rows"), ==, 3);
  g_assert_cmpint (query_int (fixture, "SELECT reach FROM meta_rows WHERE date_start = '2025-07-28'"), ==, 11389);

  /* Airbyte's recording: one ad on 2023-06-01, broken down by product:
   * spend 14.35 + 8.53, impressions 185 + 171, link clicks 9 + 4,
   * clicks 9 + 7, summed into one total without reach. */
  airbyte = import_sample (fixture, "airbyte-fb-marketing/ads_insights_action_product_id.json");
  g_assert_cmpuint (airbyte->rows_added, ==, 2);
  totals = tally_meta_totals (fixture->project, NULL);
  total = g_ptr_array_index (totals, 0);
  g_assert_cmpstr (total->date_start, ==, "2023-06-01");
  g_assert_cmpstr (total->ad, ==, "23854695759200548");
  g_assert_cmpstr (total->currency, ==, "USD");
  g_assert_cmpint (total->spend, ==, 2288);
  g_assert_cmpint (total->impressions, ==, 356);
  g_assert_cmpint (total->link_clicks, ==, 13);
  g_assert_cmpint (total->all_clicks, ==, 16);
  g_assert_cmpuint (total->n_rows, ==, 2);
  g_assert_false (total->has_reach);
}

static void
test_sample_ecb (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TallyImportResult) daily = import_sample (fixture, "ecb/eurofxref-daily.xml");
  g_autoptr(TallyImportResult) history = import_sample (fixture, "ecb/eurofxref-hist.xml");
  g_autofree char *usd = NULL, *mxn = NULL, *old = NULL;

  g_assert_cmpstr (daily->preset_id, ==, "ecb-xml");
  g_assert_cmpuint (daily->rows_added, ==, 30);
  /* 28 days of 32 currencies, RUB and HRK among them. */
  g_assert_cmpuint (history->rows_added, ==, 28 * 32);

  usd = query_text (fixture, "SELECT rate FROM fx_rates WHERE day = '2025-05-09' AND currency = 'USD'");
  mxn = query_text (fixture, "SELECT rate FROM fx_rates WHERE day = '2025-05-09' AND currency = 'MXN'");
  old = query_text (fixture, "SELECT base || ' ' || rate FROM fx_rates WHERE day = '2020-01-28' AND currency = 'USD'");
  g_assert_cmpstr (usd, ==, "1.1252");
  g_assert_cmpstr (mxn, ==, "21.9473");
  g_assert_cmpstr (old, ==, "EUR 1.1005");
}

/* A deals export with the person's phone beside the e-mail: both are
 * hashed, as a contacts export's are, never dropped. */
static void
test_deals_phone (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char text[] =
    "Record ID,Deal Name,Deal Stage,Close Date,Amount,Email,Phone\n"
    "9201,Mesa,Closed Won,2026-08-14,100.00,john_smith@gmail.com,+1 (650) 555-1212\n";
  g_autoptr(TallyImportResult) result = import_text (fixture, "deals.csv", text, NULL, -1);
  g_autofree char *phone = NULL;

  g_assert_cmpstr (result->preset_id, ==, "hubspot-deals");
  phone = query_text (fixture, "SELECT lower (hex (phone_sha256)) FROM crm_records WHERE record_id = '9201'");
  g_assert_cmpstr (phone, ==, "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
  g_assert_cmpuint (result->issues->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/import/preview", test_preview);
  ADD ("/tally/import/changes", test_changes);
  ADD ("/tally/import/decimal-comma-and-point", test_decimal_comma_and_point);
  ADD ("/tally/import/minor-units", test_minor_units);
  ADD ("/tally/import/ambiguous-numbers", test_ambiguous_numbers);
  ADD ("/tally/import/date-order", test_date_order);
  ADD ("/tally/import/timestamps", test_timestamps);
  ADD ("/tally/import/hashing", test_hashing);
  ADD ("/tally/import/deals-phone", test_deals_phone);
  ADD ("/tally/import/landing-url", test_landing_url);
  ADD ("/tally/import/stages-seen", test_stages_seen);
  ADD ("/tally/import/values-do-not-carry-over", test_values_do_not_carry_over);
  ADD ("/tally/import/rejected-rows", test_rejected_rows);
  ADD ("/tally/import/empty-files", test_empty_files);
  ADD ("/tally/import/meta-spanish", test_meta_spanish);
  ADD ("/tally/import/meta-windows", test_meta_windows);
  ADD ("/tally/import/other-presets", test_other_presets);
  ADD ("/tally/import/mapping", test_mapping);
  ADD ("/tally/import/sample/meta-csv", test_sample_meta_csv);
  ADD ("/tally/import/sample/meta-json", test_sample_meta_json);
  ADD ("/tally/import/sample/ecb", test_sample_ecb);
#undef ADD

  return g_test_run ();
}
