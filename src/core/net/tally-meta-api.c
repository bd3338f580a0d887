/* tally-meta-api.c: Meta's Marketing API, as far as Tally reads it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ad accounts a token sees, and ad-level insights by day for a range
 * (../shared/FORMATS.md section 2): a range of up to 31 days is read page
 * by page; a longer one through an asynchronous report run, polled until
 * Meta has made it. The answers' usage headers slow the next request when
 * a limit is near (90 %); Meta's throttling errors (codes 4, 17, 613,
 * 80000, 80004, or any it calls transient) are waited out, each wait twice
 * the last; an expired or revoked token (code 190) stops the pull. A next
 * page is followed only on the API's own host, so that the token is never
 * sent elsewhere, and no message names an address (a page's address holds
 * the token).
 */
#define G_LOG_DOMAIN "tally-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-days.h"
#include "tally-error.h"
#include "tally-meta-api.h"
#include "tally-meta-usage.h"
#include "tally-normalize.h"

#define SLOW_DOWN_PERCENT  90
#define MAX_THROTTLED      6
#define FIRST_THROTTLE_S   60.0
#define PAGE_ROWS          "500"
#define SYNC_MAX_DAYS      31
#define POLL_S             2.0
#define MAX_POLL_S         (30 * 60.0)

static const char insights_fields[] =
  "account_id,account_name,account_currency,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,"
  "date_start,date_stop,spend,impressions,reach,clicks,inline_link_clicks,actions,action_values,attribution_setting";
static const char windows[] = "[\"1d_click\",\"7d_click\",\"28d_click\",\"1d_view\"]";

struct _TallyMetaApi
{
  TallyHttp *http;
  char      *base;      /* "https://graph.facebook.com", no trailing slash */
  char      *version;
  char      *token;
};

void
tally_meta_account_free (TallyMetaAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->name);
  g_free (account->currency);
  g_free (account->timezone);
  g_free (account);
}

TallyMetaApi *
_tally_meta_api_new (const char *base_url,
                     const char *version,
                     const char *token)
{
  TallyMetaApi *api = g_new0 (TallyMetaApi, 1);
  gsize length = strlen (base_url);

  while (length > 0 && base_url[length - 1] == '/')
    length--;
  api->base = g_strndup (base_url, length);
  api->version = g_strdup (version);
  api->token = g_strdup (token);
  api->http = _tally_http_new (token);
  return api;
}

void
_tally_meta_api_free (TallyMetaApi *api)
{
  if (api == NULL)
    return;
  _tally_http_free (api->http);
  g_free (api->base);
  g_free (api->version);
  if (api->token != NULL)
    memset (api->token, 0, strlen (api->token));
  g_free (api->token);
  g_free (api);
}

TallyHttp *
_tally_meta_api_get_http (TallyMetaApi *api)
{
  return api->http;
}

/* The address of @path under the API's version, with @params and the
 * token; @params alternate names and values, NULL-terminated. */
static char *
api_uri (TallyMetaApi *api,
         const char   *path,
         ...)
{
  g_autoptr(GString) uri = g_string_new (api->base);
  const char *name;
  va_list args;

  g_string_append_printf (uri, "/%s/%s?", api->version, path);
  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_string_append_printf (uri, "%s=", name);
      g_string_append_uri_escaped (uri, value, NULL, FALSE);
      g_string_append_c (uri, '&');
    }
  va_end (args);
  g_string_append (uri, "access_token=");
  g_string_append_uri_escaped (uri, api->token, NULL, FALSE);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static gboolean
is_throttling (gint64   code,
               gboolean transient)
{
  return code == 4 || code == 17 || code == 613 || code == 80000 || code == 80004 || code == 2 || transient;
}

/* Slows the next request when the answer says a limit is near. */
static void
pace (TallyMetaApi       *api,
      SoupMessageHeaders *headers)
{
  TallyMetaUsage usage;

  _tally_meta_usage_read (headers, &usage);
  if (usage.percent >= SLOW_DOWN_PERCENT)
    {
      g_autofree char *why = g_strdup_printf (_("Meta’s rate limit is %.0f %% used"), usage.percent);

      _tally_http_hold (api->http, usage.regain_seconds > 0 ? usage.regain_seconds : FIRST_THROTTLE_S, why);
    }
}

