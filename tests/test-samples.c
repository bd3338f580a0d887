/* test-samples.c: real exports import with the numbers they hold
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One case per data file in tests/fixtures/samples/ (copies of
 * shared/samples/, see SOURCES.md and real/SOURCES.md). Each imports the
 * file into a fresh project in the file's own currency (so no exchange rate
 * is involved) and checks the batch's row count and the report's totals
 * over the file's whole period against figures computed independently from
 * the raw file by fixtures/samples/expected.py (Python standard library
 * only; run it to see them). The comment above each sample says how its
 * figures were derived. Money is compared in minor units: the report rounds
 * once, at output, and each Meta row was rounded to its currency's minor
 * unit half away from zero when it was read (SPEC 4).
 *
 * The rules the figures follow are SPEC's (sections 4 to 6), not whatever
 * the current build prints:
 * - Meta rows that share their keys within one file (Audience segments,
 *   boosted posts named alike, ad sets of one name without ID columns) are
 *   all kept and summed; a range row counts whole in a period covering its
 *   days; the account summary row (blank name and id) is skipped, counted
 *   as skipped, and not in any total.
 * - Every CRM metric of the report counts Meta-sourced records only (SPEC
 *   6). None of the CRM samples has a UTM, fbclid or paid-social column, so
 *   their won deals show as customers of any source in match_quality.people
 *   and, having no source at all, in bridge.context.no_source_revenue; the
 *   Meta-sourced new_customers and revenue are 0.
 * - GA4 exports without a Date dimension are refused: nothing can be put on
 *   a day.
 *
 * Besides, each Meta sample is imported, undone and imported again (the
 * same bytes twice would be refused as a duplicate), and the two PHP months
 * in both orders: the totals must not depend on the order of imports.
 */
#include "config.h"

#include <math.h>
#include <locale.h>
#include <string.h>

#include "tally-test-cli.h"
#include "tally-test-utils.h"

#define CHECK TALLY_TEST_CHECK

typedef enum
{
  MONEY,                        /* minor units (2 decimals for every currency here) */
  COUNT,
  SHARE,                        /* a fraction, within 0.0005 */
} Kind;

/* A number of `report --json`: "spend" is totals.spend; a dotted path
 * starts at the root ("match_quality.people"); "diag:ID:member" is a
 * member of the value of the diagnostic ID. */
typedef struct
{
  const char *key;
  Kind        kind;
  gint64      value;
  double      share;
} Figure;

#define MAX_FIGURES 12

typedef struct
{
  const char *name;             /* /tally/samples/<name> */
  const char *path;             /* under fixtures/samples/ */
  const char *currency;
  const char *timezone;
  const char *from;             /* the report's period, the file's days */
  const char *to;
  int         status;           /* of the import */
  gint64      rows;             /* of the batch; -1: no batch */
  gint64      skipped;          /* -1: not checked */
  const char *source;           /* the batch's preset; NULL: not checked */
  const char *says[3];          /* in stdout or stderr; "a|b": either */
  gboolean    twice;            /* also the import, undo, import case */
  Figure      figures[MAX_FIGURES];
} Sample;

