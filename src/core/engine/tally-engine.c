/* tally-engine.c: the data under the project's rules, day by day and
 * campaign by campaign
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine applies SPEC sections 4 to 6 to the facts and fills one cell
 * per reporting day and campaign with every variant of every metric. A
 * report of any period, grouping or revenue basis is then sums of cells;
 * a freeze stores cells. The rules that change which cell a number falls
 * in (timezone, window, FX rule, Meta-source rules) need a new engine over
 * the same facts, never a new pass over SQL.
 */
#define G_LOG_DOMAIN "tally-engine"

#include "config.h"

#include <json-glib/json-glib.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-engine.h"
#include "tally-normalize.h"

/* Cells ------------------------------------------------------------------- */

guint64
tally_engine_cell_key (gint32 day,
                       guint  campaign)
{
  return ((guint64) (guint32) day << 32) | campaign;
}

/* For GHashTables keyed by a cell key (a pointer to a guint64). */
guint
tally_cell_key_hash (gconstpointer key)
{
  return (guint) tally_index_hash (*(const guint64 *) key);
}

gboolean
tally_cell_key_equal (gconstpointer a,
                      gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

/* The cell comes first, so that a table value is the cell itself. */
typedef struct
{
  TallyCell  cell;
  guint64    key;
} CellEntry;

TallyCell *
tally_engine_cell (TallyEngine *engine,
                   gint32       day,
                   guint        campaign)
{
  guint64 key = tally_engine_cell_key (day, campaign);
  CellEntry *entry = tally_index_lookup (engine->cell_index, key);

  if (entry == NULL)
    {
      entry = g_new0 (CellEntry, 1);
      entry->key = key;
      g_hash_table_insert (engine->cells, &entry->key, entry);
      tally_index_insert (engine->cell_index, key, entry);
      engine->min_day = MIN (engine->min_day, day);
      engine->max_day = MAX (engine->max_day, day);
    }

  return &entry->cell;
}

TallyDayDiag *
tally_engine_day (TallyEngine *engine,
                  gint32       day)
{
  TallyDayDiag *diag = tally_index_lookup (engine->day_index, (guint32) day);

  if (diag == NULL)
    {
      diag = g_new0 (TallyDayDiag, 1);
      g_hash_table_insert (engine->days, GINT_TO_POINTER (day), diag);
      tally_index_insert (engine->day_index, (guint32) day, diag);
    }

  return diag;
}

static void
campaign_free (TallyCampaign *campaign)
{
  g_free (campaign->key);
  g_free (campaign->name);
  g_free (campaign->id);
  g_free (campaign);
}

static guint
add_campaign (TallyEngine *engine,
              const char  *key,
              const char  *name,
              const char  *id)
{
  TallyCampaign *campaign = g_new0 (TallyCampaign, 1);

  campaign->key = g_strdup (key);
  campaign->name = g_strdup (name);
  campaign->id = g_strdup (id);
  campaign->last_spend_day = G_MININT32;
  g_ptr_array_add (engine->campaigns, campaign);
  return engine->campaigns->len - 1;
}

/* Meta --------------------------------------------------------------------- */

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

/* The part of @total for day @i of @n: even shares, the remainder on the
 * first day (SPEC section 4, range rows). */
static gint64
share (gint64 total,
       gint32 n,
       gint32 i)
{
  gint64 each = total / n;

  return i == 0 ? total - each * (n - 1) : each;
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
  pairs->lpv_link_clicks += share (f->lpv_link_clicks, n_days, d);
  pairs->lpv_paired += share (f->lpv_paired, n_days, d);
  pairs->all_link_clicks += share (f->all_link_clicks, n_days, d);
  pairs->all_paired += share (f->all_paired, n_days, d);
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

static void
add_meta (TallyEngine *engine)
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
      const char *currency = tally_facts_string (facts, f->currency);
      gint32 n_days = f->end - f->start + 1;
      gint64 purchases = standard_value (f->purchases, f->purchases_window, f->n_window_rows, click, view);
      gint64 value = standard_value (f->purchase_value, f->value_window, f->n_window_rows, click, view);
      gint64 leads = standard_value (f->leads, f->leads_window, f->n_window_rows, click, view);
      gint64 view_value = f->n_window_rows > 0 && view ? f->value_window[3] : 0;
      gboolean mismatch = f->window != 0 && !window_is_standard (engine, standard, f->window);
      gpointer found;
      guint campaign;

      if (f->campaign == 0)
        campaign = TALLY_CAMPAIGN_NONE;
      else if (g_hash_table_lookup_extended (index, GUINT_TO_POINTER (f->campaign), NULL, &found))
        campaign = GPOINTER_TO_UINT (found);
      else
        {
          campaign = add_campaign (engine, tally_facts_string (facts, f->campaign),
                                   tally_facts_string (facts, f->campaign_name != 0 ? f->campaign_name : f->campaign),
                                   f->has_campaign_id ? tally_facts_string (facts, f->campaign) : NULL);
          g_hash_table_insert (index, GUINT_TO_POINTER (f->campaign), GUINT_TO_POINTER (campaign));
        }

      if (currency[0] != '\0' && f->spend != 0)
        g_hash_table_add (engine->currencies, g_strdup (currency));
      if (f->spend > 0 && campaign != TALLY_CAMPAIGN_NONE)
        {
          TallyCampaign *c = g_ptr_array_index (engine->campaigns, campaign);

          c->last_spend_day = MAX (c->last_spend_day, f->end);
        }
      engine->has_window_data |= f->n_window_rows > 0;

      if (n_days <= 0 || n_days > 3660)
        continue;

      for (gint32 d = 0; d < n_days; d++)
        {
          gint32 day = f->start + d;
          TallyCell *cell = tally_engine_cell (engine, day, campaign);
          TallyDayDiag *diag = tally_engine_day (engine, day);
          double spend = 0, money = 0, view_money = 0;
          gint64 spend_minor = share (f->spend, n_days, d);

          tally_fx_convert (engine->fx, spend_minor, currency, day, &spend);
          tally_fx_convert (engine->fx, share (value, n_days, d), currency, day, &money);
          tally_fx_convert (engine->fx, share (view_value, n_days, d), currency, day, &view_money);

          cell->spend += spend;
          cell->purchase_value += money;
          cell->view_value += view_money;
          cell->impressions += share (f->impressions, n_days, d);
          cell->link_clicks += share (f->link_clicks, n_days, d);
          cell->all_clicks += share (f->all_clicks, n_days, d);
          cell->landing_page_views += share (f->landing_page_views, n_days, d);
          add_click_pairs (engine, day, f, n_days, d);
          cell->meta_purchases += share (purchases, n_days, d);
          cell->meta_leads += share (leads, n_days, d);

          diag->spend_delivery += spend;
          diag->meta_rows_covering += f->n_rows;
          if (d == 0)
            {
              diag->meta_rows += f->n_rows;
              diag->window_rows += f->n_window_rows;
              if (n_days > 1)
                diag->range_rows += f->n_rows;
              if (mismatch)
                diag->window_mismatch_rows += f->n_rows - f->n_window_rows;
            }
          if (mismatch && f->n_rows > 0)
            diag->window_mismatch_spend += spend * (f->n_rows - f->n_window_rows) / f->n_rows;

          if (spend_minor != 0 && currency[0] != '\0')
            add_spend_original (engine, day, campaign, currency, spend_minor);
        }
    }
}

