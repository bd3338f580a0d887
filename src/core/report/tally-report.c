/* tally-report.c: a period's numbers, both views side by side
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report sums the engine's cells (or, for frozen days, the cells stored
 * when they froze) per day, ISO week, month or campaign, and derives the
 * ratios of SPEC section 6 from the sums: a ratio with a zero denominator
 * is null. Money is rounded once, at output, half away from zero, to the
 * reporting currency's minor unit; ratios and shares to four decimals.
 */
#define G_LOG_DOMAIN "tally-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-report.h"

static const char * const group_names[] = { "day", "week", "month", "campaign" };

gboolean
tally_group_from_string (const char *text,
                         TallyGroup *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (g_strcmp0 (text, group_names[i]) == 0)
      {
        *group = (TallyGroup) i;
        return TRUE;
      }

  return FALSE;
}

const char *
tally_group_to_string (TallyGroup group)
{
  return group_names[group];
}

void
tally_cell_add (TallyCell       *sum,
                const TallyCell *cell)
{
  sum->spend += cell->spend;
  sum->purchase_value += cell->purchase_value;
  sum->view_value += cell->view_value;
  sum->impressions += cell->impressions;
  sum->link_clicks += cell->link_clicks;
  sum->all_clicks += cell->all_clicks;
  sum->landing_page_views += cell->landing_page_views;
  sum->sessions += cell->sessions;
  sum->meta_leads += cell->meta_leads;
  sum->meta_purchases += cell->meta_purchases;
  sum->crm_leads += cell->crm_leads;
  sum->crm_leads_raw += cell->crm_leads_raw;
  sum->new_customers += cell->new_customers;
  sum->gross += cell->gross;
  sum->net_restate += cell->net_restate;
  sum->net_period += cell->net_period;
  sum->recognized_restate += cell->recognized_restate;
  sum->recognized_period += cell->recognized_period;
  sum->mq_people += cell->mq_people;
  sum->mq_identifier += cell->mq_identifier;
  sum->mq_click_id += cell->mq_click_id;
  sum->mq_unknown += cell->mq_unknown;
}

static double
net_of (const TallyCell  *cell,
        const TallyRules *rules)
{
  return g_str_equal (rules->refund_policy, "period") ? cell->net_period : cell->net_restate;
}

static double
recognized_of (const TallyCell  *cell,
               const TallyRules *rules)
{
  return g_str_equal (rules->refund_policy, "period") ? cell->recognized_period : cell->recognized_restate;
}

/* The CRM revenue of the project's revenue basis. */
double
tally_cell_revenue (const TallyCell  *cell,
                    const TallyRules *rules)
{
  if (g_str_equal (rules->revenue_basis, "gross"))
    return cell->gross;
  if (g_str_equal (rules->revenue_basis, "recognized"))
    return recognized_of (cell, rules);
  return net_of (cell, rules);
}

static void
row_free (TallyReportRow *row)
{
  g_free (row->key);
  g_free (row->campaign_id);
  g_free (row);
}

void
tally_report_free (TallyReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->rows);
  g_clear_pointer (&report->diagnostics, g_ptr_array_unref);
  g_free (report->currency);
  g_free (report->totals.key);
  g_free (report);
}

/* Grouping ----------------------------------------------------------------- */


static char *
period_key (TallyGroup group,
            gint32     day)
{
  char key[16];

  if (group == TALLY_GROUP_WEEK)
    tally_day_week_key (day, key);
  else if (group == TALLY_GROUP_MONTH)
    tally_day_month_key (day, key);
  else
    tally_day_format (day, key);
  return g_strdup (key);
}

/* Whether @day shows its published numbers. */
gboolean
tally_report_day_is_frozen (TallyReport *report,
                            gint32       day)
{
  return report->view != NULL && g_hash_table_contains (report->view->days, GINT_TO_POINTER (day));
}

/**
 * tally_report_day_diag:
 * @report: a report
 * @day: a day
 *
 * Returns: (nullable): what the mismatch map and the bridge count of @day:
 *   stored with it when it is frozen, else the live data's
 */
const TallyDayDiag *
tally_report_day_diag (TallyReport *report,
                       gint32       day)
{
  if (tally_report_day_is_frozen (report, day))
    return g_hash_table_lookup (report->view->diags, GINT_TO_POINTER (day));
  return g_hash_table_lookup (report->engine->days, GINT_TO_POINTER (day));
}

/**
 * tally_report_shown_cell:
 * @report: a report
 * @day: a day
 * @campaign: a campaign index
 *
 * Returns: (nullable): the cell the report shows for @day and @campaign:
 *   the stored one on a frozen day, else the live one
 */
