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
             RecordView        *view)
{
  TallyZone *crm_zone = engine->rules->crm_zone;
  TallyZone *zone = engine->rules->zone;
  TallyZone *account_zone = engine->rules->account_zone;
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

/* A Meta-sourced lead, kept from the walk over the records for the
 * deduplication, with the cell it counts in. The records' views are not
 * kept: a million of them would be the largest thing the engine holds. */
typedef struct
{
  gint64  when;
  gint32  person;
  gint32  day;
  guint32 campaign;
} LeadRef;

/* By person, then time, then the record's order: the leads are in the
 * records' order, and it is their indexes that are sorted, which takes a
 * sixth of the memory sorting the leads themselves would. */
static int
compare_leads (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const LeadRef *leads = user_data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  const LeadRef *x = &leads[i], *y = &leads[j];

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  if (x->when != y->when)
    return x->when < y->when ? -1 : 1;
  return i < j ? -1 : i > j;
}

static void
note_lead (TallyEngine      *engine,
           const CrmFact    *fact,
           const RecordView *view,
           GArray           *leads)
{
  LeadRef ref = { view->created_utc, fact->person, view->created_day, view->campaign };

  /* Without lead records, each deal or order stands for its lead. */
  if ((engine->facts->has_leads && fact->kind != CRM_KIND_LEAD) || !view->meta ||
      fact->created_kind == TALLY_MOMENT_NONE)
    return;

  g_array_append_val (leads, ref);
}

/* CRM leads: every Meta-sourced lead (raw), and once per person per
 * lead_dedup_days: a lead counts when it comes at least that long after
 * the person's last counted lead, over all the data. @leads come in the
 * records' order. */
static void
add_leads (TallyEngine *engine,
           GArray      *leads)
{
  const LeadRef *refs = (const LeadRef *) leads->data;
  g_autofree guint32 *order = g_new (guint32, MAX (leads->len, 1));
  gint64 window = (gint64) engine->rules->lead_dedup_days * 86400;
  gint32 person = -1;
  gint64 last = 0;

  for (guint i = 0; i < leads->len; i++)
    {
      tally_engine_cell (engine, refs[i].day, refs[i].campaign)->crm_leads_raw++;
      order[i] = i;
    }

  g_qsort_with_data (order, (gint) leads->len, sizeof *order, compare_leads, (gpointer) refs);
  for (guint i = 0; i < leads->len; i++)
    {
      const LeadRef *ref = &refs[order[i]];

      if (ref->person != person || ref->when - last >= window)
        {
          tally_engine_cell (engine, ref->day, ref->campaign)->crm_leads++;
          person = ref->person;
          last = ref->when;
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
      if (view->won_utc >= moment_utc (other->won_kind, other->won, engine->rules->crm_zone))
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
  g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (LeadRef));
  FirstWon first;

  first_won_init (&first, facts);
  for (guint i = 0; i < facts->crm->len; i++)
    {
      const CrmFact *fact = &g_array_index (facts->crm, CrmFact, i);
      RecordView view;

      view_record (engine, strings, fact, &view);
      if (view.won && view.meta && fact->has_amount)
        add_revenue (engine, fact, &view);
      add_record_diagnostics (engine, fact, &view);
      add_stage_anomaly (engine, strings, fact, &view);
      note_lead (engine, fact, &view, leads);
      note_won (engine, &first, fact, &view, i);
    }

  /* The leads go before the customers are looked at again. */
  add_leads (engine, leads);
  g_clear_pointer (&leads, g_array_unref);
  add_customers (engine, strings, &first);
  first_won_clear (&first);
}