/* Campaign join (SPEC section 5) ------------------------------------------- */


/* Case-folded and trimmed, with every run of spaces, "_" and "-" made one
 * space: "CJ_Prospecting-Cocina" and "cj prospecting cocina" meet. */
static char *
campaign_name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *key = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '_' || *p == '-' || *p == '\t')
        {
          gap = key->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (key, ' ');
      gap = FALSE;
      g_string_append_c (key, *p);
    }

  return g_string_free (key, FALSE);
}

/* For each utm_campaign string, the campaign it names, else unmatched. */
static guint *
join_campaigns (TallyEngine *engine)
{
  TallyFacts *facts = engine->facts;
  guint *joined = g_new0 (guint, facts->strings->len);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint c = TALLY_CAMPAIGN_UNMATCHED + 1; c < engine->campaigns->len; c++)
    {
      TallyCampaign *campaign = g_ptr_array_index (engine->campaigns, c);
      char *name_key = campaign_name_key (campaign->name);
      gpointer other;

      if (campaign->id != NULL)
        g_hash_table_insert (by_id, campaign->id, GUINT_TO_POINTER (c));

      /* On a tie, the campaign with the latest spend day wins. */
      if (g_hash_table_lookup_extended (by_name, name_key, NULL, &other) &&
          ((TallyCampaign *) g_ptr_array_index (engine->campaigns, GPOINTER_TO_UINT (other)))->last_spend_day >= campaign->last_spend_day)
        g_free (name_key);
      else
        g_hash_table_insert (by_name, name_key, GUINT_TO_POINTER (c));
    }

  for (guint s = 1; s < facts->strings->len; s++)
    {
      const char *text = tally_facts_string (facts, s);
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      g_autofree char *name_key = NULL;
      gpointer found;

      if (g_hash_table_lookup_extended (by_id, trimmed, NULL, &found))
        joined[s] = GPOINTER_TO_UINT (found);
      else if ((name_key = campaign_name_key (trimmed)) != NULL &&
               g_hash_table_lookup_extended (by_name, name_key, NULL, &found))
        joined[s] = GPOINTER_TO_UINT (found);
      else
        joined[s] = TALLY_CAMPAIGN_UNMATCHED;
    }

  return joined;
}

