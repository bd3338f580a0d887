/* test-pull.c: Meta insights and ECB rates pulled over the network
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real client (libsoup, the pacing, the retries, the import) against
 * a SoupServer on loopback that answers with recorded responses: the
 * insights of ../shared/samples (copied to fixtures/samples), split into
 * pages, and Meta's documented envelopes for errors and report runs
 * (../shared/FORMATS.md section 2). Waits run at a thousandth of their
 * length, and are measured on the server's clock.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "tally-core.h"
#include "tally-fake-server.h"
#include "tally-project-private.h"
#include "tally-test-project.h"
#include "tally-test-utils.h"

#define TOKEN    "EAAB-test-token-5f3c9a1d"
#define SCALE    0.001
#define INSIGHTS "/v25.0/act_798085168510957/insights"
#define ACCOUNT  "/v25.0/act_798085168510957"

typedef struct
{
  TallyTestClient  client;
  FakeServer      *server;
  char            *path;
  GPtrArray       *statuses;
  GCancellable    *cancel_on_page;
} Fixture;

static const char account_json[] =
  "{\"id\":\"act_798085168510957\",\"account_id\":\"798085168510957\",\"name\":\"Porsche Riverside\","
  "\"currency\":\"USD\",\"timezone_name\":\"America/Los_Angeles\"}";

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *feed = NULL;
  g_autoptr(GError) error = NULL;

  tally_test_client_setup (&fixture->client, data);
  fixture->server = fake_server_new ();
  fixture->statuses = g_ptr_array_new_with_free_func (g_free);
  fixture->path = g_strdup (tally_project_get_path (fixture->client.project));
  feed = g_strconcat (fake_server_get_base (fixture->server), "/stats/eurofxref/eurofxref-daily.xml", NULL);
  g_assert_true (tally_setting_save (fixture->client.project, "meta_api_base_url", fake_server_get_base (fixture->server), &error));
  g_assert_true (tally_setting_save (fixture->client.project, "fx_feed_url", feed, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fake_server_free (fixture->server);
  g_ptr_array_unref (fixture->statuses);
  g_clear_object (&fixture->cancel_on_page);
  g_free (fixture->path);
  tally_test_client_teardown (&fixture->client, data);
}

static void
note_status (double      fraction,
             const char *status,
             gpointer    data)
{
  Fixture *fixture = data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  g_ptr_array_add (fixture->statuses, g_strdup (status));
  if (fixture->cancel_on_page != NULL && strstr (status, "page") != NULL)
    g_cancellable_cancel (fixture->cancel_on_page);
}

static gboolean
saw_status (Fixture    *fixture,
            const char *part)
{
  for (guint i = 0; i < fixture->statuses->len; i++)
    if (strstr (fixture->statuses->pdata[i], part) != NULL)
      return TRUE;
  return FALSE;
}

static char *
sample_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "samples", relative, NULL);
}

/* The sample's "data" entries from @first, @count of them, as a page whose
 * next page is @next (NULL for the last). */
static char *
sample_page (const char *relative,
             guint       first,
             guint       count,
             const char *next)
{
  g_autofree char *file = sample_path (relative);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *data;

  g_assert_true (json_parser_load_from_file (parser, file, NULL));
  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = first; i < first + count; i++)
    json_array_add_element (page, json_node_copy (json_array_get_element (data, i)));
  json_object_set_array_member (object, "data", json_array_ref (page));
  if (next != NULL)
    {
      JsonObject *paging = json_object_new ();

      json_object_set_string_member (paging, "next", next);
      json_object_set_object_member (object, "paging", paging);
    }
  json_node_set_object (root, object);
  return json_to_string (root, FALSE);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (fixture->client.project));
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
pull (Fixture           *fixture,
      const char        *from,
      const char        *to,
      GCancellable      *cancellable,
      TallyPullResult  **result,
      GError           **error)
{
  TallyPullOptions options = { TOKEN, "act_798085168510957", from, to, FALSE, SCALE };

  return tally_pull_meta (fixture->client.project, &options, note_status, fixture, cancellable, result, error);
}