static const Sample samples[] = {
  /* BlueTea, INR, ad-set level, daily, Audience segments breakdown; two
   * ad sets share a name and there is no ID column, so all 229 data rows
   * share their keys with another row: all kept and summed.
   * spend: column `Amount spent (INR)` (6 decimals) rounded to paise per
   * row, summed over the 229 rows = 1734408.19; impressions: sum of
   * `Impressions` = 11666160; purchases: sum of `Purchases` = 3184 (the
   * `Results` with indicator fb_pixel_purchase are the same 3184, not to be
   * added); value: `Purchases conversion value` per row in paise, summed =
   * 3798159.06 INR. No `Link clicks` column: 0. Every row is one day. */
  { "meta-bluetea-inr", "real/meta-bluetea-inr/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv",
    "INR", "Asia/Kolkata", "2026-01-01", "2026-01-05", 0, 229, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 173440819 }, { "impressions", COUNT, 11666160 }, { "meta_purchases", COUNT, 3184 },
      { "meta_purchase_value", MONEY, 379815906 }, { "link_clicks", COUNT, 0 },
      { "diag:definitions.range_rows:rows", COUNT, 0 },
      /* 192 rows of Meta's default with engaged view are the standard;
       * the 37 of `7-day click` are not */
      { "diag:attribution.window_mismatch:rows", COUNT, 37 } } },

  /* ISN Medical, EUR, campaign level, 2 range rows of Mar 11 - Apr 9 2026.
   * spend: `Amount spent (EUR)` 30.42 + 3.23 = 33.65; impressions 279002 +
   * 18642 = 297644. No link-click column: link clicks and landing page
   * views come from `Results` by `Result indicator` (actions:link_click
   * 3904, actions:omni_landing_page_view 57), as the meta preset's
   * results/result_indicator fields read them. 2 range rows. The link
   * clicks and the landing page views are of different campaigns: no row
   * reports both, so there is no ratio of them (never 57 / 3904; the
   * report's ratio is null, test-engine checks the ratio of paired rows). */
  { "meta-isn-eur", "real/meta-isn-eur/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv",
    "EUR", "Africa/Lagos", "2026-03-11", "2026-04-09", 0, 2, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 3365 }, { "impressions", COUNT, 297644 }, { "link_clicks", COUNT, 3904 },
      { "landing_page_views", COUNT, 57 }, { "diag:definitions.range_rows:rows", COUNT, 2 } } },

  /* John Bernard Olermo, PHP, ad level, one Sep 1-30 2025 range row per ad
   * (65 rows). spend: sum of `Amount spent (PHP)` = 66067.60; impressions
   * 567677; `Purchases` 40 (19 rows filled); `Purchases conversion value`
   * empty on every row: 0.00; `Link clicks` 13651. */
  { "meta-pcm-php-sep", "real/meta-pcm-php/John-Bernard-Olermo-Ads-Sep-1-2025-Sep-30-2025.csv",
    "PHP", "Asia/Manila", "2025-09-01", "2025-09-30", 0, 65, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 6606760 }, { "impressions", COUNT, 567677 }, { "meta_purchases", COUNT, 40 },
      { "meta_purchase_value", MONEY, 0 }, { "link_clicks", COUNT, 13651 },
      { "diag:definitions.range_rows:rows", COUNT, 65 },
      /* the 20 rows with attribution `-` have no setting to compare */
      { "diag:attribution.window_mismatch:rows", COUNT, 0 } } },

  /* The same account, Dec 1-31 2025, 93 range rows (attribution `-` on the
   * rows with no spend). spend 77678.81; impressions 1926391; `Purchases`
   * 93 (14 rows filled); value 0.00; `Link clicks` 11650. */
  { "meta-pcm-php-dec", "real/meta-pcm-php/John-Bernard-Olermo-Ads-Dec-1-2025-Dec-31-2025.csv",
    "PHP", "Asia/Manila", "2025-12-01", "2025-12-31", 0, 93, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 7767881 }, { "impressions", COUNT, 1926391 }, { "meta_purchases", COUNT, 93 },
      { "meta_purchase_value", MONEY, 0 }, { "link_clicks", COUNT, 11650 },
      { "diag:definitions.range_rows:rows", COUNT, 93 },
      { "diag:attribution.window_mismatch:rows", COUNT, 0 } } },

  /* Nanovit, pt-BR, BRL, campaign level, June 2025 range rows. Line 2 is
   * Meta's account summary row (blank `Nome da campanha`): skipped and
   * counted as skipped (SPEC 4). The 5 campaigns: `Valor usado (BRL)`
   * summed = 476.57, `Impressões` = 41422 (the summary row says the same,
   * so counting it would double them). */
  { "meta-nanovit-ptbr", "real/meta-nanovit-ptbr/CA-01---NANOVIT-Campanhas-1-de-jun-de-2025-30-de-jun-de-2025.csv",
    "BRL", "America/Sao_Paulo", "2025-06-01", "2025-06-30", 0, 5, 1, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 47657 }, { "impressions", COUNT, 41422 },
      { "diag:definitions.range_rows:rows", COUNT, 5 },
      /* standard, engaged-view default, or "several settings" (none) */
      { "diag:attribution.window_mismatch:rows", COUNT, 0 } } },

  /* Rafael Santos, pt-BR, BRL, 10 campaign range rows of Sep 1-12 2025.
   * spend: `Valor usado (BRL)` = 3474.11; `Impressões` 142246. Leads and
   * link clicks from `Resultados` by `Indicador de resultados`:
   * fb_pixel_lead 13 + lead_grouped 71 = 84 leads (different campaigns,
   * one indicator per row), actions:link_click 2452. */
  { "meta-rafael-ptbr", "real/meta-rafael-ptbr/[VL]-[RS]-Rafael-Santos-CA-Campanhas-1-de-set-de-2025-12-de-set-de-2025.csv",
    "BRL", "America/Sao_Paulo", "2025-09-01", "2025-09-12", 0, 10, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 347411 }, { "impressions", COUNT, 142246 }, { "meta_leads", COUNT, 84 },
      { "link_clicks", COUNT, 2452 }, { "diag:definitions.range_rows:rows", COUNT, 10 },
      { "diag:attribution.window_mismatch:rows", COUNT, 0 } } },

  /* Mercatelia, Spanish (LatAm), COP, campaign level, daily (Inicio =
   * Fin), Apr 1 - May 4 2026, 340 rows. spend: `Importe gastado (COP)`
   * (whole pesos) = 1295064.00 (COP has 2 decimals in ISO 4217);
   * `Impresiones` 156352; `Clics en el enlace` 2458; `Clics (todos)` 3558;
   * `Visitas a la página de destino` 1960; purchases from `Resultados`
   * with indicator fb_pixel_purchase = 71. */
  { "meta-mercatelia-es-cop", "real/meta-mercatelia-es-cop/Mercatelia-Campañas-1-a-r-2026---4-may-2026 (1).csv",
    "COP", "America/Bogota", "2026-04-01", "2026-05-04", 0, 340, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 129506400 }, { "impressions", COUNT, 156352 }, { "link_clicks", COUNT, 2458 },
      { "all_clicks", COUNT, 3558 }, { "landing_page_views", COUNT, 1960 }, { "meta_purchases", COUNT, 71 },
      { "diag:definitions.range_rows:rows", COUNT, 0 },
      /* the 34 rows of `7 días tras clic`; Meta's default with engaged
       * view (272) and `7 días tras clic o 1 día tras visualización` (34)
       * are the standard */
      { "diag:attribution.window_mismatch:rows", COUNT, 34 } } },

  /* YOA, NGN, XLSX, campaign level, 13 range rows (Sep 1 2025 - Mar 31
   * 2026); boosted posts share a truncated name and there is no Campaign
   * ID: 5 rows share their keys, all kept and summed. spend: `Amount spent
   * (NGN)` number cells = 374715.63; `Impressions` 324260; link clicks from
   * `Results` with indicator actions:link_click = 16763. */
  { "meta-yoa-ngn-xlsx", "real/meta-yoa-ngn-xlsx/YOA Campaigns-1-Sep-2025-31-Mar-2026.xlsx",
    "NGN", "Africa/Lagos", "2025-09-01", "2026-03-31", 0, 13, 0, "meta-ads-manager", { NULL }, TRUE,
    { { "spend", MONEY, 37471563 }, { "impressions", COUNT, 324260 }, { "link_clicks", COUNT, 16763 },
      { "diag:definitions.range_rows:rows", COUNT, 13 } } },

  /* Le Mauricien, ad-set level, day x age x gender (Reporting starts =
   * ends), 144 rows, Jun 13-20 2025, no spend column. `Impressions`
   * 149829; `Clicks (all)` 5967; spend 0. */
  { "meta-8urt-csv", "meta-8urt/Le-Mauricien-LTD-Ad-sets-Jun-10-2025-Jul-9-2025.csv",
    "MUR", "Indian/Mauritius", "2025-06-13", "2025-06-20", 0, 144, 0, "meta-ads-manager", { NULL }, FALSE,
    { { "spend", MONEY, 0 }, { "impressions", COUNT, 149829 }, { "all_clicks", COUNT, 5967 } } },

  /* Insights JSON of one ad, 7 days (Jul 28 - Aug 3 2025), no `spend` key:
   * the import warns about it. impressions 205191; link clicks: no
   * inline_link_clicks, so the link_click action = 2269; `clicks` 3961;
   * landing page views: omni_landing_page_view = 3. */
  { "meta-8urt-json", "meta-8urt/facebook_ad_insights_120230836899220457_2025-08-06.json",
    "MUR", "Indian/Mauritius", "2025-07-28", "2025-08-03", 0, 7, 0, "meta-insights-json", { "spend" }, FALSE,
    { { "spend", MONEY, 0 }, { "impressions", COUNT, 205191 }, { "link_clicks", COUNT, 2269 },
      { "all_clicks", COUNT, 3961 }, { "landing_page_views", COUNT, 3 } } },

  /* Its sibling, Jul 30 - Aug 5 2025, 7 days, no `spend` either.
   * impressions 107047; link_click 2746; clicks 6989;
   * omni_landing_page_view 9. */
  { "meta-8urt-json2", "real/meta-8urt-json2/facebook_ad_insights_120231094996470457_2025-08-06.json",
    "MUR", "Indian/Mauritius", "2025-07-30", "2025-08-05", 0, 7, 0, "meta-insights-json", { "spend" }, TRUE,
    { { "spend", MONEY, 0 }, { "impressions", COUNT, 107047 }, { "link_clicks", COUNT, 2746 },
      { "all_clicks", COUNT, 6989 }, { "landing_page_views", COUNT, 9 } } },

  /* Airbyte's recorded insights, USD, 2 rows of 2023-06-01 (product_id
   * breakdown). spend 14.35 + 8.53 = 22.88; impressions 185 + 171 = 356;
   * link clicks: inline_link_clicks 9 + 4 = 13 (the first row has no
   * link_click action: the field comes first); clicks 9 + 7 = 16; no
   * landing page view action. */
  { "airbyte-product-id", "airbyte-fb-marketing/ads_insights_action_product_id.json",
    "USD", "America/Los_Angeles", "2023-06-01", "2023-06-01", 0, 2, 0, "meta-insights-json", { NULL }, FALSE,
    { { "spend", MONEY, 2288 }, { "impressions", COUNT, 356 }, { "link_clicks", COUNT, 13 },
      { "all_clicks", COUNT, 16 }, { "landing_page_views", COUNT, 0 } } },

  /* ECB daily feed of 2025-05-09: 30 Cube@currency elements, one rate
   * each = 30 rows. */
  { "ecb-daily", "ecb/eurofxref-daily.xml",
    "EUR", "Europe/Berlin", NULL, NULL, 0, 30, 0, "ecb-xml", { NULL }, FALSE, { { NULL } } },

  /* ECB history, 28 days (2019-12-17 .. 2020-01-28) x 32 currencies = 896
   * Cube@currency elements = 896 rows. */
  { "ecb-hist", "ecb/eurofxref-hist.xml",
    "EUR", "Europe/Berlin", NULL, NULL, 0, 896, 0, "ecb-xml", { NULL }, FALSE, { { NULL } } },

  /* HubSpot deals (UTF-8 BOM, CRLF), 87 rows, no source column. `Deal
   * Stage` is the stage; the pipeline's label `Closed: won` folds to
   * `closedwon`, a default customer stage: 10 deals, all with a `Close
   * Date` (2022-08-02 .. 2023-03-31). Deal 7010137314 closes at 11:10 on
   * 2023-03-31, before it was created at 11:33: a stage anomaly, not
   * counted. That leaves 9, each its own person (no contact id, e-mail or
   * phone: the record id; identifier share 0). Revenue: `Amount` of the 3
   * of them that have one: 1000000 + 80000 + 49000 = 1129000.00, all of
   * customers with no source at all. Nothing is Meta-sourced. */
  { "hubspot-markstringer-0403", "real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-04-03.csv",
    "GBP", "Europe/London", "2022-01-01", "2023-12-31", 0, 87, 0, "hubspot-deals", { NULL }, FALSE,
    { { "match_quality.people", COUNT, 9 }, { "bridge.context.no_source_revenue", MONEY, 112900000 },
      { "match_quality.unknown_source_share", SHARE, 0, 1.0 }, { "match_quality.identifier_share", SHARE, 0, 0.0 },
      { "new_customers", COUNT, 0 },
      { "revenue_net", MONEY, 0 } } },

  /* The same portal's "all properties" export, 110 columns (two header
   * names twice), 87 rows. `Closed: won`: 11 deals with a `Close Date`
   * (2022-08-02 .. 2023-04-04); `Amount` of the 5 that have one = 1323250.
   * 5 of the 11 have `Original Source Type` = `Offline Sources` (a CRM
   * source, so not "no source at all"); the other 6 have no source and
   * 26250 + 1000000 + 80000 + 49000 = 1155250.00 of revenue. Deal
   * 7010137314 (26250, no source, no contact) is won before it was created
   * and is not counted: 10 people, 1129000.00 of revenue with no source,
   * unknown source share 5/10. 4 of the 10 name contacts (`Associated
   * Contact IDs` 1251, 1751, 1701, "301;401;251;351"), none shared:
   * identifier share 4/10 (a contact id; no e-mail or phone column). */
  { "hubspot-markstringer-0516", "real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-05-16.csv",
    "GBP", "Europe/London", "2022-01-01", "2023-12-31", 0, 87, 0, "hubspot-deals", { NULL }, FALSE,
    { { "match_quality.people", COUNT, 10 }, { "bridge.context.no_source_revenue", MONEY, 112900000 },
      { "match_quality.unknown_source_share", SHARE, 0, 5.0 / 10.0 },
      { "match_quality.identifier_share", SHARE, 0, 4.0 / 10.0 }, { "new_customers", COUNT, 0 },
      { "revenue_net", MONEY, 0 } } },

  /* HubSpot deals with 4 columns (Record ID, Deal Name, Simpro Quote Id,
   * Amount): 11583 rows, no stage and no date. They import, and the import
   * says these records can never count as customers (no stage). */
  { "hubspot-solarhub", "real/hubspot-solarhub/hubspot-crm-exports-all-deals-2025-11-28.csv",
    "AUD", "Australia/Sydney", "2025-01-01", "2025-12-31", 0, 11583, 0, "hubspot-deals", { "stage" }, FALSE,
    { { "match_quality.people", COUNT, 0 }, { "new_customers", COUNT, 0 }, { "revenue_net", MONEY, 0 } } },

  /* HubSpot contacts, 687 rows (687 distinct Record IDs), created
   * 2025-10-08 .. 2026-01-28: 687 lead records. No source column, so none
   * is a Meta-sourced lead: the report's CRM leads are 0. */
  { "hubspot-contacts-workspacelive", "real/hubspot-contacts-workspacelive/hubspot-crm-exports-all-contacts-2026-02-10_1770680837777.csv",
    "USD", "UTC", "2025-10-01", "2026-01-31", 0, 687, 0, "hubspot-contacts", { NULL }, FALSE,
    { { "crm_leads_raw", COUNT, 0 }, { "crm_leads", COUNT, 0 } } },

  /* Pipedrive deals (`Deal - ` headers, every field quoted, newlines in
   * quotes), 23 rows, 49 columns, no `Deal - Value`, no `Deal - Won time`,
   * no `Deal - Status`: detected as Pipedrive, imported, and the import
   * says they can never count (no won time, no value). */
  { "pipedrive-rosie", "real/pipedrive-rosie/deals-2979966-149_1763475126278.csv",
    "USD", "America/New_York", "2025-01-01", "2025-12-31", 0, 23, 0, "pipedrive-deals",
    { "Pipedrive", "won time|value" }, FALSE,
    { { "match_quality.people", COUNT, 0 }, { "new_customers", COUNT, 0 } } },

  /* GA4 Traffic acquisition, one row per channel group (7 rows), no Date
   * dimension: refused, asking for an export with the Date dimension. */
  { "ga4-h2oplumbers", "real/ga4-h2oplumbers/Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group).csv",
    "USD", "UTC", NULL, NULL, 2, -1, -1, NULL, { "Date" }, FALSE, { { NULL } } },

  /* The same report of another property (CRLF), 4 rows, no Date: refused. */
  { "ga4-burnsedia", "real/ga4-burnsedia/Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group).csv",
    "USD", "UTC", NULL, NULL, 2, -1, -1, NULL, { "Date" }, FALSE, { { NULL } } },
};

