/* tally-engine-meta.c: the Meta rows in the cells, under the standard
 * attribution window and spread over the days of a range row
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-engine"

#include "config.h"

#include "tally-engine-private.h"

/* The per-window parts that make the standard window: 7d_click_1d_view is
 * 7-day clicks plus 1-day views (Meta reports a view only where there was
 * no click). */
static void
window_parts (const char *window,
              int        *click,
              gboolean   *view)
{
  *click = g_str_has_prefix (window, "1d_click") ? 0 : g_str_has_prefix (window, "7d_click") ? 1
         : g_str_has_prefix (window, "28d_click") ? 2 : -1;
  *view = g_str_has_suffix (window, "1d_view");
}

static gint64
standard_value (gint64         own,
                const gint64  *windows,
                guint32        n_window_rows,
                int            click,
                gboolean       view)
{
  gint64 value = own;

  if (n_window_rows > 0)
    value += (click >= 0 ? windows[click] : 0) + (view ? windows[3] : 0);
  return value;
}

/* Spend per original currency, which a frozen day keeps. */
static void
add_spend_original (TallyEngine *engine,
                    gint32       day,
                    guint        campaign,
                    const char  *currency,
                    gint64       minor)
{
  guint64 key = tally_engine_cell_key (day, campaign);
  GArray *spends = g_hash_table_lookup (engine->spend_original, &key);
  TallySpendOriginal entry = { currency, minor };

  if (spends == NULL)
    {
      spends = g_array_new (FALSE, FALSE, sizeof (TallySpendOriginal));
      g_hash_table_insert (engine->spend_original, g_memdup2 (&key, sizeof key), spends);
    }

  for (guint i = 0; i < spends->len; i++)
    {
      TallySpendOriginal *spend = &g_array_index (spends, TallySpendOriginal, i);

      if (g_str_equal (spend->currency, currency))
        {
          spend->minor += minor;
          return;
        }
    }
  g_array_append_val (spends, entry);
}

/* Whether a row's window is the standard. Engaged-view credit (Meta's
 * default "7-day click, 1-day view or 1-day engaged view") is video view
 * credit inside the standard's own count, so it does not make another
 * window; a setting Tally cannot read ("-" on rows without delivery) is
 * no window at all and is not compared. */
static gboolean
is_standard_window (const char *code,
                    const char *standard)
{
  g_auto(GStrv) tokens = g_strsplit (code, "_", -1);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (guint i = 0; tokens[i] != NULL && tokens[i + 1] != NULL; i += 2)
    if (!g_str_equal (tokens[i + 1], "ev"))
      g_string_append_printf (bare, "%s%s_%s", bare->len > 0 ? "_" : "", tokens[i], tokens[i + 1]);

  return g_str_equal (bare->str, standard);
}

static void
add_click_pairs (TallyEngine    *engine,
                 gint32          day,
                 const MetaFact *f,
                 gint32          n_days,
                 gint32          d)
{
  TallyClickPairs *pairs = g_hash_table_lookup (engine->click_pairs, GINT_TO_POINTER (day));

  if (f->lpv_link_clicks == 0 && f->all_link_clicks == 0)
    return;
  if (pairs == NULL)
    {
      pairs = g_new0 (TallyClickPairs, 1);
      g_hash_table_insert (engine->click_pairs, GINT_TO_POINTER (day), pairs);
    }
  pairs->lpv_link_clicks += _tally_share (f->lpv_link_clicks, n_days, d);
  pairs->lpv_paired += _tally_share (f->lpv_paired, n_days, d);
  pairs->all_link_clicks += _tally_share (f->all_link_clicks, n_days, d);
  pairs->all_paired += _tally_share (f->all_paired, n_days, d);
}

static gboolean
window_is_standard (TallyEngine *engine,
                    GHashTable  *known,
                    guint32      window)
{
  guint answer = GPOINTER_TO_UINT (g_hash_table_lookup (known, GUINT_TO_POINTER (window)));

  if (answer == 0)
    {
      answer = is_standard_window (tally_facts_string (engine->facts, window), engine->rules->window) ? 1 : 2;
      g_hash_table_insert (known, GUINT_TO_POINTER (window), GUINT_TO_POINTER (answer));
    }
  return answer == 1;
}

/* What one fact comes to under the rules, for each of its days. */
typedef struct
{
  const char *currency;
  gint32      n_days;
  guint       campaign;
  gint64      purchases;
  gint64      value;
  gint64      leads;
  gint64      view_value;
  gboolean    mismatch;
} MetaRow;