/* Two pages of accounts, the token sent as Meta's SDK sends it. */
static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *next = g_strconcat (fake_server_get_base (fixture->server),
                                       "/v25.0/me/adaccounts?after=QVFI&access_token=" TOKEN, NULL);
  g_autofree char *first = g_strdup_printf ("{\"data\":[{\"id\":\"act_111\",\"account_id\":\"111\",\"name\":\"Casa Jacaranda\","
                                            "\"currency\":\"MXN\",\"timezone_name\":\"America/Mexico_City\"}],"
                                            "\"paging\":{\"cursors\":{\"after\":\"QVFI\"},\"next\":\"%s\"}}", next);
  TallyPullOptions options = { TOKEN, NULL, NULL, NULL, FALSE, SCALE };
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  TallyMetaAccount *account;

  fake_server_add (fixture->server, "/v25.0/me/adaccounts", 200, first, NULL);
  fake_server_add (fixture->server, "/v25.0/me/adaccounts", 200,
                   "{\"data\":[{\"id\":\"act_798085168510957\",\"name\":\"Porsche Riverside\",\"currency\":\"USD\","
                   "\"timezone_name\":\"America/Los_Angeles\"}]}", NULL);
  accounts = tally_pull_accounts (fixture->client.project, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  account = accounts->pdata[0];
  g_assert_cmpstr (account->id, ==, "act_111");
  g_assert_cmpstr (account->name, ==, "Casa Jacaranda");
  g_assert_cmpstr (account->currency, ==, "MXN");
  g_assert_cmpstr (account->timezone, ==, "America/Mexico_City");
  g_assert_cmpstr (((TallyMetaAccount *) accounts->pdata[1])->id, ==, "act_798085168510957");

  request = fake_server_request (fixture->server, "/v25.0/me/adaccounts", 0);
  g_assert_nonnull (strstr (request, "access_token=" TOKEN));
  g_assert_nonnull (strstr (request, "timezone_name"));
  g_assert_cmpuint (fake_server_count (fixture->server, "/v25.0/me/adaccounts"), ==, 2);
}

/* A next page on another host is not followed: the token would go there. */
static void
test_foreign_next_page (Fixture       *fixture,
                        gconstpointer  data)
{
  TallyPullOptions options = { TOKEN, NULL, NULL, NULL, FALSE, SCALE };
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_add (fixture->server, "/v25.0/me/adaccounts", 200,
                   "{\"data\":[],\"paging\":{\"next\":\"https://graph.example.net/v25.0/me/adaccounts?after=x\"}}", NULL);
  accounts = tally_pull_accounts (fixture->client.project, &options, NULL, &error);
  g_assert_null (accounts);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "another server"));
}

/* Seven days of one ad over two pages, as the 8URT sample has them:
 * impressions 12529 + 0 + 36127 + 59628 + 57289 + 33767 + 5851 = 205191,
 * link clicks 162 + 457 + 537 + 564 + 462 + 87 = 2269 (none on 07-29),
 * clicks 609 + 0 + 1190 + 742 + 658 + 629 + 133 = 3961. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  const char *sample = "meta-8urt/facebook_ad_insights_120230836899220457_2025-08-06.json";
  g_autofree char *next = g_strconcat (fake_server_get_base (fixture->server), INSIGHTS "?after=NgZDZD&access_token=" TOKEN, NULL);
  g_autofree char *first = sample_page (sample, 0, 4, next);
  g_autofree char *second = sample_page (sample, 4, 3, NULL);
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *account = NULL;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, first, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, second, NULL);
  g_assert_true (pull (fixture, "2025-07-28", "2025-08-03", NULL, &result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fake_server_count (fixture->server, INSIGHTS), ==, 2);
  g_assert_cmpuint (result->import->rows_added, ==, 7);
  g_assert_cmpint (query_int (fixture, "SELECT sum (impressions) FROM meta_rows"), ==, 205191);
  g_assert_cmpint (query_int (fixture, "SELECT sum (link_clicks) FROM meta_rows"), ==, 2269);
  g_assert_cmpint (query_int (fixture, "SELECT sum (all_clicks) FROM meta_rows"), ==, 3961);
  g_assert_true (saw_status (fixture, "2 pages"));

  /* Ad level, by day, with the windows the view-through share needs. */
  request = fake_server_request (fixture->server, INSIGHTS, 0);
  g_assert_nonnull (strstr (request, "level=ad"));
  g_assert_nonnull (strstr (request, "time_increment=1"));
  g_assert_nonnull (strstr (request, "2025-07-28"));
  g_assert_nonnull (strstr (request, "1d_view"));
  g_assert_nonnull (strstr (request, "action_values"));

  /* The project remembers the account and its zone. */
  account = tally_project_get_setting (fixture->client.project, "meta_account_id");
  g_assert_cmpstr (account, ==, "act_798085168510957");
  g_free (account);
  account = tally_project_get_setting (fixture->client.project, "meta_account_timezone");
  g_assert_cmpstr (account, ==, "America/Los_Angeles");
  g_assert_nonnull (result->note);
}

