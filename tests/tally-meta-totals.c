/* tally-meta-totals.c: Meta rows summed over their breakdowns
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export broken down by age, gender, placement or product has one row
 * per breakdown value for the same ad and day. SPEC section 4: those rows
 * are summed, except reach (and frequency), which count people and are not
 * additive: a total over breakdown rows has no reach.
 */
#define G_LOG_DOMAIN "tally-meta-totals"

#include "config.h"

#include "tally-store.h"
#include "tally-meta-totals.h"
#include "tally-project-private.h"

static void
meta_total_free (TallyMetaTotal *total)
{
  g_free (total->date_start);
  g_free (total->date_end);
  g_free (total->account_id);
  g_free (total->campaign);
  g_free (total->campaign_name);
  g_free (total->adset);
  g_free (total->ad);
  g_free (total->attribution_setting);
  g_free (total->attribution_window);
  g_free (total->currency);
  g_free (total);
}

static char *
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL : g_strdup (_tally_store_column_text (stmt, column));
}

/**
 * tally_meta_totals:
 * @project: a project
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full) (element-type TallyMetaTotal): the active Meta
 *   rows summed per day (or range), ad, attribution setting and currency
 */
GPtrArray *
tally_meta_totals (TallyProject  *project,
                   GError       **error)
{
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func ((GDestroyNotify) meta_total_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT date_start, date_end, account_id, coalesce (campaign_id, campaign_name), "
                               "       max (campaign_name), coalesce (adset_id, adset_name), coalesce (ad_id, ad_name), "
                               "       attribution_setting, max (attribution_window), currency, "
                               "       total (spend), total (impressions), total (all_clicks), total (link_clicks), "
                               "       total (landing_page_views), total (leads), total (purchases), total (purchase_value), "
                               "       CASE WHEN count (*) = 1 AND max (breakdown) = '' THEN max (reach) END, count (*) "
                               "FROM meta_rows WHERE replaced_by IS NULL "
                               "GROUP BY date_start, date_end, account_id, 4, 6, 7, attribution_setting, currency "
                               "ORDER BY date_start, date_end, 4, 6, 7",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TallyMetaTotal *total = g_new0 (TallyMetaTotal, 1);

      total->date_start = column_or_null (stmt, 0);
      total->date_end = column_or_null (stmt, 1);
      total->account_id = column_or_null (stmt, 2);
      total->campaign = column_or_null (stmt, 3);
      total->campaign_name = column_or_null (stmt, 4);
      total->adset = column_or_null (stmt, 5);
      total->ad = column_or_null (stmt, 6);
      total->attribution_setting = column_or_null (stmt, 7);
      total->attribution_window = column_or_null (stmt, 8);
      total->currency = column_or_null (stmt, 9);
      total->spend = (gint64) sqlite3_column_double (stmt, 10);
      total->impressions = (gint64) sqlite3_column_double (stmt, 11);
      total->all_clicks = (gint64) sqlite3_column_double (stmt, 12);
      total->link_clicks = (gint64) sqlite3_column_double (stmt, 13);
      total->landing_page_views = (gint64) sqlite3_column_double (stmt, 14);
      total->leads = (gint64) sqlite3_column_double (stmt, 15);
      total->purchases = (gint64) sqlite3_column_double (stmt, 16);
      total->purchase_value = (gint64) sqlite3_column_double (stmt, 17);
      total->has_reach = sqlite3_column_type (stmt, 18) != SQLITE_NULL;
      total->reach = sqlite3_column_int64 (stmt, 18);
      total->n_rows = (guint) sqlite3_column_int (stmt, 19);
      g_ptr_array_add (totals, total);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return NULL;
    }

  return g_steal_pointer (&totals);
}