/* Meta's error envelope, if @root is one: {"error": {"code", "message", …}}. */
static JsonObject *
error_of (JsonNode *root)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *error = object != NULL ? json_object_get_member (object, "error") : NULL;

  return error != NULL && JSON_NODE_HOLDS_OBJECT (error) ? json_node_get_object (error) : NULL;
}

static JsonNode *
parse (TallyMetaApi  *api,
       GBytes        *body,
       const char    *what,
       GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                   _("Meta’s answer for %s is not valid JSON (it may have been cut off); nothing was imported, try again later."),
                   what);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static void
set_meta_error (TallyMetaApi  *api,
                JsonObject    *envelope,
                const char    *what,
                GError       **error)
{
  gint64 code = json_object_get_int_member_with_default (envelope, "code", 0);
  g_autofree char *message = _tally_http_scrub (api->http, json_object_get_string_member_with_default (envelope, "message", ""));

  if (code == 190)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_AUTH,
                 _("Meta no longer accepts the saved token (it has expired or was revoked); connect to Meta again with a new token."));
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                 _("Meta refused the request for %s: %s (code %" G_GINT64_FORMAT "); check the account and the token’s permissions."),
                 what, message, code);
}

/* One request, its throttling waited out; the answer's JSON. */
static JsonNode *
request (TallyMetaApi  *api,
         const char    *method,
         const char    *uri,
         GHashTable    *form,
         const char    *what,
         GCancellable  *cancellable,
         GError       **error)
{
  double wait = FIRST_THROTTLE_S;

  for (int attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessageHeaders) headers = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *envelope;
      guint status = 0;

      body = _tally_http_send (api->http, method, uri, form, what, &headers, &status, cancellable, error);
      if (body == NULL)
        return NULL;
      pace (api, headers);

      root = parse (api, body, what, error);
      if (root == NULL)
        return NULL;
      envelope = error_of (root);
      if (envelope == NULL && status < 400)
        return g_steal_pointer (&root);

      if (envelope == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("Meta answered %u to the request for %s; nothing was imported, try again later."), status, what);
          return NULL;
        }
      if (!is_throttling (json_object_get_int_member_with_default (envelope, "code", 0),
                          json_object_get_boolean_member_with_default (envelope, "is_transient", FALSE)) ||
          attempt == MAX_THROTTLED)
        {
          set_meta_error (api, envelope, what, error);
          return NULL;
        }

      if (!_tally_http_wait (api->http, wait, _("Meta asked Tally to slow down"), cancellable, error))
        return NULL;
      wait *= 2;
    }
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

/* The page after @root's, on the API's own host; NULL at the last. */
static char *
next_page (TallyMetaApi  *api,
           JsonNode      *root,
           const char    *what,
           GError       **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *paging = json_object_get_member (object, "paging");
  const char *next;

  if (paging == NULL || !JSON_NODE_HOLDS_OBJECT (paging) ||
      (next = string_member (json_node_get_object (paging), "next")) == NULL)
    return NULL;
  if (!g_str_has_prefix (next, api->base) || next[strlen (api->base)] != '/')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                   _("Meta’s answer for %s points to its next page on another server; Tally does not send the token there."),
                   what);
      return NULL;
    }
  return g_strdup (next);
}

/* Every page from @uri on: the entries of their "data" lists, with
 * @each called after each page. */
typedef void (*PageFunc) (JsonArray *rows,
                          gpointer   data);

static JsonArray *
read_pages (TallyMetaApi  *api,
            char          *uri,
            const char    *what,
            PageFunc       each,
            gpointer       each_data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autofree char *next = uri;

  while (next != NULL)
    {
      g_autoptr(JsonNode) root = request (api, "GET", next, NULL, what, cancellable, error);
      g_autoptr(GError) local_error = NULL;
      JsonNode *data;

      if (root == NULL)
        return NULL;
      data = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "data") : NULL;
      if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("Meta’s answer for %s has no “data” list; nothing was imported, try again later."), what);
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (data)); i++)
        json_array_add_element (rows, json_node_copy (json_array_get_element (json_node_get_array (data), i)));
      if (each != NULL)
        each (rows, each_data);

      g_free (next);
      next = next_page (api, root, what, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&rows);
}