static char *
sample_path (const Sample *sample)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "samples", sample->path, NULL);
}

static char *
make_project (const char   *dir,
              const Sample *sample)
{
  g_auto(TallyTestRun) run = { 0 };

  tally_test_run (&run, dir, "new", "p.tally", "--currency", sample->currency, "--timezone", sample->timezone, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_strdup ("p.tally");
}

/* The member at @key of the report (see Figure), or %NULL. */
static JsonNode *
report_member (JsonNode   *report,
               const char *key)
{
  JsonObject *root = json_node_get_object (report);

  if (g_str_has_prefix (key, "diag:"))
    {
      g_auto(GStrv) parts = g_strsplit (key + strlen ("diag:"), ":", 2);
      JsonArray *diagnostics = json_object_get_array_member (root, "diagnostics");

      for (guint i = 0; diagnostics != NULL && i < json_array_get_length (diagnostics); i++)
        {
          JsonObject *d = json_array_get_object_element (diagnostics, i);
          JsonObject *value;

          if (g_strcmp0 (json_object_get_string_member_with_default (d, "id", ""), parts[0]) != 0)
            continue;
          value = json_object_get_object_member (d, "value");
          return value != NULL ? json_object_get_member (value, parts[1]) : NULL;
        }
      return NULL;
    }
  else
    {
      g_autofree char *path = strchr (key, '.') != NULL ? g_strdup (key) : g_strconcat ("totals.", key, NULL);
      g_auto(GStrv) parts = g_strsplit (path, ".", -1);
      JsonNode *node = report;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            return NULL;
          node = json_object_get_member (json_node_get_object (node), parts[i]);
        }
      return node;
    }
}