/* The campaign of a fact, added the first time its campaign is seen. */
static guint
meta_campaign (TallyEngine    *engine,
               GHashTable     *index,
               const MetaFact *f)
{
  TallyFacts *facts = engine->facts;
  gpointer found;
  guint campaign;

  if (f->campaign == 0)
    return TALLY_CAMPAIGN_NONE;
  if (g_hash_table_lookup_extended (index, GUINT_TO_POINTER (f->campaign), NULL, &found))
    return GPOINTER_TO_UINT (found);

  campaign = _tally_engine_add_campaign (engine, tally_facts_string (facts, f->campaign),
                                         tally_facts_string (facts, f->campaign_name != 0 ? f->campaign_name : f->campaign),
                                         f->has_campaign_id ? tally_facts_string (facts, f->campaign) : NULL);
  g_hash_table_insert (index, GUINT_TO_POINTER (f->campaign), GUINT_TO_POINTER (campaign));
  return campaign;
}

/* What a fact tells about the whole data: the currencies of spend, the
 * campaign's last day of spend, whether per-window numbers exist. */
static void
note_meta_row (TallyEngine    *engine,
               const MetaFact *f,
               const MetaRow  *row)
{
  if (row->currency[0] != '\0' && f->spend != 0)
    g_hash_table_add (engine->currencies, g_strdup (row->currency));
  if (f->spend > 0 && row->campaign != TALLY_CAMPAIGN_NONE)
    {
      TallyCampaign *c = g_ptr_array_index (engine->campaigns, row->campaign);

      c->last_spend_day = MAX (c->last_spend_day, f->end);
    }
  engine->has_window_data |= f->n_window_rows > 0;
}

/* Day @d of the fact's days: its share of every count in the cell, and
 * what the mismatch map counts of it. */
static void
add_meta_day (TallyEngine    *engine,
              const MetaFact *f,
              const MetaRow  *row,
              gint32          d)
{
  gint32 n_days = row->n_days, day = f->start + d;
  TallyCell *cell = tally_engine_cell (engine, day, row->campaign);
  TallyDayDiag *diag = tally_engine_day (engine, day);
  double spend = 0, money = 0, view_money = 0;
  gint64 spend_minor = _tally_share (f->spend, n_days, d);

  tally_fx_convert (engine->fx, spend_minor, row->currency, day, &spend);
  tally_fx_convert (engine->fx, _tally_share (row->value, n_days, d), row->currency, day, &money);
  tally_fx_convert (engine->fx, _tally_share (row->view_value, n_days, d), row->currency, day, &view_money);

  cell->spend += spend;
  cell->purchase_value += money;
  cell->view_value += view_money;
  cell->impressions += _tally_share (f->impressions, n_days, d);
  cell->link_clicks += _tally_share (f->link_clicks, n_days, d);
  cell->all_clicks += _tally_share (f->all_clicks, n_days, d);
  cell->landing_page_views += _tally_share (f->landing_page_views, n_days, d);
  add_click_pairs (engine, day, f, n_days, d);
  cell->meta_purchases += _tally_share (row->purchases, n_days, d);
  cell->meta_leads += _tally_share (row->leads, n_days, d);

  diag->spend_delivery += spend;
  diag->meta_rows_covering += f->n_rows;
  if (d == 0)
    {
      diag->meta_rows += f->n_rows;
      diag->window_rows += f->n_window_rows;
      if (n_days > 1)
        diag->range_rows += f->n_rows;
      if (row->mismatch)
        diag->window_mismatch_rows += f->n_rows - f->n_window_rows;
    }
  if (row->mismatch && f->n_rows > 0)
    diag->window_mismatch_spend += spend * (f->n_rows - f->n_window_rows) / f->n_rows;

  if (spend_minor != 0 && row->currency[0] != '\0')
    add_spend_original (engine, day, row->campaign, row->currency, spend_minor);
}

void
_tally_engine_add_meta (TallyEngine *engine)
{
  TallyFacts *facts = engine->facts;
  g_autoptr(GHashTable) index = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* Interned window → 1 standard, 2 not: a handful of settings on many rows. */
  g_autoptr(GHashTable) standard = g_hash_table_new (g_direct_hash, g_direct_equal);
  int click;
  gboolean view;

  window_parts (engine->rules->window, &click, &view);

  for (guint i = 0; i < facts->meta->len; i++)
    {
      const MetaFact *f = &g_array_index (facts->meta, MetaFact, i);
      MetaRow row = {
        .currency = tally_facts_string (facts, f->currency),
        .n_days = f->end - f->start + 1,
        .purchases = standard_value (f->purchases, f->purchases_window, f->n_window_rows, click, view),
        .value = standard_value (f->purchase_value, f->value_window, f->n_window_rows, click, view),
        .leads = standard_value (f->leads, f->leads_window, f->n_window_rows, click, view),
        .view_value = f->n_window_rows > 0 && view ? f->value_window[3] : 0,
        .mismatch = f->window != 0 && !window_is_standard (engine, standard, f->window),
      };

      row.campaign = meta_campaign (engine, index, f);
      note_meta_row (engine, f, &row);

      if (row.n_days <= 0 || row.n_days > 3660)
        continue;

      for (gint32 d = 0; d < row.n_days; d++)
        add_meta_day (engine, f, &row, d);
    }
}