static TallyMetaAccount *
account_from (JsonObject *object)
{
  TallyMetaAccount *account = g_new0 (TallyMetaAccount, 1);
  const char *id = string_member (object, "id"), *number = string_member (object, "account_id");

  account->id = id != NULL ? tally_normalize_ad_account (id) : tally_normalize_ad_account (number);
  account->name = g_strdup (string_member (object, "name"));
  account->currency = g_strdup (string_member (object, "currency"));
  account->timezone = g_strdup (string_member (object, "timezone_name"));
  return account;
}

/**
 * _tally_meta_api_accounts:
 *
 * Returns: (transfer full) (element-type TallyMetaAccount): the ad accounts
 *   the token can see, in Meta's order
 */
GPtrArray *
_tally_meta_api_accounts (TallyMetaApi  *api,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const char *what = _("the ad accounts");
  g_autoptr(JsonArray) rows = read_pages (api, api_uri (api, "me/adaccounts", "fields", "id,account_id,name,currency,timezone_name",
                                                        "limit", "100", NULL),
                                          what, NULL, NULL, cancellable, error);
  g_autoptr(GPtrArray) accounts = NULL;

  if (rows == NULL)
    return NULL;
  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_meta_account_free);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      TallyMetaAccount *account;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      account = account_from (json_node_get_object (node));
      if (account->id == NULL)
        tally_meta_account_free (account);
      else
        g_ptr_array_add (accounts, account);
    }
  return g_steal_pointer (&accounts);
}

/* One account's name, currency and zone. */
TallyMetaAccount *
_tally_meta_api_account (TallyMetaApi  *api,
                         const char    *account_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *what = g_strdup_printf (_("the ad account %s"), account_id);
  g_autofree char *uri = api_uri (api, account_id, "fields", "id,account_id,name,currency,timezone_name", NULL);
  g_autoptr(JsonNode) root = request (api, "GET", uri, NULL, what, cancellable, error);
  g_autoptr(TallyMetaAccount) account = NULL;

  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (root))
    account = account_from (json_node_get_object (root));
  if (account == NULL || account->id == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                   _("Meta’s answer for %s names no account; check the account number."), what);
      return NULL;
    }
  return g_steal_pointer (&account);
}

/* Insights ----------------------------------------------------------------- */

typedef struct
{
  TallyPullProgress  progress;
  gpointer           data;
  gint32           from;
  guint              days;
  double             start;     /* the share of the pull before the pages */
  guint              pages;
} PullState;

/* The share of the range's days the rows so far reach. */
static void
page_read (JsonArray *rows,
           gpointer   data)
{
  PullState *state = data;
  gint32 last = state->from;
  g_autofree char *status = NULL;

  state->pages++;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      const char *day = JSON_NODE_HOLDS_OBJECT (node) ? string_member (json_node_get_object (node), "date_start") : NULL;
      gint32 parsed;

      if (day != NULL && tally_day_parse (day, &parsed) && parsed > last)
        last = parsed;
    }
  if (state->progress == NULL)
    return;
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read %u page of insights", "Read %u pages of insights", state->pages),
                            state->pages);
  state->progress (state->start + (1 - state->start) * MIN (1.0, (double) (last - state->from + 1) / state->days),
                   status, state->data);
}

static char *
time_range (const char *from,
            const char *to)
{
  return g_strdup_printf ("{\"since\":\"%s\",\"until\":\"%s\"}", from, to);
}

/* Creates an asynchronous report run and polls it until Meta has made
 * it; its id. */
