/* tally-engine-crm.c: the CRM records in the cells: who is Meta-sourced,
 * revenue, leads, new customers, match quality and what the mismatch map
 * counts of each record
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-engine"

#include "config.h"

#include <string.h>

#include "tally-engine-private.h"

/* What the engine decides about each record: worked out when the walk
 * reaches it, and not kept (LeadRef and FirstWon keep what is needed
 * later). */
typedef struct
{
  gint64   created_utc;
  gint64   won_utc;
  const CrmShape *shape;
  gint32   created_day;
  gint32   won_day;
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
has_touch (const CrmTouches *touches,
           int               touch)
{
  return touches->utm_source[touch] != 0 || touches->utm_campaign[touch] != 0 || touches->crm_source[touch] != 0;
}

/* The source fields that speak for a record: the touch of the attribution
 * model (the original one when the latest is empty), of the record itself
 * or else of the contact it references. */
static const CrmFact *
source_of (TallyEngine   *engine,
           const CrmFact *fact,
           int           *touch)
{
  TallyFacts *facts = engine->facts;
  int wanted = engine->rules->last_touch ? TOUCH_LATEST : TOUCH_ORIGINAL;

  for (int pass = 0; pass < 2; pass++)
    {
      const CrmFact *candidate = fact;
      const CrmTouches *touches;

      if (pass == 1)
        {
          gint32 contact = tally_facts_crm_shape (facts, fact)->flags & CRM_FACT_CONTACT
                           ? tally_facts_crm_contact (facts, fact) : -1;

          if (contact < 0)
            break;
          candidate = &g_array_index (facts->crm, CrmFact, contact);
        }
      touches = tally_facts_crm_touches (facts, candidate);
      if (has_touch (touches, wanted))
        {
          *touch = wanted;
          return candidate;
        }
      if (has_touch (touches, TOUCH_ORIGINAL))
        {
          *touch = TOUCH_ORIGINAL;
          return candidate;
        }
      if (tally_facts_crm_shape (facts, candidate)->flags & (CRM_FACT_FBCLID | CRM_FACT_FBC))
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
             RecordView        *view)
{
  TallyZone *crm_zone = engine->rules->crm_zone;
  TallyZone *zone = engine->rules->zone;
  TallyZone *account_zone = engine->rules->account_zone;
  const CrmShape *shape = tally_facts_crm_shape (engine->facts, fact);
  const CrmFact *source;
  const CrmTouches *touches;
  gboolean utm_meta, crm_meta, click;
  int touch;

  memset (view, 0, sizeof *view);
  view->shape = shape;
  view->created_utc = moment_utc (shape->created_kind, fact->created, crm_zone);
  view->won_utc = moment_utc (shape->won_kind, fact->won, crm_zone);
  view->created_day = tally_moment_day (shape->created_kind, fact->created, crm_zone, zone);
  view->won_day = tally_moment_day (shape->won_kind, fact->won, crm_zone, zone);
  view->won_day_account = tally_moment_day (shape->won_kind, fact->won, crm_zone, account_zone);

  source = source_of (engine, fact, &touch);
  touches = tally_facts_crm_touches (engine->facts, source);
  utm_meta = strings->meta_source[touches->utm_source[touch]];
  crm_meta = strings->paid_social[touches->crm_source[touch]] && strings->meta_detail[touches->crm_detail[touch]];
  click = (tally_facts_crm_shape (engine->facts, source)->flags & (CRM_FACT_FBCLID | CRM_FACT_FBC)) != 0;

  view->meta = utm_meta || crm_meta || click;
  view->click_only = view->meta && !utm_meta && !crm_meta;
  view->utm_campaign = touches->utm_campaign[touch];
  view->campaign = view->utm_campaign != 0 ? strings->campaign[view->utm_campaign] : TALLY_CAMPAIGN_UNMATCHED;
  view->won = strings->customer[shape->stage] && shape->won_kind != TALLY_MOMENT_NONE;

  /* Won before it was created: a date is wrong, and the record is not
   * counted (crm.stage_anomalies). A won date alone compares by day. */
  if (view->won && shape->created_kind != TALLY_MOMENT_NONE &&
      (shape->won_kind == TALLY_MOMENT_DATE || shape->created_kind == TALLY_MOMENT_DATE
         ? view->won_day < view->created_day : view->won_utc < view->created_utc))
    {
      view->won = FALSE;
      view->anomaly = TRUE;
    }
  view->identifier = (shape->flags & (CRM_FACT_CONTACT | CRM_FACT_EMAIL | CRM_FACT_PHONE)) != 0;
  view->click_id = click;
  view->unknown = !has_touch (touches, TOUCH_ORIGINAL) && !has_touch (touches, TOUCH_LATEST) && !click;
}

/* Revenue of a Meta-sourced won record: gross on its won day; net with the
 * refund on the sale's day (restate) or the refund's (period); recognized
 * spread per day over its term, the remainder on the first day. */
static void
add_revenue (TallyEngine      *engine,
             const CrmFact    *fact,
             const CrmRefund  *refunded,
             const RecordView *view)
{
  const CrmShape *shape = view->shape;
  const char *currency = tally_facts_string (engine->facts, shape->currency);
  TallyCell *cell = tally_engine_cell (engine, view->won_day, view->campaign);
  TallyDayDiag *diag = tally_engine_day (engine, view->won_day);
  double gross = 0, refund_restate = 0, refund_period = 0;
  gint64 refund = refunded != NULL ? refunded->refund : 0;
  gint32 refund_day = refunded != NULL && refunded->refunded_kind != TALLY_MOMENT_NONE
                      ? tally_moment_day (refunded->refunded_kind, refunded->refunded, engine->rules->crm_zone, engine->rules->zone)
                      : view->won_day;

  tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &gross);
  cell->gross += gross;
  cell->net_restate += gross;
  cell->net_period += gross;
  tally_engine_day (engine, view->won_day_account)->gross_account += gross;
  if (view->campaign == TALLY_CAMPAIGN_UNMATCHED)
    diag->unmatched_revenue += gross;

  if (refund != 0)
    {
      TallyCell *refund_cell = tally_engine_cell (engine, refund_day, view->campaign);

      tally_fx_convert (engine->fx, refund, currency, view->won_day, &refund_restate);
      tally_fx_convert (engine->fx, refund, currency, refund_day, &refund_period);
      cell->net_restate -= refund_restate;
      refund_cell->net_period -= refund_period;
      refund_cell->recognized_period -= refund_period;
      diag->refunds += refund_restate;
    }

  if (shape->term_months > 0)
    {
      gint32 n = tally_day_add_months (view->won_day, shape->term_months) - view->won_day;
      gint64 net = fact->amount - refund;
      gint32 min_day = engine->min_day, max_day = engine->max_day;

      for (gint32 d = 0; d < n; d++)
        {
          TallyCell *day_cell = tally_engine_cell (engine, view->won_day + d, view->campaign);
          double restate = 0, period = 0;

          tally_fx_convert (engine->fx, _tally_share (net, n, d), currency, view->won_day, &restate);
          tally_fx_convert (engine->fx, _tally_share (fact->amount, n, d), currency, view->won_day, &period);
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

/* Won before created, the CRM's own day, the lag, unmatched campaigns. */
static void
add_record_diagnostics (TallyEngine      *engine,
                        const CrmFact    *fact,
                        const RecordView *view)
{
  const CrmShape *shape = view->shape;
  const char *currency = tally_facts_string (engine->facts, shape->currency);
  TallyDayDiag *diag;
  double revenue = 0;

  if (shape->created_kind != TALLY_MOMENT_NONE)
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
  if (shape->created_kind == TALLY_MOMENT_NONE || view->won_day != view->created_day)
    diag->crm_records++;

  if (shape->created_kind != TALLY_MOMENT_NONE && view->won_utc >= view->created_utc)
    {
      TallyLag lag = tally_lag_new (view->won_day, view->won_utc - view->created_utc);

      g_array_append_val (engine->lags, lag);
    }

  /* The day the CRM's own clock gives it: crm_timezone for wall-clock
   * times, UTC for instants. */
  if (shape->won_kind == TALLY_MOMENT_LOCAL || shape->won_kind == TALLY_MOMENT_INSTANT)
    {
      gint32 own = (gint32) (fact->won / 86400 - (fact->won < 0 && fact->won % 86400 != 0));

      if (own != view->won_day)
        {
          tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &revenue);
          diag->day_shift_records++;
          diag->day_shift_revenue += view->meta ? revenue : 0;
        }
    }

  if (!view->meta && view->unknown && shape->has_amount)
    {
      tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &revenue);
      diag->no_source_revenue += revenue;
    }

  if (view->meta && view->campaign == TALLY_CAMPAIGN_UNMATCHED && shape->has_amount)
    {
      TallyUnmatched entry = { view->won_day, view->utm_campaign, 0 };

      tally_fx_convert (engine->fx, fact->amount, currency, view->won_day, &entry.revenue);
      g_array_append_val (engine->unmatched, entry);
    }
}

/* A customer stage with no won time is recorded on its created day. */
static void
add_stage_anomaly (TallyEngine       *engine,
                   const StringRules *strings,
                   const RecordView  *view)
{
  const CrmShape *shape = view->shape;

  if (strings->customer[shape->stage] && shape->won_kind == TALLY_MOMENT_NONE && shape->created_kind != TALLY_MOMENT_NONE)
    tally_engine_day (engine, view->created_day)->stage_anomalies++;
}

/* A Meta-sourced lead, kept from the walk over the records for the
 * deduplication: its record and the cell it counts in, an index in the
 * walk's own list of lead cells. 8 bytes: the person and the time are
 * the record's. The records' views are not kept: a million of them would
 * be the largest thing the engine holds. */
typedef struct
{
  guint32 record;
  guint32 cell;
} LeadRef;

/* The Meta-sourced leads and the cells they count in, by (day, campaign)
 * key. The cells themselves are made only once the walk is over, in the
 * order of the leads, as they always were. */
typedef struct
{
  GArray     *refs;         /* LeadRef, in the records' order */
  GArray     *cell_keys;    /* guint64, as tally_engine_cell_key() gives */
  TallyIndex *cell_ids;     /* key → its index in cell_keys + 1 */
} Leads;

static void
leads_init (Leads *leads)
{
  leads->refs = g_array_new (FALSE, FALSE, sizeof (LeadRef));
  leads->cell_keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  leads->cell_ids = tally_index_new ();
}

static void
leads_clear (Leads *leads)
{
  g_clear_pointer (&leads->refs, g_array_unref);
  g_clear_pointer (&leads->cell_keys, g_array_unref);
  g_clear_pointer (&leads->cell_ids, tally_index_free);
}

/* The cell of @ref: the day and campaign its key holds. */
static TallyCell *
lead_cell (TallyEngine   *engine,
           const Leads   *leads,
           const LeadRef *ref)
{
  guint64 key = g_array_index (leads->cell_keys, guint64, ref->cell);

  return tally_engine_cell (engine, (gint32) (key >> 32), (guint) (key & 0xffffffff));
}

/* The time of a lead: its record's created time, in UTC. */
static gint64
lead_time (TallyEngine *engine,
           guint32      record)
{
  const CrmFact *fact = &g_array_index (engine->facts->crm, CrmFact, record);

  return moment_utc (tally_facts_crm_shape (engine->facts, fact)->created_kind, fact->created,
                     engine->rules->crm_zone);
}

/* By person, then time, then the record's order. The time is worked out
 * again only for two leads of one person, which few comparisons are. */
static int
compare_leads (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  TallyEngine *engine = user_data;
  const LeadRef *x = a, *y = b;
  const CrmFact *records = (const CrmFact *) engine->facts->crm->data;
  gint32 px = records[x->record].person, py = records[y->record].person;
  gint64 tx, ty;

  if (px != py)
    return px < py ? -1 : 1;
  tx = lead_time (engine, x->record);
  ty = lead_time (engine, y->record);
  if (tx != ty)
    return tx < ty ? -1 : 1;
  return x->record < y->record ? -1 : x->record > y->record;
}

/* Heapsort, in place: the order of compare_leads() is total, so no sort
 * needs to be stable, and this one takes no second array of the leads. */
static void
sift_down (LeadRef     *refs,
           guint        root,
           guint        n,
           TallyEngine *engine)
{
  for (guint child; (child = 2 * root + 1) < n; root = child)
    {
      LeadRef swap;

      if (child + 1 < n && compare_leads (&refs[child], &refs[child + 1], engine) < 0)
        child++;
      if (compare_leads (&refs[root], &refs[child], engine) >= 0)
        return;
      swap = refs[root];
      refs[root] = refs[child];
      refs[child] = swap;
    }
}

static void
sort_leads (LeadRef     *refs,
            guint        n,
            TallyEngine *engine)
{
  for (guint i = n / 2; i-- > 0;)
    sift_down (refs, i, n, engine);
  for (guint end = n; end-- > 1;)
    {
      LeadRef swap = refs[0];

      refs[0] = refs[end];
      refs[end] = swap;
      sift_down (refs, 0, end, engine);
    }
}

static void
note_lead (TallyEngine      *engine,
           guint             record,
           const RecordView *view,
           Leads            *leads)
{
  LeadRef ref = { record, 0 };
  guint64 key;
  guint id;

  /* Without lead records, each deal or order stands for its lead. */
  if ((engine->facts->has_leads && view->shape->kind != CRM_KIND_LEAD) || !view->meta ||
      view->shape->created_kind == TALLY_MOMENT_NONE)
    return;

  key = tally_engine_cell_key (view->created_day, view->campaign);
  id = GPOINTER_TO_UINT (tally_index_lookup (leads->cell_ids, key));
  if (id == 0)
    {
      g_array_append_val (leads->cell_keys, key);
      id = leads->cell_keys->len;
      tally_index_insert (leads->cell_ids, key, GUINT_TO_POINTER (id));
    }
  ref.cell = id - 1;
  g_array_append_val (leads->refs, ref);
}

/* CRM leads: every Meta-sourced lead (raw), and once per person per
 * lead_dedup_days: a lead counts when it comes at least that long after
 * the person's last counted lead, over all the data. The leads come in
 * the records' order, and are sorted in place once counted raw. */
static void
add_leads (TallyEngine *engine,
           const Leads *leads)
{
  LeadRef *refs = (LeadRef *) leads->refs->data;
  const CrmFact *records = (const CrmFact *) engine->facts->crm->data;
  guint n = leads->refs->len;
  gint64 window = (gint64) engine->rules->lead_dedup_days * 86400;
  gint32 person = -1;
  gint64 last = 0;

  for (guint i = 0; i < n; i++)
    lead_cell (engine, leads, &refs[i])->crm_leads_raw++;

  sort_leads (refs, n, engine);
  for (guint i = 0; i < n; i++)
    {
      const LeadRef *ref = &refs[i];
      gint64 when = lead_time (engine, ref->record);

      if (records[ref->record].person != person || when - last >= window)
        {
          lead_cell (engine, leads, ref)->crm_leads++;
          person = records[ref->record].person;
          last = when;
        }
    }
}

/* Each person's first won record (the earliest won time, the first record
 * on a tie), found during the walk over the records. */
typedef struct
{
  gint32  n_people;
  gint32 *record;       /* -1: never won */
} FirstWon;

static void
first_won_init (FirstWon   *first,
                TallyFacts *facts)
{
  first->n_people = 0;
  for (guint i = 0; i < facts->crm->len; i++)
    first->n_people = MAX (first->n_people, g_array_index (facts->crm, CrmFact, i).person + 1);

  first->record = g_new (gint32, MAX (first->n_people, 1));
  for (gint32 p = 0; p < first->n_people; p++)
    first->record[p] = -1;
}

static void
first_won_clear (FirstWon *first)
{
  g_clear_pointer (&first->record, g_free);
}

/* The won time of the person's first record so far is worked out again
 * rather than kept: 8 bytes fewer per person. */
static void
note_won (TallyEngine      *engine,
          FirstWon         *first,
          const CrmFact    *fact,
          const RecordView *view,
          guint             record)
{
  gint32 p = fact->person;
  const CrmFact *other;

  if (!view->won)
    return;
  if (first->record[p] >= 0)
    {
      other = &g_array_index (engine->facts->crm, CrmFact, first->record[p]);
      if (view->won_utc >= moment_utc (tally_facts_crm_shape (engine->facts, other)->won_kind, other->won,
                                       engine->rules->crm_zone))
        return;
    }
  first->record[p] = (gint32) record;
}

/* New customers and match quality, by each person's first won record,
 * whose view is worked out again: one per person instead of one kept per
 * record. */
static void
add_customers (TallyEngine       *engine,
               const StringRules *strings,
               const FirstWon    *first)
{
  for (gint32 p = 0; p < first->n_people; p++)
    {
      RecordView view;
      TallyCell *quality;

      if (first->record[p] < 0)
        continue;

      view_record (engine, strings, &g_array_index (engine->facts->crm, CrmFact, first->record[p]), &view);
      quality = tally_engine_cell (engine, view.won_day, TALLY_CAMPAIGN_NONE);
      quality->mq_people++;
      quality->mq_identifier += view.identifier;
      quality->mq_click_id += view.click_id;
      quality->mq_unknown += view.unknown;
      if (view.meta)
        tally_engine_cell (engine, view.won_day, view.campaign)->new_customers++;
    }
}

void
_tally_engine_add_crm (TallyEngine       *engine,
                       const StringRules *strings)
{
  TallyFacts *facts = engine->facts;
  const CrmRefund *refunds = (const CrmRefund *) facts->crm_refunds->data;
  guint n_refunds = facts->crm_refunds->len, next_refund = 0;
  Leads leads;
  FirstWon first;

  leads_init (&leads);
  first_won_init (&first, facts);
  for (guint i = 0; i < facts->crm->len; i++)
    {
      const CrmFact *fact = &g_array_index (facts->crm, CrmFact, i);
      const CrmRefund *refund = NULL;
      RecordView view;

      /* The refunds are in the records' order: a cursor finds each. */
      if (next_refund < n_refunds && refunds[next_refund].record == i)
        refund = &refunds[next_refund++];

      view_record (engine, strings, fact, &view);
      if (view.won && view.meta && view.shape->has_amount)
        add_revenue (engine, fact, refund, &view);
      add_record_diagnostics (engine, fact, &view);
      add_stage_anomaly (engine, strings, &view);
      note_lead (engine, i, &view, &leads);
      note_won (engine, &first, fact, &view, i);
    }

  /* The leads go before the customers are looked at again. */
  add_leads (engine, &leads);
  leads_clear (&leads);
  add_customers (engine, strings, &first);
  first_won_clear (&first);
}