/* A range longer than a month goes through a report run; Airbyte's
 * recording then gives one ad on 2023-06-01, spend 14.35 + 8.53. */
static void
test_report_run (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, "{\"report_run_id\":\"1571860060019548\"}", NULL);
  fake_server_add (fixture->server, "/v25.0/1571860060019548", 200,
                   "{\"id\":\"1571860060019548\",\"async_status\":\"Job Not Started\",\"async_percent_completion\":0}", NULL);
  fake_server_add (fixture->server, "/v25.0/1571860060019548", 200,
                   "{\"id\":\"1571860060019548\",\"async_status\":\"Job Running\",\"async_percent_completion\":50}", NULL);
  fake_server_add (fixture->server, "/v25.0/1571860060019548", 200,
                   "{\"id\":\"1571860060019548\",\"async_status\":\"Job Completed\",\"async_percent_completion\":100}", NULL);
  fake_server_add (fixture->server, "/v25.0/1571860060019548/insights", 200, page, NULL);

  g_assert_true (pull (fixture, "2023-05-01", "2023-06-30", NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (saw_status (fixture, ": 0 %"));
  g_assert_true (saw_status (fixture, ": 50 %"));
  g_assert_true (saw_status (fixture, ": 100 %"));
  g_assert_cmpuint (fake_server_count (fixture->server, "/v25.0/1571860060019548"), ==, 3);
  created = fake_server_request (fixture->server, INSIGHTS, 0);
  g_assert_true (g_str_has_prefix (created, "POST "));
  g_assert_nonnull (strstr (created, "level=ad"));
  g_assert_cmpuint (result->import->rows_added, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows"), ==, 1435 + 853);
}

/* Code 80000 is waited out (60 s, here 60 ms), then the pull goes on. */
static void
test_throttled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 gap;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 400,
                   "{\"error\":{\"message\":\"(#80000) There have been too many calls from this ad-account. Wait a bit and try again.\","
                   "\"type\":\"OAuthException\",\"code\":80000,\"error_subcode\":2446079}}", NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, &result, &error));
  g_assert_no_error (error);

  gap = fake_server_time (fixture->server, INSIGHTS, 1) - fake_server_time (fixture->server, INSIGHTS, 0);
  g_assert_cmpint (gap, >=, 60 * 1000);
  g_assert_true (saw_status (fixture, "slow down"));
  g_assert_cmpuint (result->import->rows_added, ==, 2);
}

/* A usage header past 90 % holds the next request for the time Meta
 * gives (2 minutes, here 120 ms); one below it does not. */
static void
test_usage_header (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(GError) error = NULL;
  gint64 gap;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, "x-business-use-case-usage",
                   "{\"798085168510957\":[{\"type\":\"ads_insights\",\"call_count\":95,\"total_cputime\":20,"
                   "\"total_time\":20,\"estimated_time_to_regain_access\":2}]}", NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, "x-fb-ads-insights-throttle",
                   "{\"app_id_util_pct\":10,\"acc_id_util_pct\":20,\"ads_api_access_tier\":\"standard_access\"}", NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, NULL, &error));
  g_assert_no_error (error);
  gap = fake_server_time (fixture->server, INSIGHTS, 0) - fake_server_time (fixture->server, ACCOUNT, 0);
  g_assert_cmpint (gap, >=, 120 * 1000);
  g_assert_true (saw_status (fixture, "95 %"));
}