const TallyCell *
tally_report_shown_cell (TallyReport *report,
                         gint32       day,
                         guint        campaign)
{
  guint64 key = tally_engine_cell_key (day, campaign);

  return g_hash_table_lookup (tally_report_day_is_frozen (report, day) ? report->view->cells : report->engine->cells, &key);
}

static TallyReportRow *
row_for (GHashTable *index,
         GPtrArray  *rows,
         const char *key)
{
  TallyReportRow *row = g_hash_table_lookup (index, key);

  if (row == NULL)
    {
      row = g_new0 (TallyReportRow, 1);
      row->key = g_strdup (key);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (index, row->key, row);
    }

  return row;
}

/* Every period of the range has a row, with data or not; @by_day maps
 * each day of the range to its row. */
static void
build_period_rows (TallyReport     *report,
                   GHashTable      *index,
                   TallyReportRow **by_day)
{
  for (gint32 day = report->from; day <= report->to; day++)
    {
      g_autofree char *key = period_key (report->group, day);
      TallyReportRow *row = row_for (index, report->rows, key);

      row->n_days++;
      row->n_frozen += tally_report_day_is_frozen (report, day);
      row->has_quality = report->campaign == G_MAXUINT;
      by_day[day - report->from] = row;
    }
}

/* Adds every cell of the range, live or frozen, to its row and the totals;
 * frozen cells of campaigns the live data no longer has count too. */
static void
sum_cells (TallyReport     *report,
           GHashTable      *index,
           TallyReportRow **by_day)
{
  TallyEngine *engine = report->engine;
  guint n_campaign_rows = engine->campaigns->len;
  g_autofree TallyReportRow **campaign_rows = g_new0 (TallyReportRow *, MAX (n_campaign_rows, 1));
  GHashTableIter iter;
  gpointer key, value;

  for (int pass = 0; pass < 2; pass++)
    {
      GHashTable *source = pass == 0 ? engine->cells : report->view != NULL ? report->view->cells : NULL;

      if (source == NULL)
        continue;

      g_hash_table_iter_init (&iter, source);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint64 cell_key = *(guint64 *) key;
          gint32 day = (gint32) (cell_key >> 32);
          guint campaign = (guint) (cell_key & 0xffffffff);
          const TallyCell *cell;
          TallyReportRow *row;

          if (day < report->from || day > report->to)
            continue;
          if (report->campaign != G_MAXUINT && campaign != report->campaign)
            continue;

          /* A frozen day shows what it showed when it froze: its live cells
           * give way to the stored ones, and stored cells without a live
           * one are taken in the second pass. */
          if (pass == 0 && tally_report_day_is_frozen (report, day))
            cell = g_hash_table_lookup (report->view->cells, &cell_key);
          else if (pass == 0)
            cell = value;
          else if (!tally_report_day_is_frozen (report, day) || g_hash_table_contains (engine->cells, key))
            continue;
          else
            cell = value;

          if (cell == NULL)
            continue;

          tally_cell_add (&report->totals.sum, cell);

          if (report->group != TALLY_GROUP_CAMPAIGN)
            {
              tally_cell_add (&by_day[day - report->from]->sum, cell);
              continue;
            }

          /* By campaign: match quality belongs to no campaign. */
          {
            TallyCampaign *c = campaign < engine->campaigns->len ? g_ptr_array_index (engine->campaigns, campaign) : NULL;
            TallyCell meta_only = *cell;

            if (c == NULL)
              continue;
            meta_only.mq_people = meta_only.mq_identifier = meta_only.mq_click_id = meta_only.mq_unknown = 0;
            if (campaign == TALLY_CAMPAIGN_NONE && meta_only.spend == 0 && meta_only.impressions == 0 &&
                meta_only.new_customers == 0 && meta_only.gross == 0 && meta_only.crm_leads_raw == 0)
              continue;

            row = campaign < n_campaign_rows ? campaign_rows[campaign] : NULL;
            if (row == NULL)
              {
                row = row_for (index, report->rows, campaign == TALLY_CAMPAIGN_NONE ? _("(no campaign)") : c->name);
                if (row->campaign_id == NULL && c->id != NULL)
                  row->campaign_id = g_strdup (c->id);
                if (campaign < n_campaign_rows)
                  campaign_rows[campaign] = row;
              }
            tally_cell_add (&row->sum, &meta_only);
          }
        }
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const TallyReportRow *x = *(TallyReportRow * const *) a;
  const TallyReportRow *y = *(TallyReportRow * const *) b;

  /* (unmatched) and (no campaign) after the campaigns. */
  if ((x->key[0] == '(') != (y->key[0] == '('))
    return x->key[0] == '(' ? 1 : -1;
  return g_utf8_collate (x->key, y->key);
}