/* CRM ---------------------------------------------------------------------- */

typedef struct
{
  gboolean *meta_source;    /* a utm_source of meta_source_values */
  gboolean *paid_social;    /* a CRM source "Paid social" */
  gboolean *meta_detail;    /* a detail naming Facebook or Instagram */
  gboolean *customer;       /* a customer stage */
  guint    *campaign;       /* the campaign a utm_campaign joins */
} StringRules;

static gboolean
in_list (const char *text,
         GStrv       list)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  folded = g_utf8_strdown (text, -1);
  g_strstrip (folded);
  return g_strv_contains ((const char * const *) list, folded);
}

static gboolean
is_customer_stage (const char *text,
                   GStrv       stage_keys)
{
  g_autofree char *key = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  key = tally_value_key (text);
  return key[0] != '\0' && g_strv_contains ((const char * const *) stage_keys, key);
}

static void
classify_strings (TallyEngine *engine,
                  StringRules *rules)
{
  TallyFacts *facts = engine->facts;
  guint n = facts->strings->len;
  static const char * const meta_words[] = { "facebook", "instagram", NULL };

  rules->meta_source = g_new0 (gboolean, n);
  rules->paid_social = g_new0 (gboolean, n);
  rules->meta_detail = g_new0 (gboolean, n);
  rules->customer = g_new0 (gboolean, n);
  rules->campaign = join_campaigns (engine);

  for (guint s = 1; s < n; s++)
    {
      const char *text = tally_facts_string (facts, s);
      g_autofree char *folded = g_utf8_strdown (text, -1);

      g_strstrip (folded);
      rules->meta_source[s] = in_list (text, engine->rules->meta_sources);
      rules->customer[s] = is_customer_stage (text, engine->rules->customer_stages);
      rules->paid_social[s] = g_str_equal (folded, "paid social") || g_str_equal (folded, "paid_social");
      for (guint w = 0; meta_words[w] != NULL; w++)
        rules->meta_detail[s] |= strstr (folded, meta_words[w]) != NULL;
    }
}

static void
string_rules_clear (StringRules *rules)
{
  g_free (rules->meta_source);
  g_free (rules->paid_social);
  g_free (rules->meta_detail);
  g_free (rules->customer);
  g_free (rules->campaign);
}

/* What the engine decides about each record. */
typedef struct
{
  gint64   created_utc;
  gint64   won_utc;
  gint32   created_day;
  gint32   won_day;
  gint32   refund_day;
  gint32   won_day_account;
  guint    campaign;
  guint32  utm_campaign;
  gboolean meta;
  gboolean won;
  gboolean click_only;
  gboolean identifier;
  gboolean click_id;
  gboolean unknown;
  gboolean anomaly;    /* won before it was created: not counted */
} RecordView;

static gint64
moment_utc (TallyMomentKind  kind,
            gint64           value,
            TallyZone       *reading)
{
  switch (kind)
    {
    case TALLY_MOMENT_DATE:
      return value * 86400;
    case TALLY_MOMENT_LOCAL:
      return tally_zone_to_utc (reading, value);
    case TALLY_MOMENT_INSTANT:
      return value;
    case TALLY_MOMENT_NONE:
    default:
      return G_MININT64;
    }
}

static gboolean
has_touch (const CrmFact *fact,
           int            touch)
{
  return fact->utm_source[touch] != 0 || fact->utm_campaign[touch] != 0 || fact->crm_source[touch] != 0;
}