static char *
run_report (TallyMetaApi  *api,
            const char    *account_id,
            const char    *from,
            const char    *to,
            PullState     *state,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *what = g_strdup_printf (_("the insights of %s"), account_id);
  g_autofree char *path = g_strconcat (account_id, "/insights", NULL);
  g_autofree char *uri = g_strdup_printf ("%s/%s/%s", api->base, api->version, path);
  g_autofree char *range = time_range (from, to);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) created = NULL;
  const char *run;
  double waited = 0;

  g_hash_table_insert (form, "level", "ad");
  g_hash_table_insert (form, "time_increment", "1");
  g_hash_table_insert (form, "time_range", range);
  g_hash_table_insert (form, "fields", (char *) insights_fields);
  g_hash_table_insert (form, "action_attribution_windows", (char *) windows);
  g_hash_table_insert (form, "access_token", api->token);
  created = request (api, "POST", uri, form, what, cancellable, error);
  if (created == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (created) || (run = string_member (json_node_get_object (created), "report_run_id")) == NULL ||
      strspn (run, "0123456789") != strlen (run) || run[0] == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                   _("Meta did not start a report for %s; try again later."), what);
      return NULL;
    }

  for (;;)
    {
      g_autofree char *poll = api_uri (api, run, "fields", "async_status,async_percent_completion", NULL);
      g_autoptr(JsonNode) root = request (api, "GET", poll, NULL, what, cancellable, error);
      g_autofree char *status_text = NULL;
      const char *status;
      gint64 percent;

      if (root == NULL)
        return NULL;
      status = JSON_NODE_HOLDS_OBJECT (root) ? string_member (json_node_get_object (root), "async_status") : NULL;
      percent = JSON_NODE_HOLDS_OBJECT (root)
        ? json_object_get_int_member_with_default (json_node_get_object (root), "async_percent_completion", 0) : 0;
      percent = CLAMP (percent, 0, 100);

      if (state->progress != NULL)
        {
          status_text = g_strdup_printf (_("Meta is preparing the report: %" G_GINT64_FORMAT " %%"), percent);
          state->progress (state->start * (double) percent / 100, status_text, state->data);
        }
      if (g_strcmp0 (status, "Job Completed") == 0 && percent == 100)
        return g_strdup (run);
      if (g_strcmp0 (status, "Job Failed") == 0 || g_strcmp0 (status, "Job Skipped") == 0)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("Meta could not make the report of %s (%s); pull a shorter range, or try again later."),
                       what, status);
          return NULL;
        }
      if (waited >= MAX_POLL_S)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("Meta had not made the report of %s after 30 minutes; try again later."), what);
          return NULL;
        }
      if (!_tally_http_wait (api->http, POLL_S, _("Meta is preparing the report"), cancellable, error))
        return NULL;
      waited += POLL_S;
    }
}

/**
 * _tally_meta_api_insights:
 * @account_id: "act_" and a number
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, inclusive
 *
 * Returns: (transfer full): the insights of every ad, one entry a day, as
 *   the "data" lists of the answers have them
 */
JsonArray *
_tally_meta_api_insights (TallyMetaApi       *api,
                          const char         *account_id,
                          const char         *from,
                          const char         *to,
                          TallyPullProgress   progress,
                          gpointer            progress_data,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autofree char *what = g_strdup_printf (_("the insights of %s"), account_id);
  PullState state = { progress, progress_data };
  gint32 last;

  if (!tally_day_parse (from, &state.from) || !tally_day_parse (to, &last) || last < state.from)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                   _("“%s” to “%s” is not a range of days; give the first and the last day as YYYY-MM-DD."), from, to);
      return NULL;
    }
  state.days = (guint) (last - state.from + 1);

  if (state.days <= SYNC_MAX_DAYS)
    {
      g_autofree char *range = time_range (from, to);
      g_autofree char *path = g_strconcat (account_id, "/insights", NULL);

      return read_pages (api, api_uri (api, path, "level", "ad", "time_increment", "1", "time_range", range,
                                       "fields", insights_fields, "action_attribution_windows", windows,
                                       "limit", PAGE_ROWS, NULL),
                         what, page_read, &state, cancellable, error);
    }
  else
    {
      g_autofree char *run = NULL;
      g_autofree char *path = NULL;

      state.start = 0.5;
      run = run_report (api, account_id, from, to, &state, cancellable, error);
      if (run == NULL)
        return NULL;
      path = g_strconcat (run, "/insights", NULL);
      return read_pages (api, api_uri (api, path, "limit", PAGE_ROWS, NULL), what, page_read, &state, cancellable, error);
    }
}
