/* test-normalize.c: numbers, dates, identities and URLs as SPEC section 4
 * reads them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"

static gint64
minor (const char   *text,
       TallyDecimal  decimal,
       guint         minor_unit,
       gboolean     *rounded)
{
  TallyNumber number;
  gint64 value = -1;
  gboolean dummy;

  if (!tally_number_parse (text, decimal, &number))
    g_error ("“%s” was not read as a number", text);
  g_assert_true (tally_number_to_minor (&number, minor_unit, &value, rounded != NULL ? rounded : &dummy));
  return value;
}

static void
test_numbers (void)
{
  gboolean rounded;

  /* The same amount in the ways people write it. */
  g_assert_cmpint (minor ("1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1.234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1 234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1\xc2\xa0" "234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("$1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("MXN 1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1.234,56 €", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("(12.50)", TALLY_DECIMAL_POINT, 2, NULL), ==, -1250);
  g_assert_cmpint (minor ("-12.5", TALLY_DECIMAL_POINT, 2, NULL), ==, -1250);
  g_assert_cmpint (minor ("1'234.5", TALLY_DECIMAL_POINT, 2, NULL), ==, 123450);
  g_assert_cmpint (minor ("0.05", TALLY_DECIMAL_POINT, 2, NULL), ==, 5);
  g_assert_cmpint (minor (".5", TALLY_DECIMAL_POINT, 2, NULL), ==, 50);
  g_assert_cmpint (minor ("1.5E+3", TALLY_DECIMAL_POINT, 2, NULL), ==, 150000);
  /* Currency symbols and words of Latin American and other exports. */
  g_assert_cmpint (minor ("R$ 1.234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("S/ 1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("US$1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("COP 1.234,56", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("1 234,56 kr", TALLY_DECIMAL_COMMA, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("₹1,234.56", TALLY_DECIMAL_POINT, 2, NULL), ==, 123456);
  g_assert_cmpint (minor ("-$12.50", TALLY_DECIMAL_POINT, 2, NULL), ==, -1250);
  g_assert_cmpint (minor ("Q 12.50", TALLY_DECIMAL_POINT, 2, NULL), ==, 1250);

  /* Minor units: CLP has none, KWD three; extra decimals round half away
   * from zero and say so. */
  g_assert_cmpint (minor ("15990", TALLY_DECIMAL_POINT, 0, &rounded), ==, 15990);
  g_assert_false (rounded);
  g_assert_cmpint (minor ("15990.5", TALLY_DECIMAL_POINT, 0, &rounded), ==, 15991);
  g_assert_true (rounded);
  g_assert_cmpint (minor ("-15990.5", TALLY_DECIMAL_POINT, 0, &rounded), ==, -15991);
  g_assert_cmpint (minor ("12.345", TALLY_DECIMAL_POINT, 3, &rounded), ==, 12345);
  g_assert_false (rounded);
  g_assert_cmpint (minor ("1.5", TALLY_DECIMAL_POINT, 3, NULL), ==, 1500);
  g_assert_cmpint (minor ("0.0045", TALLY_DECIMAL_POINT, 3, &rounded), ==, 5);
  g_assert_true (rounded);
  g_assert_cmpint (minor ("0.0044", TALLY_DECIMAL_POINT, 3, &rounded), ==, 4);
  g_assert_cmpint (minor ("2.675", TALLY_DECIMAL_POINT, 2, &rounded), ==, 268);
}

static void
test_numbers_refused (void)
{
  static const struct { const char *text; TallyDecimal decimal; } refused[] = {
    { "12,5", TALLY_DECIMAL_POINT },      /* a group of two digits */
    { "1.234.5", TALLY_DECIMAL_COMMA },
    { "1,23,456", TALLY_DECIMAL_POINT },
    { "12%", TALLY_DECIMAL_POINT },
    { "abc", TALLY_DECIMAL_POINT },
    { "", TALLY_DECIMAL_POINT },
    { "12abc34", TALLY_DECIMAL_POINT },
    { "1.2.3", TALLY_DECIMAL_POINT },
    { "(12", TALLY_DECIMAL_POINT },
    { "1e999", TALLY_DECIMAL_POINT },
    /* Read as a whole, never as their leading part (SPEC 4, strict reading). */
    { "12abc", TALLY_DECIMAL_POINT },
    { "ten thousand", TALLY_DECIMAL_POINT },
    { "NaN", TALLY_DECIMAL_POINT },
    { "Infinity", TALLY_DECIMAL_POINT },
    { "-Infinity", TALLY_DECIMAL_POINT },
    { "12 apples", TALLY_DECIMAL_POINT },
    { "about 12", TALLY_DECIMAL_POINT },
    { "12 XYZ", TALLY_DECIMAL_POINT },
    { "#12", TALLY_DECIMAL_POINT },
    { "12-", TALLY_DECIMAL_POINT },
    { "12 A", TALLY_DECIMAL_POINT },
    { "US 12", TALLY_DECIMAL_POINT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      TallyNumber number;

      if (tally_number_parse (refused[i].text, refused[i].decimal, &number))
        g_error ("“%s” was read as a number", refused[i].text);
    }
}

static void
test_number_evidence (void)
{
  g_assert_cmpint (tally_number_evidence ("1,234.56"), ==, TALLY_EVIDENCE_FIRST);
  g_assert_cmpint (tally_number_evidence ("1.234,56"), ==, TALLY_EVIDENCE_SECOND);
  g_assert_cmpint (tally_number_evidence ("1234,56"), ==, TALLY_EVIDENCE_SECOND);
  g_assert_cmpint (tally_number_evidence ("2686.87"), ==, TALLY_EVIDENCE_FIRST);
  g_assert_cmpint (tally_number_evidence ("1,234,567"), ==, TALLY_EVIDENCE_FIRST);
  g_assert_cmpint (tally_number_evidence ("1.234.567"), ==, TALLY_EVIDENCE_SECOND);
  g_assert_cmpint (tally_number_evidence ("0.123"), ==, TALLY_EVIDENCE_FIRST);
  g_assert_cmpint (tally_number_evidence ("1,234"), ==, TALLY_EVIDENCE_AMBIGUOUS);
  g_assert_cmpint (tally_number_evidence ("1.234"), ==, TALLY_EVIDENCE_AMBIGUOUS);
  g_assert_cmpint (tally_number_evidence ("4800"), ==, TALLY_EVIDENCE_NONE);
  g_assert_cmpint (tally_number_evidence ("n/a"), ==, TALLY_EVIDENCE_NONE);
}

static void
assert_timestamp (const char     *text,
                  TallyDateOrder  order,
                  const char     *expected,
                  TallyTimeKind   expected_kind)
{
  TallyTimeKind kind;
  g_autofree char *value = tally_parse_timestamp (text, order, &kind);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("“%s” read as “%s”, not “%s”", text, value, expected);
  if (expected != NULL)
    g_assert_cmpint (kind, ==, expected_kind);
}

static void
test_timestamps (void)
{
  /* A date alone is that calendar day. */
  assert_timestamp ("2026-08-14", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14", TALLY_TIME_DATE);
  assert_timestamp ("20260814", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14", TALLY_TIME_DATE);
  /* Without an offset: kept as written, for crm_timezone to place. */
  assert_timestamp ("2026-08-14 23:30", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14T23:30:00", TALLY_TIME_LOCAL);
  assert_timestamp ("2026-08-14T23:30:15.123", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14T23:30:15", TALLY_TIME_LOCAL);
  /* With an offset: an instant, in UTC, across midnight both ways. */
  assert_timestamp ("2026-08-14T23:30:00-06:00", TALLY_DATE_ORDER_UNKNOWN, "2026-08-15T05:30:00Z", TALLY_TIME_INSTANT);
  assert_timestamp ("2026-08-15T01:00:00+02:00", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14T23:00:00Z", TALLY_TIME_INSTANT);
  assert_timestamp ("2026-08-09T02:13:30-0600", TALLY_DATE_ORDER_UNKNOWN, "2026-08-09T08:13:30Z", TALLY_TIME_INSTANT);
  assert_timestamp ("2026-12-31T23:59:59Z", TALLY_DATE_ORDER_UNKNOWN, "2026-12-31T23:59:59Z", TALLY_TIME_INSTANT);
  /* Day and month order. */
  assert_timestamp ("3/4/2026", TALLY_DATE_ORDER_DMY, "2026-04-03", TALLY_TIME_DATE);
  assert_timestamp ("3/4/2026", TALLY_DATE_ORDER_MDY, "2026-03-04", TALLY_TIME_DATE);
  assert_timestamp ("3/4/2026", TALLY_DATE_ORDER_UNKNOWN, NULL, TALLY_TIME_DATE);
  assert_timestamp ("13/4/2026", TALLY_DATE_ORDER_UNKNOWN, "2026-04-13", TALLY_TIME_DATE);
  assert_timestamp ("14.08.2026", TALLY_DATE_ORDER_UNKNOWN, "2026-08-14", TALLY_TIME_DATE);
  assert_timestamp ("3/4/26 2:05 PM", TALLY_DATE_ORDER_MDY, "2026-03-04T14:05:00", TALLY_TIME_LOCAL);
  assert_timestamp ("3/4/26 12:05 a. m.", TALLY_DATE_ORDER_MDY, "2026-03-04T00:05:00", TALLY_TIME_LOCAL);
  /* Not dates. */
  assert_timestamp ("2026-02-30", TALLY_DATE_ORDER_UNKNOWN, NULL, TALLY_TIME_DATE);
  assert_timestamp ("2026-08-14 25:00", TALLY_DATE_ORDER_UNKNOWN, NULL, TALLY_TIME_DATE);
  assert_timestamp ("yesterday", TALLY_DATE_ORDER_UNKNOWN, NULL, TALLY_TIME_DATE);
  assert_timestamp ("2026-08-14 tomorrow", TALLY_DATE_ORDER_UNKNOWN, NULL, TALLY_TIME_DATE);

  g_assert_cmpint (tally_date_evidence ("3/4/2026"), ==, TALLY_EVIDENCE_AMBIGUOUS);
  g_assert_cmpint (tally_date_evidence ("13/4/2026"), ==, TALLY_EVIDENCE_FIRST);
  g_assert_cmpint (tally_date_evidence ("4/13/2026"), ==, TALLY_EVIDENCE_SECOND);
  g_assert_cmpint (tally_date_evidence ("4/4/2026"), ==, TALLY_EVIDENCE_NONE);
  g_assert_cmpint (tally_date_evidence ("2026-04-03"), ==, TALLY_EVIDENCE_NONE);
}

static void
test_hashing (void)
{
  g_autofree char *normalized = NULL;
  g_autofree char *email = NULL, *phone = NULL, *already = NULL, *bad = NULL;
  g_autofree char *international = NULL, *local_mx = NULL;
  gboolean had_code;

  /* The examples of Meta's customer information parameters page, whose
   * hashes were checked with sha256sum. */
  email = tally_hash_email ("  John_Smith@gmail.com ", &normalized);
  g_assert_cmpstr (normalized, ==, "john_smith@gmail.com");
  g_assert_cmpstr (email, ==, "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
  g_clear_pointer (&normalized, g_free);

  phone = tally_hash_phone ("(650)555-1212", "1", &normalized, &had_code);
  g_assert_cmpstr (normalized, ==, "16505551212");
  g_assert_true (had_code);
  g_assert_cmpstr (phone, ==, "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
  g_clear_pointer (&normalized, g_free);

  /* A number with its country code keeps it; a national one gets the
   * default; a leading zero goes. */
  international = tally_hash_phone ("+1 (650) 555-1212", "52", &normalized, &had_code);
  g_assert_cmpstr (normalized, ==, "16505551212");
  g_assert_cmpstr (international, ==, phone);
  g_clear_pointer (&normalized, g_free);
  local_mx = tally_hash_phone ("055 1234 5678", "52", &normalized, &had_code);
  g_assert_cmpstr (normalized, ==, "525512345678");
  g_clear_pointer (&normalized, g_free);

  already = tally_hash_email ("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f", NULL);
  g_assert_cmpstr (already, ==, email);
  bad = tally_hash_email ("not an address", NULL);
  g_assert_null (bad);
  g_assert_null (tally_hash_email ("", NULL));
  g_assert_null (tally_hash_phone ("123", NULL, NULL, NULL));
}

static void
test_urls (void)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) bare = NULL;
  g_autofree char *fbclid = NULL;

  params = tally_parse_url_params ("https://casajacaranda.example.mx/cocina?UTM_Source=facebook&utm_medium=paid_social"
                                   "&utm_campaign=cj%20prospecting&fbclid=IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk");
  g_assert_cmpstr (g_hash_table_lookup (params, "utm_source"), ==, "facebook");
  g_assert_cmpstr (g_hash_table_lookup (params, "utm_campaign"), ==, "cj prospecting");
  /* The fbclid is case-sensitive and kept as it is. */
  g_assert_cmpstr (g_hash_table_lookup (params, "fbclid"), ==, "IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk");

  bare = tally_parse_url_params ("casajacaranda.example.mx/?fbclid=AbC");
  g_assert_cmpstr (g_hash_table_lookup (bare, "fbclid"), ==, "AbC");

  fbclid = tally_fbclid_from_fbc ("fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890");
  g_assert_cmpstr (fbclid, ==, "AbCdEfGhIjKlMnOpQrStUvWxYz1234567890");
  g_assert_null (tally_fbclid_from_fbc ("fb.1.123"));
}

/* A plain query read in place gives what its parsed table has. */
static void
test_plain_url_params (void)
{
  static const char url[] = "https://shop.example.mx/cocina?UTM_Source=facebook&utm_term=&fbclid=AbC-9_x&utm_source=ig";
  static const char * const names[] = { "utm_source", "UTM_SOURCE", "utm_term", "fbclid", "utm_medium", "fbcli" };
  g_autoptr(GHashTable) params = tally_parse_url_params (url);
  const char *query = tally_url_plain_query (url);

  g_assert_cmpstr (query, ==, "UTM_Source=facebook&utm_term=&fbclid=AbC-9_x&utm_source=ig");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = tally_url_plain_param (query, names[i]);

      g_assert_cmpstr (value, ==, g_hash_table_lookup (params, names[i]));
    }
  /* The last of two, in any case; an empty value is empty, not missing. */
  g_assert_cmpstr (g_hash_table_lookup (params, "utm_source"), ==, "ig");
  g_assert_cmpstr (g_hash_table_lookup (params, "utm_term"), ==, "");
  g_assert_null (g_hash_table_lookup (params, "fbcli"));

  /* Escapes, a '+', a fragment or a parameter without '=' are not plain. */
  g_assert_null (tally_url_plain_query ("https://shop.example.mx/?utm_campaign=cj%20cocina"));
  g_assert_null (tally_url_plain_query ("https://shop.example.mx/?utm_campaign=cj+cocina"));
  g_assert_null (tally_url_plain_query ("https://shop.example.mx/?fbclid=AbC#top"));
  g_assert_null (tally_url_plain_query ("https://shop.example.mx/?fbclid"));
  g_assert_null (tally_url_plain_query ("shop.example.mx/?fbclid=AbC"));
}

static void
test_attribution (void)
{
  static const struct { const char *text; const char *code; } cases[] = {
    { "7-day click or 1-day view", "7d_click_1d_view" },
    { "7-day click, 1-day view, or 1-day engaged-view", "7d_click_1d_view_1d_ev" },
    { "7-day click", "7d_click" },
    { "1-day click", "1d_click" },
    { "28-day click or 1-day view", "28d_click_1d_view" },
    { "Clic de 7 días o visualización de 1 día", "7d_click_1d_view" },
    { "Clique de 7 dias ou visualização de 1 dia", "7d_click_1d_view" },
    { "Clique de 7 dias, visualização de 1 dia", "7d_click_1d_view" },
    { "Clic de 1 día", "1d_click" },
    { "7d_click_1d_view", "7d_click_1d_view" },
    /* Meta's default since 2025, in English, Spanish and Portuguese, as the
     * real exports of ../shared/samples/real write it. */
    { "7-day click, 1-day view or 1-day engaged view", "7d_click_1d_view_1d_ev" },
    { "7 días tras clic, 1 día tras visualización o 1 día tras visualización activa", "7d_click_1d_view_1d_ev" },
    { "7 días tras clic o 1 día tras visualización", "7d_click_1d_view" },
    { "7 días tras clic", "7d_click" },
    { "Clique de 7 dias, visualização de 1 dia ou visualização com engajamento de 1 dia", "7d_click_1d_view_1d_ev" },
    { "Configurações de vários atributos", NULL },
    { "-", NULL },
    { "All conversions", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = tally_parse_attribution_setting (cases[i].text);

      if (g_strcmp0 (code, cases[i].code) != 0)
        g_error ("“%s” read as %s, not %s", cases[i].text, code, cases[i].code);
    }
}

static void
test_headers (void)
{
  g_autofree char *a = tally_normalize_header ("  Ad Set   Name ");
  g_autofree char *b = tally_normalize_header ("Ad set name");
  g_autofree char *c = tally_normalize_header ("\xef\xbb\xbfImporte gastado (MXN)");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "importe gastado (mxn)");
}

/* Spellings of one column share a key (SPEC 4, header variants). */
static void
test_header_keys (void)
{
  static const struct { const char *a; const char *b; } same[] = {
    { "UTM Source", "utm_source" },
    { "UTM Source", "Utm-Source" },
    { "utm.source", "UTM source" },
    { "Nome da campanha", "NOME DA CAMPANHA" },
    { "Término dos relatórios", "Termino dos relatorios" },
    { "Identificação do anúncio", "identificacao do anuncio" },
    { "Clics (todos)", "clics  (Todos)" },
    { "\xef\xbb\xbfRecord ID", "Record ID" },
    { "Nombre de la campaña", "nombre de la campana" },
  };
  static const struct { const char *header; const char *bare; } prefixed[] = {
    { "Deal - utm_source", "utmsource" },
    { "Deal - UTM Source", "utmsource" },
    { "Person - Email (Work)", "email(work)" },
    { "Contact: UTM source", "utmsource" },
    { "Opportunity.Amount", "amount" },
    { "Organization - Name", "name" },
    { "Obchod - Hodnota", "hodnota" },
    { "Deal - ID", "id" },
  };
  static const char * const unprefixed[] = {
    "Amount spent (MXN)", "Cost - per result", "Deal Stage", "Record ID", "Lead Source", "Clicks (all)", NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = tally_header_key (same[i].a, FALSE);
      g_autofree char *b = tally_header_key (same[i].b, FALSE);

      if (g_strcmp0 (a, b) != 0)
        g_error ("“%s” (%s) and “%s” (%s) have different keys", same[i].a, a, same[i].b, b);
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixed); i++)
    {
      g_autofree char *bare = tally_header_key (prefixed[i].header, TRUE);

      g_assert_cmpstr (bare, ==, prefixed[i].bare);
    }

  for (guint i = 0; unprefixed[i] != NULL; i++)
    g_assert_null (tally_header_key (unprefixed[i], TRUE));
}

/* Stage values compare without punctuation too: "Closed: won" is won. */
static void
test_value_keys (void)
{
  static const char * const won[] = { "Closed: won", "closedwon", "Closed Won", "CLOSED-WON", "closed_won", NULL };
  g_autofree char *setting = tally_value_key ("closed won");

  for (guint i = 0; won[i] != NULL; i++)
    {
      g_autofree char *key = tally_value_key (won[i]);

      g_assert_cmpstr (key, ==, setting);
    }
  {
    g_autofree char *lost = tally_value_key ("Closed: lost");

    g_assert_cmpstr (lost, !=, setting);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/normalize/numbers", test_numbers);
  g_test_add_func ("/tally/normalize/numbers-refused", test_numbers_refused);
  g_test_add_func ("/tally/normalize/number-evidence", test_number_evidence);
  g_test_add_func ("/tally/normalize/timestamps", test_timestamps);
  g_test_add_func ("/tally/normalize/hashing", test_hashing);
  g_test_add_func ("/tally/normalize/urls", test_urls);
  g_test_add_func ("/tally/normalize/plain-url-params", test_plain_url_params);
  g_test_add_func ("/tally/normalize/attribution", test_attribution);
  g_test_add_func ("/tally/normalize/headers", test_headers);
  g_test_add_func ("/tally/normalize/header-keys", test_header_keys);
  g_test_add_func ("/tally/normalize/value-keys", test_value_keys);

  return g_test_run ();
}
