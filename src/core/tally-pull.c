/* tally-pull.c: Meta insights and ECB rates pulled into a project
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pull is an import whose file comes over the network: the answers are
 * read whole first, written to a file of Tally's own in a private folder,
 * and imported as one batch like any export, so that a pull that fails,
 * is cancelled or is cut off writes nothing, and a re-pull of days already
 * there replaces them (SPEC section 2; it is how Meta's restatements of
 * the last 28 days reach the project). After a Meta pull the project
 * remembers the account (`meta_account_id`) and, where it was not set, the
 * account's zone (`meta_account_timezone`).
 */
#define G_LOG_DOMAIN "tally-pull"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tally-days.h"
#include "tally-error.h"
#include "tally-normalize.h"
#include "tally-project-private.h"
#include "tally-pull.h"
#include "tally-setting-save.h"
#include "tally-store.h"
#include "tally-zone.h"

#define RESTATEMENT_DAYS 28

void
tally_pull_result_free (TallyPullResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->import, tally_import_result_free);
  g_clear_pointer (&result->account, tally_meta_account_free);
  g_free (result->note);
  g_free (result);
}

static TallyMetaApi *
new_api (TallyProject            *project,
         const TallyPullOptions  *options,
         GCancellable            *cancellable,
         GError                 **error)
{
  g_autofree char *token = options->token != NULL ? g_strdup (options->token) : tally_token_lookup (cancellable, error);
  g_autofree char *base = tally_project_get_effective_setting (project, "meta_api_base_url");
  g_autofree char *version = tally_project_get_effective_setting (project, "meta_api_version");
  TallyMetaApi *api;

  if (token == NULL)
    return NULL;
  api = _tally_meta_api_new (base, version, token);
  if (options->time_scale > 0)
    _tally_http_set_time_scale (_tally_meta_api_get_http (api), options->time_scale);
  return api;
}

/**
 * tally_pull_accounts:
 *
 * Returns: (transfer full) (element-type TallyMetaAccount): the ad
 *   accounts the token sees
 */
GPtrArray *
tally_pull_accounts (TallyProject            *project,
                     const TallyPullOptions  *options,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(TallyMetaApi) api = new_api (project, options, cancellable, error);

  return api != NULL ? _tally_meta_api_accounts (api, cancellable, error) : NULL;
}

/* The last day the project has rows of @account_id for; 0 for none. */
static gboolean
last_day (TallyProject  *project,
          const char    *account_id,
          gint32        *day,
          GError       **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (store,
    "SELECT max (date_start) FROM meta_rows WHERE account_id = ?1 AND replaced_by IS NULL", error);
  int rc;

  *day = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account_id + strlen ("act_"), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tally_store_set_error (store, rc, error);
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    tally_day_parse ((const char *) sqlite3_column_text (stmt, 0), day);
  return TRUE;
}

/**
 * tally_pull_default_range:
 * @account_id: "act_" and a number
 *
 * The days a pull with no range fetches: from the last day pulled for
 * @account_id minus 28 days (Meta restates that far back) to yesterday in
 * the account's zone; the 28 days to yesterday when nothing was pulled.
 */
gboolean
tally_pull_default_range (TallyProject  *project,
                          const char    *account_id,
                          char           from[11],
                          char           to[11],
                          GError       **error)
{
  g_autofree char *zone_name = tally_project_get_effective_setting (project, "meta_account_timezone");
  g_autoptr(TallyZone) zone = tally_zone_new (zone_name);
  gint32 yesterday = tally_zone_today (zone) - 1, last, first;

  if (!last_day (project, account_id, &last, error))
    return FALSE;
  first = last > 0 ? MIN (last, yesterday) - RESTATEMENT_DAYS : yesterday - (RESTATEMENT_DAYS - 1);
  tally_day_format (first, from);
  tally_day_format (yesterday, to);
  return TRUE;
}

/* A folder of Tally's own for the file of a pull, and its path. */
static char *
scratch_path (const char  *name,
              char       **folder,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *folder = g_dir_make_tmp ("tally-pull-XXXXXX", &local_error);
  if (*folder == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("Tally could not make a temporary folder for the download (%s); check the free space."),
                   local_error->message);
      return NULL;
    }
  return g_build_filename (*folder, name, NULL);
}