/* A 500 is tried again. */
static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 500,
                   "{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1,\"is_transient\":true}}", NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_server_count (fixture->server, INSIGHTS), ==, 2);
  g_assert_cmpuint (result->import->rows_added, ==, 2);
}

/* Each failure leaves the project file as it was, byte for byte. */
static void
assert_refused (Fixture    *fixture,
                const char *from,
                const char *to,
                int         code,
                const char *sentence)
{
  g_autofree char *before = tally_test_file_sha256 (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pull (fixture, from, to, NULL, NULL, &error));
  g_assert_error (error, TALLY_ERROR, code);
  g_assert_nonnull (strstr (error->message, sentence));
  g_assert_null (strstr (error->message, TOKEN));
  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM meta_rows"), ==, 0);
}

static void
test_expired_token (Fixture       *fixture,
                    gconstpointer  data)
{
  fake_server_add (fixture->server, ACCOUNT, 400,
                   "{\"error\":{\"message\":\"Error validating access token: Session has expired on Tuesday, 01-Dec-26 "
                   "09:00:00 PST.\",\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463}}", NULL);
  assert_refused (fixture, "2023-06-01", "2023-06-01", TALLY_ERROR_AUTH, "connect to Meta again with a new token");
  g_assert_cmpuint (fake_server_count (fixture->server, INSIGHTS), ==, 0);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, "{\"data\":[{\"date_start\":\"2023-06-01\",\"spend\":", NULL);
  assert_refused (fixture, "2023-06-01", "2023-06-01", TALLY_ERROR_NETWORK, "is not valid JSON");
}

static void
test_cut_off (Fixture       *fixture,
              gconstpointer  data)
{
  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add_cut (fixture->server, INSIGHTS, "{\"data\":[{\"date_start\":\"2023-06-01\",\"spend\":\"14.35\"");
  assert_refused (fixture, "2023-06-01", "2023-06-01", TALLY_ERROR_NETWORK, "check the connection");
  g_assert_cmpuint (fake_server_count (fixture->server, INSIGHTS), ==, 5);
}

/* Cancelled once the first page is in: nothing is written. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  const char *sample = "meta-8urt/facebook_ad_insights_120230836899220457_2025-08-06.json";
  g_autofree char *next = g_strconcat (fake_server_get_base (fixture->server), INSIGHTS "?after=NgZDZD", NULL);
  g_autofree char *first = sample_page (sample, 0, 4, next);
  g_autofree char *before = tally_test_file_sha256 (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fixture->cancel_on_page = g_cancellable_new ();
  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, first, NULL);
  g_assert_false (pull (fixture, "2025-07-28", "2025-08-03", fixture->cancel_on_page, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (fake_server_count (fixture->server, INSIGHTS), ==, 1);
}

/* Meta restates: a second pull of the same day, with another spend,
 * replaces the rows of the first (SPEC section 2). Airbyte's two rows are
 * one ad on 2023-06-01 broken down by product; the second pull says
 * 15.00 and 9.00 where the first said 14.35 and 8.53. */