/* The source fields that speak for a record: the touch of the attribution
 * model (the original one when the latest is empty), of the record itself
 * or else of the contact it references. */
static const CrmFact *
source_of (TallyEngine   *engine,
           const CrmFact *fact,
           int           *touch)
{
  int wanted = engine->rules->last_touch ? TOUCH_LATEST : TOUCH_ORIGINAL;

  for (int pass = 0; pass < 2; pass++)
    {
      const CrmFact *candidate = pass == 0 ? fact
                               : fact->contact >= 0 ? &g_array_index (engine->facts->crm, CrmFact, fact->contact)
                               : NULL;

      if (candidate == NULL)
        break;
      if (has_touch (candidate, wanted))
        {
          *touch = wanted;
          return candidate;
        }
      if (has_touch (candidate, TOUCH_ORIGINAL))
        {
          *touch = TOUCH_ORIGINAL;
          return candidate;
        }
      if (candidate->flags & (CRM_FACT_FBCLID | CRM_FACT_FBC))
        {
          *touch = wanted;
          return candidate;
        }
    }

  *touch = wanted;
  return fact;
}

static void
view_record (TallyEngine       *engine,
             const StringRules *strings,
             const CrmFact     *fact,
             TallyZone         *crm_zone,
             TallyZone         *zone,
             TallyZone         *account_zone,
             RecordView        *view)
{
  const CrmFact *source;
  gboolean utm_meta, crm_meta, click;
  int touch;

  memset (view, 0, sizeof *view);
  view->created_utc = moment_utc (fact->created_kind, fact->created, crm_zone);
  view->won_utc = moment_utc (fact->won_kind, fact->won, crm_zone);
  view->created_day = tally_moment_day (fact->created_kind, fact->created, crm_zone, zone);
  view->won_day = tally_moment_day (fact->won_kind, fact->won, crm_zone, zone);
  view->won_day_account = tally_moment_day (fact->won_kind, fact->won, crm_zone, account_zone);
  view->refund_day = fact->refunded_kind != TALLY_MOMENT_NONE
                     ? tally_moment_day (fact->refunded_kind, fact->refunded, crm_zone, zone) : view->won_day;

  source = source_of (engine, fact, &touch);
  utm_meta = strings->meta_source[source->utm_source[touch]];
  crm_meta = strings->paid_social[source->crm_source[touch]] && strings->meta_detail[source->crm_detail[touch]];
  click = (source->flags & (CRM_FACT_FBCLID | CRM_FACT_FBC)) != 0;

  view->meta = utm_meta || crm_meta || click;
  view->click_only = view->meta && !utm_meta && !crm_meta;
  view->utm_campaign = source->utm_campaign[touch];
  view->campaign = view->utm_campaign != 0 ? strings->campaign[view->utm_campaign] : TALLY_CAMPAIGN_UNMATCHED;
  view->won = strings->customer[fact->stage] && fact->won_kind != TALLY_MOMENT_NONE;

  /* Won before it was created: a date is wrong, and the record is not
   * counted (crm.stage_anomalies). A won date alone compares by day. */
  if (view->won && fact->created_kind != TALLY_MOMENT_NONE &&
      (fact->won_kind == TALLY_MOMENT_DATE || fact->created_kind == TALLY_MOMENT_DATE
         ? view->won_day < view->created_day : view->won_utc < view->created_utc))
    {
      view->won = FALSE;
      view->anomaly = TRUE;
    }
  view->identifier = (fact->flags & (CRM_FACT_CONTACT | CRM_FACT_EMAIL | CRM_FACT_PHONE)) != 0;
  view->click_id = click;
  view->unknown = !has_touch (source, TOUCH_ORIGINAL) && !has_touch (source, TOUCH_LATEST) && !click;
}

/* Revenue of a Meta-sourced won record: gross on its won day; net with the
 * refund on the sale's day (restate) or the refund's (period); recognized
 * spread per day over its term, the remainder on the first day. */