static void
remove_scratch (const char *path,
                const char *folder)
{
  if (path != NULL)
    g_unlink (path);
  if (folder != NULL)
    g_rmdir (folder);
}

typedef struct
{
  TallyPullProgress progress;
  gpointer          data;
  double            start;
  double            share;
  double            last;      /* the fraction last told */
} Stage;

static void
import_progress (double   fraction,
                 gpointer data)
{
  Stage *stage = data;

  if (stage->progress != NULL)
    stage->progress (stage->start + stage->share * fraction, _("Importing"), stage->data);
}

static void
fetch_progress (double      fraction,
                const char *status,
                gpointer    data)
{
  Stage *stage = data;

  stage->last = stage->start + stage->share * fraction;
  if (stage->progress != NULL)
    stage->progress (stage->last, status, stage->data);
}

/* A wait is told as what the pull is doing meanwhile. */
static void
wait_progress (double      seconds,
               const char *why,
               gpointer    data)
{
  Stage *stage = data;
  g_autofree char *status = NULL;

  if (stage->progress == NULL)
    return;
  status = g_strdup_printf (_("Waiting %.0f s: %s"), seconds, why != NULL ? why : "");
  stage->progress (stage->last, status, stage->data);
}

/* Imports @path as one batch; an answer the same as an earlier pull's
 * brings nothing new, and is no error. */