/* The bridge (SPEC section 7b) ----------------------------------------------- */

static void
build_bridge (TallyReport *report)
{
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  const TallyCell *t = &report->totals.sum;
  TallyBridge *bridge = &report->bridge;
  double gross_account = 0, no_source = 0, unmatched = 0;
  gint64 m, view, g_acct, g, n, r;
  gboolean gross = g_str_equal (rules->revenue_basis, "gross");
  gboolean recognized = g_str_equal (rules->revenue_basis, "recognized");

  /* On frozen days, what was stored with them: the steps explain the
   * numbers shown, never a difference between published and live. */
  for (gint32 day = report->from; day <= report->to; day++)
    {
      const TallyDayDiag *diag = tally_report_day_diag (report, day);

      if (diag == NULL)
        continue;
      gross_account += diag->gross_account;
      no_source += diag->no_source_revenue;
      unmatched += diag->unmatched_revenue;
    }

  /* The ad account's days and the context are not kept per campaign. */
  if (report->campaign != G_MAXUINT)
    gross_account = t->gross, no_source = unmatched = 0;

  /* Every quantity is rounded once to the minor unit, then the steps are
   * differences of rounded quantities: they add up to the cent. */
  m = (gint64) round (t->purchase_value);
  view = (gint64) round (t->view_value);
  g_acct = (gint64) round (gross_account);
  g = (gint64) round (t->gross);
  n = (gint64) round (net_of (t, rules));
  r = (gint64) round (recognized_of (t, rules));

  bridge->start = m;
  bridge->steps[0] = (TallyBridgeStep) { "view_through", N_("View-through purchases Meta counts"), -view, engine->has_window_data };
  bridge->steps[1] = (TallyBridgeStep) { "not_explained", N_("Not explained by the data: modeled and duplicate conversions, cross-device, identity, softer events"),
                                         g_acct - (m - view), TRUE };
  bridge->steps[2] = (TallyBridgeStep) { "timezone", N_("Days of the reporting timezone instead of the ad account's"), g - g_acct,
                                         report->campaign == G_MAXUINT };
  bridge->steps[3] = (TallyBridgeStep) { "refunds", N_("Refunds"), gross ? 0 : n - g, TRUE };
  bridge->steps[4] = (TallyBridgeStep) { "recognition", N_("Revenue recognized over its term"), recognized ? r - n : 0, recognized };
  bridge->n_steps = 5;
  bridge->end = gross ? g : recognized ? r : n;
  bridge->no_source = (gint64) round (no_source);
  bridge->unmatched = (gint64) round (unmatched);
}

/**
 * tally_report_build:
 * @engine: the engine; the report borrows it
 * @options: the range, grouping and freeze clock
 * @view: (nullable): the frozen days; the report borrows them, and
 *   ignores them when @options asks for the live numbers
 *
 * Returns: (transfer full): the report
 */
TallyReport *
tally_report_build (TallyEngine              *engine,
                    const TallyReportOptions *options,
                    const TallyFreezeView    *view)
{
  TallyReport *report = g_new0 (TallyReport, 1);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree TallyReportRow **by_day = NULL;

  report->engine = engine;
  report->view = options->live ? NULL : view;
  report->publications = view != NULL ? view->publications : NULL;
  report->group = options->group;
  report->from = options->from != TALLY_DAY_UNSET ? options->from : engine->min_day;
  report->to = options->to != TALLY_DAY_UNSET ? options->to : engine->max_day;
  report->as_of = options->as_of != TALLY_DAY_UNSET ? options->as_of : tally_zone_today (engine->rules->zone);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->totals.key = g_strdup ("total");
  report->currency = g_strdup (engine->rules->reporting_currency);
  report->decimals = tally_currency_minor_unit (report->currency);
  report->campaign = G_MAXUINT;

  /* One campaign: match quality, which belongs to none, is not counted. */
  if (options->campaign != NULL)
    {
      report->campaign = G_MAXUINT - 1;
      for (guint c = 0; c < engine->campaigns->len; c++)
        if (g_str_equal (((TallyCampaign *) g_ptr_array_index (engine->campaigns, c))->key, options->campaign))
          report->campaign = c;
    }

  /* No data at all, or a range that ends before it starts once the data's
   * first or last day fills in for the day not given (a From after the
   * data's last day): an empty range, which sums nothing. */
  if (report->from > report->to)
    {
      report->from = report->to = report->as_of;
      report->totals.n_days = 0;
    }
  else
    {
      report->totals.n_days = (guint) (report->to - report->from + 1);
      for (gint32 day = report->from; day <= report->to; day++)
        report->totals.n_frozen += tally_report_day_is_frozen (report, day);
    }
  report->totals.has_quality = report->campaign == G_MAXUINT;

  by_day = g_new0 (TallyReportRow *, MAX (report->totals.n_days, 1));
  if (report->group != TALLY_GROUP_CAMPAIGN && report->totals.n_days > 0)
    build_period_rows (report, index, by_day);
  if (report->totals.n_days > 0)
    sum_cells (report, index, by_day);

  if (report->group == TALLY_GROUP_CAMPAIGN)
    {
      for (guint i = 0; i < report->rows->len; i++)
        {
          TallyReportRow *row = g_ptr_array_index (report->rows, i);

          row->n_days = report->totals.n_days;
          row->n_frozen = report->totals.n_frozen;
        }
      g_ptr_array_sort (report->rows, compare_rows);
    }

  report->n_pending = tally_freeze_view_count_pending (view, report->from, report->to);
  build_bridge (report);
  return report;
}