static void
check_figure (JsonNode     *report,
              const Figure *figure)
{
  JsonNode *node = report_member (report, figure->key);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = tally_test_node_text (node);

      tally_test_fail ("the report's %s is %s, not a number", figure->key, text);
      return;
    }
  value = json_node_get_double (node);
  switch (figure->kind)
    {
    case MONEY:
      CHECK (llround (value * 100) == figure->value, "%s is %.2f, not %" G_GINT64_FORMAT ".%02d",
             figure->key, value, figure->value / 100, (int) (figure->value % 100));
      break;
    case COUNT:
      CHECK (value == (double) figure->value, "%s is %.0f, not %" G_GINT64_FORMAT, figure->key, value, figure->value);
      break;
    case SHARE:
      CHECK (fabs (value - figure->share) < 0.0005, "%s is %.4f, not %.4f", figure->key, value, figure->share);
      break;
    }
}

/* The last batch of `batches --json`, or %NULL. */
static JsonObject *
last_batch (JsonNode *batches)
{
  JsonArray *array;

  if (batches == NULL || !JSON_NODE_HOLDS_ARRAY (batches))
    return NULL;
  array = json_node_get_array (batches);
  if (json_array_get_length (array) == 0)
    return NULL;
  return json_array_get_object_element (array, json_array_get_length (array) - 1);
}