static void
add_revenue (TallyEngine      *engine,
             const CrmFact    *fact,
             const RecordView *view)
{
  const char *currency = tally_facts_string (engine->facts, fact->currency);
  TallyCell *cell = tally_engine_cell (engine, view->won_day, view->campaign);
  TallyDayDiag *diag = tally_engine_day (engine, view->won_day);
  double gross = 0, refund_restate = 0, refund_period = 0;
  gint64 refund = fact->refund;

  tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &gross);
  cell->gross += gross;
  cell->net_restate += gross;
  cell->net_period += gross;
  tally_engine_day (engine, view->won_day_account)->gross_account += gross;
  if (view->campaign == TALLY_CAMPAIGN_UNMATCHED)
    diag->unmatched_revenue += gross;

  if (refund != 0)
    {
      TallyCell *refund_cell = tally_engine_cell (engine, view->refund_day, view->campaign);

      tally_fx_convert (engine->fx, refund, currency, view->won_day, &refund_restate);
      tally_fx_convert (engine->fx, refund, currency, view->refund_day, &refund_period);
      cell->net_restate -= refund_restate;
      refund_cell->net_period -= refund_period;
      refund_cell->recognized_period -= refund_period;
      diag->refunds += refund_restate;
    }

  if (fact->term_months > 0)
    {
      gint32 n = tally_day_add_months (view->won_day, fact->term_months) - view->won_day;
      gint64 net = fact->amount - refund;
      gint32 min_day = engine->min_day, max_day = engine->max_day;

      for (gint32 d = 0; d < n; d++)
        {
          TallyCell *day_cell = tally_engine_cell (engine, view->won_day + d, view->campaign);
          double restate = 0, period = 0;

          tally_fx_convert (engine->fx, share (net, n, d), currency, view->won_day, &restate);
          tally_fx_convert (engine->fx, share (fact->amount, n, d), currency, view->won_day, &period);
          day_cell->recognized_restate += restate;
          day_cell->recognized_period += period;
        }

      /* A term reaching into the future does not stretch the data's days. */
      engine->min_day = min_day;
      engine->max_day = max_day;
    }
  else
    {
      cell->recognized_restate += gross - refund_restate;
      cell->recognized_period += gross;
    }
}

typedef struct
{
  gint32 person;
  gint64 when;
  guint  record;
} LeadRef;

static int
compare_leads (gconstpointer a,
               gconstpointer b)
{
  const LeadRef *x = a, *y = b;

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  if (x->when != y->when)
    return x->when < y->when ? -1 : 1;
  return x->record < y->record ? -1 : x->record > y->record;
}

/* CRM leads: every Meta-sourced lead (raw), and once per person per
 * lead_dedup_days: a lead counts when it comes at least that long after
 * the person's last counted lead, over all the data. */
static void
add_leads (TallyEngine      *engine,
           const RecordView *views)
{
  TallyFacts *facts = engine->facts;
  g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (LeadRef));
  gint64 window = (gint64) engine->rules->lead_dedup_days * 86400;
  gint32 person = -1;
  gint64 last = 0;

  for (guint i = 0; i < facts->crm->len; i++)
    {
      const CrmFact *fact = &g_array_index (facts->crm, CrmFact, i);
      LeadRef ref = { fact->person, views[i].created_utc, i };

      /* Without lead records, each deal or order stands for its lead. */
      if ((facts->has_leads && fact->kind != CRM_KIND_LEAD) || !views[i].meta ||
          fact->created_kind == TALLY_MOMENT_NONE)
        continue;

      tally_engine_cell (engine, views[i].created_day, views[i].campaign)->crm_leads_raw++;
      g_array_append_val (leads, ref);
    }

  g_array_sort (leads, compare_leads);
  for (guint i = 0; i < leads->len; i++)
    {
      const LeadRef *ref = &g_array_index (leads, LeadRef, i);

      if (ref->person != person || ref->when - last >= window)
        {
          const RecordView *view = &views[ref->record];

          tally_engine_cell (engine, view->created_day, view->campaign)->crm_leads++;
          person = ref->person;
          last = ref->when;
        }
    }
}