static gboolean
import_download (TallyProject       *project,
                 const char         *path,
                 Stage              *stage,
                 GCancellable       *cancellable,
                 TallyImportResult **result,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  TallyImportResult *import = NULL;

  if (tally_import_file (project, path, NULL, import_progress, stage, cancellable, &import, &local_error))
    {
      *result = import;
      return TRUE;
    }
  g_clear_pointer (&import, tally_import_result_free);
  if (g_error_matches (local_error, TALLY_ERROR, TALLY_ERROR_DUPLICATE))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
write_rows (JsonArray   *rows,
            const char  *path,
            GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) local_error = NULL;

  json_object_set_array_member (object, "data", json_array_ref (rows));
  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  if (!json_generator_to_file (generator, path, &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("Tally could not keep the download (%s); check the free space."), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Remembers the account, and its zone where none was set. */
static char *
remember_account (TallyProject     *project,
                  TallyMetaAccount *account)
{
  g_autofree char *saved = tally_project_get_setting (project, "meta_account_id");
  g_autofree char *zone = tally_project_get_setting (project, "meta_account_timezone");
  g_autofree char *project_zone = tally_project_get_effective_setting (project, "timezone");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (saved, account->id) != 0 && !tally_setting_save (project, "meta_account_id", account->id, &error))
    return g_strdup (error->message);
  if (zone == NULL && account->timezone != NULL && g_strcmp0 (account->timezone, project_zone) != 0)
    {
      if (!tally_setting_save (project, "meta_account_timezone", account->timezone, &error))
        return g_strdup_printf (_("The account reports its days in %s, which the project could not take (%s)."),
                                account->timezone, error->message);
      return g_strdup_printf (_("The account reports its days in %s: the project now reads Meta’s days in that zone."),
                              account->timezone);
    }
  return NULL;
}

static char *
account_of (TallyProject            *project,
            const TallyPullOptions  *options,
            GError                 **error)
{
  g_autofree char *saved = tally_project_get_setting (project, "meta_account_id");
  const char *given = options->account_id != NULL ? options->account_id : saved;
  char *id;

  if (given == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                   _("The project has no Meta ad account yet: choose one (its number, as act_ and digits)."));
      return NULL;
    }
  id = tally_normalize_ad_account (given);
  if (id == NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                 _("“%s” is not a Meta ad account: give its number, as act_ and digits."), given);
  return id;
}

/**
 * tally_pull_meta:
 * @result: (out) (optional): what came
 *
 * Pulls ad-level insights by day for a range into @project, as one batch.
 */
gboolean
tally_pull_meta (TallyProject            *project,
                 const TallyPullOptions  *options,
                 TallyPullProgress        progress,
                 gpointer                 progress_data,
                 GCancellable            *cancellable,
                 TallyPullResult        **result,
                 GError                 **error)
{
  g_autoptr(TallyPullResult) pull = g_new0 (TallyPullResult, 1);
  g_autofree char *account_id = account_of (project, options, error);
  g_autoptr(TallyMetaApi) api = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autofree char *name = NULL, *folder = NULL, *path = NULL;
  Stage stage = { progress, progress_data, 0, 0.85 };
  gboolean ok;

  if (account_id == NULL || (api = new_api (project, options, cancellable, error)) == NULL)
    return FALSE;
  _tally_http_set_wait_func (_tally_meta_api_get_http (api), wait_progress, &stage);
  if (options->from != NULL && options->to != NULL)
    {
      g_strlcpy (pull->from, options->from, sizeof pull->from);
      g_strlcpy (pull->to, options->to, sizeof pull->to);
    }
  else if (!tally_pull_default_range (project, account_id, pull->from, pull->to, error))
    return FALSE;

  pull->account = _tally_meta_api_account (api, account_id, cancellable, error);
  if (pull->account == NULL)
    return FALSE;
  rows = _tally_meta_api_insights (api, account_id, pull->from, pull->to, fetch_progress, &stage, cancellable, error);
  if (rows == NULL)
    return FALSE;

  name = g_strdup_printf ("Meta-insights-%s-%s-to-%s.json", account_id, pull->from, pull->to);
  path = scratch_path (name, &folder, error);
  stage.start = 0.85;
  stage.share = 0.15;
  ok = path != NULL && write_rows (rows, path, error) &&
       import_download (project, path, &stage, cancellable, &pull->import, error);
  remove_scratch (path, folder);
  if (!ok)
    return FALSE;

  pull->note = remember_account (project, pull->account);
  if (result != NULL)
    *result = g_steal_pointer (&pull);
  return TRUE;
}

/* The ECB's history file, beside the feed the project names. */
static char *
feed_uri (TallyProject *project,
          gboolean      history)
{
  g_autofree char *feed = tally_project_get_effective_setting (project, "fx_feed_url");
  const char *slash = strrchr (feed, '/');

  if (!history || slash == NULL)
    return g_steal_pointer (&feed);
  return g_strdup_printf ("%.*s/eurofxref-hist.xml", (int) (slash - feed), feed);
}

/**
 * tally_pull_fx:
 * @result: (out) (optional): what came
 *
 * Downloads the ECB's reference rates (`fx_feed_url`, or the whole history)
 * and imports them as one FX batch.
 */
gboolean
tally_pull_fx (TallyProject            *project,
               const TallyPullOptions  *options,
               TallyPullProgress        progress,
               gpointer                 progress_data,
               GCancellable            *cancellable,
               TallyPullResult        **result,
               GError                 **error)
{
  g_autoptr(TallyPullResult) pull = g_new0 (TallyPullResult, 1);
  g_autofree char *uri = feed_uri (project, options->history);
  g_autoptr(TallyHttp) http = _tally_http_new (NULL);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *name = NULL, *folder = NULL, *path = NULL;
  g_autoptr(GError) local_error = NULL;
  Stage stage = { progress, progress_data, 0.6, 0.4 };
  const char *base = strrchr (uri, '/');
  guint status = 0;
  gboolean ok;

  if (options->time_scale > 0)
    _tally_http_set_time_scale (http, options->time_scale);
  _tally_http_set_wait_func (http, wait_progress, &stage);
  if (progress != NULL)
    progress (0, _("Downloading the ECB’s reference rates"), progress_data);
  body = _tally_http_send (http, "GET", uri, NULL, _("the ECB’s reference rates"), &headers, &status, cancellable, error);
  if (body == NULL)
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                   _("The exchange rate feed answered %u; check its address in the project’s settings."), status);
      return FALSE;
    }

  name = g_strdup (base != NULL && base[1] != '\0' && strchr (base + 1, '?') == NULL ? base + 1 : "ecb-rates.xml");
  path = scratch_path (name, &folder, error);
  ok = path != NULL;
  if (ok && !g_file_set_contents (path, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("Tally could not keep the download (%s); check the free space."), local_error->message);
      ok = FALSE;
    }
  ok = ok && import_download (project, path, &stage, cancellable, &pull->import, error);
  remove_scratch (path, folder);
  if (!ok)
    return FALSE;
  if (result != NULL)
    *result = g_steal_pointer (&pull);
  return TRUE;
}