/* @what (a "|" separated list of alternatives) in @text. */
static gboolean
says (const char *text,
      const char *what)
{
  g_auto(GStrv) alternatives = g_strsplit (what, "|", -1);

  for (guint i = 0; alternatives[i] != NULL; i++)
    if (strstr (text, alternatives[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *input = sample_path (sample);
  g_autofree char *basename = g_path_get_basename (input);
  g_autofree char *project = NULL;
  g_autofree char *both = NULL;
  g_autoptr(JsonNode) batches_json = NULL;
  g_auto(TallyTestRun) imported = { 0 };
  g_auto(TallyTestRun) batches = { 0 };
  JsonObject *batch;

  g_assert_true (g_file_test (input, G_FILE_TEST_IS_REGULAR));
  project = make_project (dir, sample);

  tally_test_run (&imported, dir, "import", project, input, NULL);
  both = g_strconcat (imported.out, imported.err, NULL);
  g_test_message ("import exited %d\nstdout: %.2000s\nstderr: %.2000s", imported.status, imported.out, imported.err);
  CHECK (imported.status == sample->status, "the import exited %d, not %d: %.1000s",
         imported.status, sample->status, imported.err);

  for (guint i = 0; i < G_N_ELEMENTS (sample->says) && sample->says[i] != NULL; i++)
    {
      const char *where = sample->status == 0 ? both : imported.err;

      CHECK (says (where, sample->says[i]), "the import's %s does not say “%s”:\n%.2000s",
             sample->status == 0 ? "output" : "stderr", sample->says[i], where);
    }

  tally_test_run (&batches, dir, "batches", project, "--json", NULL);
  g_assert_cmpint (batches.status, ==, 0);
  batches_json = tally_test_parse_json (batches.out);
  batch = last_batch (batches_json);

  if (sample->status != 0)
    {
      guint lines = tally_test_count_lines (imported.err);

      CHECK (lines >= 1 && lines <= 3, "the refusal has %u lines on stderr, not 1 to 3:\n%s", lines, imported.err);
      CHECK (strstr (imported.err, basename) != NULL, "the refusal does not name “%s”:\n%s", basename, imported.err);
      CHECK (batch == NULL, "the refused file left a batch: %s", batches.out);
      tally_test_remove_dir (dir);
      return;
    }

  if (batch == NULL)
    {
      tally_test_fail ("no batch after the import: %s", batches.out);
      tally_test_remove_dir (dir);
      return;
    }
  CHECK (g_strcmp0 (json_object_get_string_member_with_default (batch, "file", ""), basename) == 0,
         "the batch's file is “%s”", json_object_get_string_member_with_default (batch, "file", ""));
  CHECK (json_object_get_int_member_with_default (batch, "rows", -1) == sample->rows,
         "the batch has %" G_GINT64_FORMAT " rows, not %" G_GINT64_FORMAT,
         json_object_get_int_member_with_default (batch, "rows", -1), sample->rows);
  CHECK (json_object_get_int_member_with_default (batch, "replaced", -1) == 0,
         "the batch replaced %" G_GINT64_FORMAT " rows of an empty project",
         json_object_get_int_member_with_default (batch, "replaced", -1));
  if (sample->skipped >= 0)
    CHECK (json_object_get_int_member_with_default (batch, "skipped", -1) == sample->skipped,
           "the batch skipped %" G_GINT64_FORMAT " rows, not %" G_GINT64_FORMAT,
           json_object_get_int_member_with_default (batch, "skipped", -1), sample->skipped);
  if (sample->source != NULL)
    CHECK (g_strcmp0 (json_object_get_string_member_with_default (batch, "source", ""), sample->source) == 0,
           "the file was read as “%s”, not “%s”",
           json_object_get_string_member_with_default (batch, "source", ""), sample->source);

  if (sample->figures[0].key != NULL)
    {
      g_auto(TallyTestRun) report = { 0 };
      g_autoptr(JsonNode) report_json = NULL;

      tally_test_run (&report, dir, "report", project, "--json", "--from", sample->from, "--to", sample->to, NULL);
      g_assert_cmpint (report.status, ==, 0);
      report_json = tally_test_parse_json (report.out);
      g_assert_nonnull (report_json);
      for (guint i = 0; i < MAX_FIGURES && sample->figures[i].key != NULL; i++)
        check_figure (report_json, &sample->figures[i]);
    }

  tally_test_remove_dir (dir);
}

/* The totals and the day rows of the report over @from..@to. */
static char *
report_numbers (const char *dir,
                const char *project,
                const char *from,
                const char *to)
{
  g_auto(TallyTestRun) report = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *rows = NULL;
  JsonObject *object;

  tally_test_run (&report, dir, "report", project, "--json", "--from", from, "--to", to, NULL);
  g_assert_cmpint (report.status, ==, 0);
  root = tally_test_parse_json (report.out);
  g_assert_nonnull (root);
  object = json_node_get_object (root);
  totals = tally_test_node_text (json_object_get_member (object, "totals"));
  rows = tally_test_node_text (json_object_get_member (object, "rows"));
  return g_strconcat (totals, "\n", rows, NULL);
}

static gboolean
import_ok (const char *dir,
           const char *project,
           const char *input)
{
  g_auto(TallyTestRun) run = { 0 };

  tally_test_run (&run, dir, "import", project, input, NULL);
  if (run.status != 0)
    tally_test_fail ("importing %s exited %d: %.1000s", input, run.status, run.err);
  return run.status == 0;
}

/* Import, undo, import again: the same numbers. */
static void
test_twice (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *input = sample_path (sample);
  g_autofree char *project = make_project (dir, sample);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;
  g_auto(TallyTestRun) undo = { 0 };

  empty = report_numbers (dir, project, sample->from, sample->to);
  if (!import_ok (dir, project, input))
    {
      tally_test_remove_dir (dir);
      return;
    }
  first = report_numbers (dir, project, sample->from, sample->to);

  tally_test_run (&undo, dir, "undo", project, "1", NULL);
  CHECK (undo.status == 0, "undo exited %d: %s", undo.status, undo.err);
  {
    g_autofree char *undone = report_numbers (dir, project, sample->from, sample->to);

    CHECK (g_strcmp0 (undone, empty) == 0, "after the undo the report is not that of an empty project");
  }

  if (import_ok (dir, project, input))
    {
      again = report_numbers (dir, project, sample->from, sample->to);
      CHECK (g_strcmp0 (first, again) == 0, "imported again, the numbers differ:\n%s\nthen\n%s", first, again);
    }
  tally_test_remove_dir (dir);
}

/* The two PHP months in both orders: the same report over both. */
static void
test_order (void)
{
  const Sample *sep = NULL;
  const Sample *dec = NULL;
  char *numbers[2] = { NULL, NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      if (g_str_equal (samples[i].name, "meta-pcm-php-sep"))
        sep = &samples[i];
      if (g_str_equal (samples[i].name, "meta-pcm-php-dec"))
        dec = &samples[i];
    }
  g_assert_nonnull (sep);
  g_assert_nonnull (dec);

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *dir = tally_test_make_dir ();
      g_autofree char *project = make_project (dir, sep);
      g_autofree char *a = sample_path (order == 0 ? sep : dec);
      g_autofree char *b = sample_path (order == 0 ? dec : sep);

      if (import_ok (dir, project, a) && import_ok (dir, project, b))
        {
          numbers[order] = report_numbers (dir, project, sep->from, dec->to);
          if (order == 0)
            {
              /* The sum of the two months: 66067.60 + 77678.81 = 143746.41 PHP. */
              static const Figure spend = { "spend", MONEY, 14374641 };
              g_auto(TallyTestRun) report = { 0 };
              g_autoptr(JsonNode) root = NULL;

              tally_test_run (&report, dir, "report", project, "--json", "--from", sep->from, "--to", dec->to, NULL);
              root = tally_test_parse_json (report.out);
              g_assert_nonnull (root);
              check_figure (root, &spend);
            }
        }
      tally_test_remove_dir (dir);
    }

  if (numbers[0] != NULL && numbers[1] != NULL)
    CHECK (g_strcmp0 (numbers[0], numbers[1]) == 0, "September then December gives\n%s\nDecember then September\n%s",
           numbers[0], numbers[1]);
  g_free (numbers[0]);
  g_free (numbers[1]);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *name = g_strconcat ("/tally/samples/", samples[i].name, NULL);

      g_test_add_data_func (name, &samples[i], test_sample);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    if (samples[i].twice)
      {
        g_autofree char *name = g_strconcat ("/tally/samples/twice/", samples[i].name, NULL);

        g_test_add_data_func (name, &samples[i], test_twice);
      }
  g_test_add_func ("/tally/samples/order/pcm-php-sep-dec", test_order);

  return g_test_run ();
}