/* Metrics ------------------------------------------------------------------ */

static double
ratio (double numerator,
       double denominator)
{
  return denominator != 0 ? numerator / denominator : NAN;
}

/**
 * tally_report_metric:
 * @report: a report
 * @row: one of its rows, or its totals
 * @metric: a metric key of SPEC section 9
 *
 * Returns: the metric, money in minor units not yet rounded, NAN when
 *   undefined
 */
double
tally_report_metric (TallyReport          *report,
                     const TallyReportRow *row,
                     const char           *metric)
{
  const TallyRules *rules = report->engine->rules;
  const TallyCell *c = &row->sum;
  double results = g_str_equal (rules->conversion_event, "lead") ? (double) c->meta_leads : (double) c->meta_purchases;
  double meta_roas = ratio (c->purchase_value, c->spend);
  double crm_roas = ratio (tally_cell_revenue (c, rules), c->spend);
  struct { const char *name; double value; } metrics[] = {
    { "spend", c->spend },
    { "spend_invoiced", c->spend * (1 + rules->tax_rate + rules->fee_rate) },
    { "impressions", (double) c->impressions },
    { "link_clicks", (double) c->link_clicks },
    { "all_clicks", (double) c->all_clicks },
    { "landing_page_views", (double) c->landing_page_views },
    { "sessions", (double) c->sessions },
    { "meta_leads", (double) c->meta_leads },
    { "meta_purchases", (double) c->meta_purchases },
    { "meta_purchase_value", c->purchase_value },
    { "crm_leads", (double) c->crm_leads },
    { "crm_leads_raw", (double) c->crm_leads_raw },
    { "new_customers", (double) c->new_customers },
    { "revenue_gross", c->gross },
    { "revenue_net", net_of (c, rules) },
    { "revenue_recognized", recognized_of (c, rules) },
    { "meta_cpa", ratio (c->spend, results) },
    { "crm_cac", ratio (c->spend, (double) c->new_customers) },
    { "meta_cpl", ratio (c->spend, (double) c->meta_leads) },
    { "crm_cpl", ratio (c->spend, (double) c->crm_leads) },
    { "meta_roas", meta_roas },
    { "crm_roas", crm_roas },
    { "roas_gap", crm_roas - meta_roas },
    { "roas_ratio", ratio (crm_roas, meta_roas) },
    { "identifier_share", row->has_quality ? ratio ((double) c->mq_identifier, (double) c->mq_people) : NAN },
    { "click_id_share", row->has_quality ? ratio ((double) c->mq_click_id, (double) c->mq_people) : NAN },
    { "unknown_source_share", row->has_quality ? ratio ((double) c->mq_unknown, (double) c->mq_people) : NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    if (g_str_equal (metrics[i].name, metric))
      return metrics[i].value;

  g_return_val_if_reached (NAN);
}

/* Whether every day of @row is published and frozen. */
gboolean
tally_report_row_is_frozen (const TallyReportRow *row)
{
  return row->n_days > 0 && row->n_frozen == row->n_days;
}

/**
 * tally_report_get_currency:
 * @report: a report
 *
 * Returns: the ISO 4217 code of the currency every amount of the report
 *   is in: the reporting currency the report was built under
 */
const char *
tally_report_get_currency (const TallyReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->currency;
}

/**
 * tally_report_get_decimals:
 * @report: a report
 *
 * Returns: the decimals its money is rounded to, the minor unit of its
 *   currency (2 for USD, 0 for JPY and CLP, 3 for KWD)
 */
guint
tally_report_get_decimals (const TallyReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->decimals;
}