/* New customers and match quality, by each person's first won record. */
static void
add_customers (TallyEngine      *engine,
               const RecordView *views)
{
  TallyFacts *facts = engine->facts;
  gint32 n_people = 0;
  g_autofree gint64 *first = NULL;

  for (guint i = 0; i < facts->crm->len; i++)
    n_people = MAX (n_people, g_array_index (facts->crm, CrmFact, i).person + 1);

  first = g_new (gint64, n_people);
  for (gint32 p = 0; p < n_people; p++)
    first[p] = -1;

  for (guint i = 0; i < facts->crm->len; i++)
    {
      gint32 p = g_array_index (facts->crm, CrmFact, i).person;

      if (views[i].won && (first[p] < 0 || views[i].won_utc < views[first[p]].won_utc))
        first[p] = i;
    }

  for (gint32 p = 0; p < n_people; p++)
    {
      const RecordView *view;
      TallyCell *quality;

      if (first[p] < 0)
        continue;

      view = &views[first[p]];
      quality = tally_engine_cell (engine, view->won_day, TALLY_CAMPAIGN_NONE);
      quality->mq_people++;
      quality->mq_identifier += view->identifier;
      quality->mq_click_id += view->click_id;
      quality->mq_unknown += view->unknown;
      if (view->meta)
        tally_engine_cell (engine, view->won_day, view->campaign)->new_customers++;
    }
}

/* Won before created, the CRM's own day, the lag, unmatched campaigns. */
static void
add_record_diagnostics (TallyEngine      *engine,
                        const CrmFact    *fact,
                        const RecordView *view)
{
  const char *currency = tally_facts_string (engine->facts, fact->currency);
  TallyDayDiag *diag;
  double revenue = 0;

  if (fact->created_kind != TALLY_MOMENT_NONE)
    {
      /* The data's days include those of records that are never won. */
      engine->min_day = MIN (engine->min_day, view->created_day);
      engine->max_day = MAX (engine->max_day, view->created_day);
      diag = tally_engine_day (engine, view->created_day);
      diag->crm_records++;
      diag->meta_sourced += view->meta;
      diag->click_id_only += view->click_only;
      if (view->meta && view->campaign == TALLY_CAMPAIGN_UNMATCHED)
        diag->unmatched_records++;
    }

  if (view->anomaly)
    tally_engine_day (engine, view->won_day)->stage_anomalies++;
  if (!view->won)
    return;

  diag = tally_engine_day (engine, view->won_day);
  diag->won_records++;
  if (fact->created_kind == TALLY_MOMENT_NONE || view->won_day != view->created_day)
    diag->crm_records++;

  if (fact->created_kind != TALLY_MOMENT_NONE && view->won_utc >= view->created_utc)
    {
      TallyLag lag = { view->won_day, (double) (view->won_utc - view->created_utc) / 86400.0 };

      g_array_append_val (engine->lags, lag);
    }

  /* The day the CRM's own clock gives it: crm_timezone for wall-clock
   * times, UTC for instants. */
  if (fact->won_kind == TALLY_MOMENT_LOCAL || fact->won_kind == TALLY_MOMENT_INSTANT)
    {
      gint32 own = (gint32) (fact->won / 86400 - (fact->won < 0 && fact->won % 86400 != 0));

      if (own != view->won_day)
        {
          tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &revenue);
          diag->day_shift_records++;
          diag->day_shift_revenue += view->meta ? revenue : 0;
        }
    }

  if (!view->meta && view->unknown && fact->has_amount)
    {
      tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &revenue);
      diag->no_source_revenue += revenue;
    }

  if (view->meta && view->campaign == TALLY_CAMPAIGN_UNMATCHED && fact->has_amount)
    {
      TallyUnmatched entry = { view->won_day, view->utm_campaign, 0 };

      tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &entry.revenue);
      g_array_append_val (engine->unmatched, entry);
    }
}

/* A customer stage with no won time is recorded on its created day. */
static void
add_stage_anomaly (TallyEngine      *engine,
                   const StringRules *strings,
                   const CrmFact    *fact,
                   const RecordView *view)
{
  if (strings->customer[fact->stage] && fact->won_kind == TALLY_MOMENT_NONE && fact->created_kind != TALLY_MOMENT_NONE)
    tally_engine_day (engine, view->created_day)->stage_anomalies++;
}

static void
add_crm (TallyEngine       *engine,
         const StringRules *strings)
{
  TallyFacts *facts = engine->facts;
  TallyZone *zone = engine->rules->zone;
  TallyZone *crm_zone = engine->rules->crm_zone;
  TallyZone *account_zone = engine->rules->account_zone;
  g_autofree RecordView *views = g_new (RecordView, MAX (facts->crm->len, 1));

  for (guint i = 0; i < facts->crm->len; i++)
    {
      const CrmFact *fact = &g_array_index (facts->crm, CrmFact, i);

      view_record (engine, strings, fact, crm_zone, zone, account_zone, &views[i]);
      if (views[i].won && views[i].meta && fact->has_amount)
        add_revenue (engine, fact, &views[i]);
      add_record_diagnostics (engine, fact, &views[i]);
      add_stage_anomaly (engine, strings, fact, &views[i]);
    }

  add_leads (engine, views);
  add_customers (engine, views);
}