static void
test_repull_replaces (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(GString) restated = g_string_new (page);
  g_autoptr(TallyPullResult) first = NULL;
  g_autoptr(TallyPullResult) second = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows WHERE replaced_by IS NULL"), ==, 1435 + 853);

  g_assert_cmpuint (g_string_replace (restated, "\"spend\":\"14.35\"", "\"spend\":\"15.00\"", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (restated, "\"spend\":\"8.53\"", "\"spend\":\"9.00\"", 1), ==, 1);
  fake_server_add (fixture->server, INSIGHTS, 200, restated->str, NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->import->rows_added, ==, 2);
  g_assert_cmpuint (second->import->rows_replaced, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows WHERE replaced_by IS NULL"), ==, 1500 + 900);
}

/* With no range: from the last day pulled minus 28 days to yesterday. */
static void
test_default_range (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyZone) zone = NULL;
  char from[11], to[11], expected[11];

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_assert_true (pull (fixture, "2023-06-01", "2023-06-01", NULL, NULL, &error));
  g_assert_no_error (error);

  /* The rows reach 2023-06-01: 28 days before it is 2023-05-04. */
  g_assert_true (tally_pull_default_range (fixture->client.project, "act_798085168510957", from, to, &error));
  g_assert_cmpstr (from, ==, "2023-05-04");
  zone = tally_zone_new ("America/Los_Angeles");
  tally_day_format (tally_zone_today (zone) - 1, expected);
  g_assert_cmpstr (to, ==, expected);

  /* An account never pulled: the 28 days up to yesterday. */
  g_assert_true (tally_pull_default_range (fixture->client.project, "act_1", from, to, &error));
  tally_day_format (tally_zone_today (zone) - 28, expected);
  g_assert_cmpstr (from, ==, expected);
}

/* The ECB's daily file: 2025-05-09, USD 1.1252 and MXN 21.9473 a euro, so
 * one MXN is 1.1252 / 21.9473 USD; its history: 2020-01-28, USD 1.1005
 * and GBP 0.84603, one GBP 1.1005 / 0.84603 USD. */
static void
test_ecb (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *daily = sample_path ("ecb/eurofxref-daily.xml");
  g_autofree char *history = sample_path ("ecb/eurofxref-hist.xml");
  TallyPullOptions options = { NULL, NULL, NULL, NULL, FALSE, SCALE };
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(TallyPullResult) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFacts) facts = NULL;
  g_autoptr(TallyFx) fx = NULL;
  gint32 may9, jan28;

  fake_server_add_file (fixture->server, "/stats/eurofxref/eurofxref-daily.xml", daily);
  fake_server_add_file (fixture->server, "/stats/eurofxref/eurofxref-hist.xml", history);
  g_assert_true (tally_pull_fx (fixture->client.project, &options, note_status, fixture, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->import->rows_added, ==, 30);
  g_assert_cmpstr (result->import->file_name, ==, "eurofxref-daily.xml");

  options.history = TRUE;
  g_assert_true (tally_pull_fx (fixture->client.project, &options, note_status, fixture, NULL, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all->import->rows_added, ==, 28 * 32);

  facts = tally_facts_load (fixture->client.project, &error);
  g_assert_no_error (error);
  fx = tally_fx_new (facts, "USD", TALLY_FX_DAILY, NULL);
  g_assert_true (tally_day_parse ("2025-05-09", &may9));
  g_assert_true (tally_day_parse ("2020-01-28", &jan28));
  g_assert_cmpfloat_with_epsilon (tally_fx_rate (fx, "MXN", may9), 1.1252 / 21.9473, 1e-12);
  g_assert_cmpfloat_with_epsilon (tally_fx_rate (fx, "GBP", jan28), 1.1005 / 0.84603, 1e-12);

  /* The same feed again brings nothing new, and is no error. */
  g_clear_pointer (&result, tally_pull_result_free);
  options.history = FALSE;
  g_assert_true (tally_pull_fx (fixture->client.project, &options, NULL, NULL, NULL, &result, &error));
  g_assert_null (result->import);
}

/* A feed cut off or not XML changes nothing. */
static void
test_ecb_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  TallyPullOptions options = { NULL, NULL, NULL, NULL, FALSE, SCALE };
  g_autofree char *before = tally_test_file_sha256 (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_add (fixture->server, "/stats/eurofxref/eurofxref-daily.xml", 200,
                   "<?xml version=\"1.0\"?><gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\">"
                   "<Cube><Cube time='2025-05-09'><Cube currency='USD' rate='1.1252'/>", NULL);
  g_assert_false (tally_pull_fx (fixture->client.project, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  after = tally_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  GError **error = data;

  tally_pull_job_run_finish (TALLY_PULL_JOB (object), result, error);
  g_main_context_wakeup (NULL);
  *(gboolean *) g_object_get_data (object, "done") = TRUE;
}

/* The app's way: on a worker thread, with a connection of its own. */
static void
test_job (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  TallyPullOptions options = { TOKEN, "act_798085168510957", "2023-06-01", "2023-06-01", FALSE, 0 };
  g_autoptr(TallyPullJob) job = tally_pull_job_new (fixture->client.project, TALLY_PULL_META, &options);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gboolean done = FALSE;

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_object_set_data (G_OBJECT (job), "done", &done);
  tally_pull_job_run_async (job, NULL, job_done, &error);
  g_assert_null (tally_pull_job_get_result (job));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  g_assert_cmpfloat (tally_pull_job_get_fraction (job), ==, 1.0);
  status = tally_pull_job_dup_status (job);
  g_assert_nonnull (status);
  g_assert_cmpuint (tally_pull_job_get_result (job)->import->rows_added, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows"), ==, 1435 + 853);
}

/* tally-cli with @token in TALLY_META_TOKEN: its exit status, and all it
 * printed in @output. */
static int
run_cli (Fixture     *fixture,
         const char  *token,
         char       **output,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TALLY_META_TOKEN", token, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list list;
  int status;

  g_ptr_array_add (args, (char *) g_getenv ("TALLY_CLI"));
  va_start (list, output);
  while ((arg = va_arg (list, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  *output = g_strconcat (out, err, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;
  gsize length, n = strlen (text);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* The token is in no line the CLI prints, in success or in error, and
 * nowhere in the project file. */
static void
test_token_kept_out (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *page = sample_page ("airbyte-fb-marketing/ads_insights_action_product_id.json", 0, 2, NULL);
  g_autofree char *output = NULL;
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);

  g_clear_object (&fixture->client.project);
  fake_server_add (fixture->server, "/v25.0/me/adaccounts", 200, "{\"data\":[" "{\"id\":\"act_798085168510957\"," "\"name\":\"Porsche Riverside\"}]}", NULL);
  g_assert_cmpint (run_cli (fixture, TOKEN, &output, "accounts", fixture->path, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "act_798085168510957"));
  g_assert_null (strstr (output, TOKEN));
  g_clear_pointer (&output, g_free);

  fake_server_add (fixture->server, ACCOUNT, 200, account_json, NULL);
  fake_server_add (fixture->server, INSIGHTS, 200, page, NULL);
  g_assert_cmpint (run_cli (fixture, TOKEN, &output, "pull", fixture->path, "--account", "798085168510957",
                            "--from", "2023-06-01", "--to", "2023-06-01", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "2 added"));
  g_assert_null (strstr (output, TOKEN));
  g_clear_pointer (&output, g_free);

  /* Meta's own message for an expired token names no token, and neither
   * does Tally's; nor does a connection refused. */
  fake_server_add (fixture->server, ACCOUNT, 400,
                   "{\"error\":{\"message\":\"Error validating access token " TOKEN "\",\"code\":190}}", NULL);
  g_assert_cmpint (run_cli (fixture, TOKEN, &output, "pull", fixture->path, NULL), ==, 2);
  g_assert_nonnull (strstr (output, "connect to Meta again"));
  g_assert_null (strstr (output, TOKEN));
  g_clear_pointer (&output, g_free);

  g_assert_cmpint (run_cli (fixture, TOKEN, &output, "get", fixture->path, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "act_798085168510957"));
  g_assert_null (strstr (output, TOKEN));

  g_assert_false (file_holds (fixture->path, TOKEN));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  fixture->client.project = tally_project_open (fixture->path, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated folders have no GSettings schemas for the desktop's
   * proxy settings; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("TALLY_META_TOKEN", "", TRUE);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/pull/accounts", test_accounts);
  ADD ("/tally/pull/foreign-next-page", test_foreign_next_page);
  ADD ("/tally/pull/pages", test_pages);
  ADD ("/tally/pull/report-run", test_report_run);
  ADD ("/tally/pull/throttled", test_throttled);
  ADD ("/tally/pull/usage-header", test_usage_header);
  ADD ("/tally/pull/server-error", test_server_error);
  ADD ("/tally/pull/expired-token", test_expired_token);
  ADD ("/tally/pull/malformed", test_malformed);
  ADD ("/tally/pull/cut-off", test_cut_off);
  ADD ("/tally/pull/cancelled", test_cancelled);
  ADD ("/tally/pull/repull-replaces", test_repull_replaces);
  ADD ("/tally/pull/default-range", test_default_range);
  ADD ("/tally/pull/ecb", test_ecb);
  ADD ("/tally/pull/ecb-refused", test_ecb_refused);
  ADD ("/tally/pull/token-kept-out", test_token_kept_out);
  ADD ("/tally/pull/job", test_job);
#undef ADD

  return g_test_run ();
}