/* Sessions ------------------------------------------------------------------ */

static void
add_sessions (TallyEngine       *engine,
              const StringRules *strings)
{
  TallyFacts *facts = engine->facts;

  for (guint i = 0; i < facts->sessions->len; i++)
    {
      const SessionFact *fact = &g_array_index (facts->sessions, SessionFact, i);
      guint campaign;

      if (!strings->meta_source[fact->source])
        continue;

      campaign = fact->campaign != 0 ? strings->campaign[fact->campaign] : TALLY_CAMPAIGN_UNMATCHED;
      tally_engine_cell (engine, fact->day, campaign)->sessions += fact->sessions;
      engine->has_sessions = TRUE;
    }
}

/* The engine --------------------------------------------------------------- */

/**
 * tally_engine_new_with_rules:
 * @facts: the project's data; the engine borrows it
 * @rules: the settings to apply; the engine takes them
 *
 * Returns: (transfer full): every cell and every day's diagnostics
 */
TallyEngine *
tally_engine_new_with_rules (TallyFacts *facts,
                             TallyRules *rules)
{
  TallyEngine *engine = g_new0 (TallyEngine, 1);
  StringRules strings = { 0 };

  engine->rules = rules;
  engine->facts = facts;
  engine->fx = tally_fx_new (facts, rules->reporting_currency, rules->fx_rule, rules->fixed_rates);
  engine->campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) campaign_free);
  engine->cells = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, NULL, g_free);
  engine->days = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  engine->click_pairs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  engine->cell_index = tally_index_new ();
  engine->day_index = tally_index_new ();
  engine->lags = g_array_new (FALSE, FALSE, sizeof (TallyLag));
  engine->unmatched = g_array_new (FALSE, FALSE, sizeof (TallyUnmatched));
  engine->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engine->spend_original = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, g_free, (GDestroyNotify) g_array_unref);
  engine->min_day = G_MAXINT32;
  engine->max_day = G_MININT32;

  add_campaign (engine, "", "", NULL);
  add_campaign (engine, "(unmatched)", "(unmatched)", NULL);

  add_meta (engine);
  /* What each imported string means under the rules, once for the CRM
   * records and the sessions; the campaigns are all known by now. */
  classify_strings (engine, &strings);
  add_crm (engine, &strings);
  add_sessions (engine, &strings);
  string_rules_clear (&strings);
  return engine;
}

/**
 * tally_engine_new:
 * @project: a project
 * @facts: its data; the engine borrows it
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): the engine under the project's settings
 */
TallyEngine *
tally_engine_new (TallyProject  *project,
                  TallyFacts    *facts,
                  GError       **error)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  return tally_engine_new_with_rules (facts, tally_rules_load (project));
}

void
tally_engine_free (TallyEngine *engine)
{
  if (engine == NULL)
    return;

  tally_rules_free (engine->rules);
  tally_fx_free (engine->fx);
  g_ptr_array_unref (engine->campaigns);
  g_hash_table_unref (engine->cells);
  g_hash_table_unref (engine->days);
  g_hash_table_unref (engine->click_pairs);
  tally_index_free (engine->cell_index);
  tally_index_free (engine->day_index);
  g_array_unref (engine->lags);
  g_array_unref (engine->unmatched);
  g_hash_table_unref (engine->currencies);
  g_hash_table_unref (engine->spend_original);
  g_free (engine);
}

/**
 * tally_engine_set_rules:
 * @engine: an engine
 * @rules: (transfer full): rules with the same tally_rules_fingerprint()
 *   as the engine's
 *
 * Takes the rules that only choose among what the cells keep (scope,
 * revenue basis, refund policy, clicks, conversion event, tax, fees, the
 * mismatch map's thresholds) without computing the cells again.
 */
void
tally_engine_set_rules (TallyEngine *engine,
                        TallyRules  *rules)
{
  g_autofree char *before = tally_rules_fingerprint (engine->rules);
  g_autofree char *after = tally_rules_fingerprint (rules);

  g_return_if_fail (g_str_equal (before, after));

  tally_rules_free (engine->rules);
  engine->rules = rules;
}
