/* tally-facts.h: the imported data, in the shape the engine reads
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-days.h"
#include "tally-project.h"

G_BEGIN_DECLS

enum
{
  CRM_FACT_FBCLID  = 1 << 0,
  CRM_FACT_FBC     = 1 << 1,
  CRM_FACT_CONTACT = 1 << 2,
  CRM_FACT_EMAIL   = 1 << 3,
  CRM_FACT_PHONE   = 1 << 4,
};

typedef enum
{
  CRM_KIND_LEAD,
  CRM_KIND_DEAL,
  CRM_KIND_ORDER,
} CrmKind;

/* Indexes [0] and [1] of the source fields: original and latest. */
enum { TOUCH_ORIGINAL, TOUCH_LATEST, N_TOUCHES };

/* The source fields of a record, both touches. Strings are ids in
 * TallyFacts.strings (0 is none). */
typedef struct
{
  guint32  utm_source[N_TOUCHES];
  guint32  utm_campaign[N_TOUCHES];
  guint32  crm_source[N_TOUCHES];
  guint32  crm_detail[N_TOUCHES];
} CrmTouches;

/* What a record has in common with many others, its source fields among
 * them: each distinct combination is stored once in TallyFacts.crm_shapes
 * (the generated million records have a thousand). */
typedef struct
{
  CrmTouches touches;
  guint32  stage;
  guint32  currency;
  guint16  term_months;
  guint8   kind;
  guint8   created_kind;
  guint8   won_kind;
  guint8   flags;
  guint8   has_amount;
  guint8   unused;
} CrmShape;

/* One CRM record, 32 bytes: a million of them are most of a report's
 * memory. Its shape is an index; the contact it references and its refund,
 * which few records have, are in TallyFacts.crm_contacts and crm_refunds. */
typedef struct
{
  gint64   created;
  gint64   won;
  gint64   amount;
  gint32   person;
  guint32  shape;            /* in TallyFacts.crm_shapes */
} CrmFact;

/* A record that references the record of its contact. */
typedef struct
{
  guint32  record;           /* its index in TallyFacts.crm */
  gint32   contact;          /* the contact's */
} CrmContact;

/* The refund of a record that has a refunded time or amount. */
typedef struct
{
  guint32  record;           /* its index in TallyFacts.crm */
  guint32  refunded_kind;
  gint64   refunded;
  gint64   refund;
} CrmRefund;

/* Meta rows summed per day (or range), campaign, attribution setting and
 * currency: what the report needs of them. */
typedef struct
{
  gint32   start;
  gint32   end;
  guint32  campaign;         /* the campaign id, else its name */
  guint32  campaign_name;
  guint32  window;           /* the attribution setting's code */
  guint32  setting;          /* the attribution setting as written */
  guint32  currency;
  gboolean has_campaign_id;
  guint32  n_rows;
  guint32  n_breakdown_rows;
  guint32  n_window_rows;    /* rows with per-window numbers */
  gint64   spend;
  gint64   impressions;
  gint64   all_clicks;
  gint64   link_clicks;
  gint64   landing_page_views;
  /* Link clicks and the other count of the rows that report both: the
   * ratios compare like with like, never across campaigns. */
  gint64   lpv_link_clicks;
  gint64   lpv_paired;
  gint64   all_link_clicks;
  gint64   all_paired;
  /* Results and value as the export gave them, for rows without per-window
   * numbers, and per window for rows with them. */
  gint64   purchases;
  gint64   purchase_value;
  gint64   leads;
  gint64   purchases_window[4];
  gint64   value_window[4];
  gint64   leads_window[4];
} MetaFact;

typedef struct
{
  gint32   day;
  guint32  source;
  guint32  campaign;
  gint64   sessions;
} SessionFact;

typedef struct
{
  gint32   day;
  guint32  base;
  guint32  currency;
  double   rate;
} RateFact;

typedef struct
{
  GPtrArray *strings;        /* id → string; [0] is "" */
  GArray    *crm;            /* CrmFact, in the order of their row ids */
  GArray    *crm_shapes;     /* CrmShape, in order of first use */
  GArray    *crm_contacts;   /* CrmContact, by record */
  GArray    *crm_refunds;    /* CrmRefund, by record */
  GArray    *meta;           /* MetaFact */
  GArray    *sessions;       /* SessionFact */
  GArray    *rates;          /* RateFact */
  gboolean   has_leads;      /* whether any CRM record is a lead */
  gint64     data_version;
} TallyFacts;

TallyFacts *tally_facts_load   (TallyProject  *project,
                                GError       **error);
void        tally_facts_free   (TallyFacts    *facts);
const char *tally_facts_string (TallyFacts    *facts,
                                guint32        id);
gint32      tally_facts_crm_contact (const TallyFacts *facts,
                                     const CrmFact    *fact);

static inline const CrmShape *
tally_facts_crm_shape (const TallyFacts *facts,
                       const CrmFact    *fact)
{
  return &g_array_index (facts->crm_shapes, CrmShape, fact->shape);
}

static inline const CrmTouches *
tally_facts_crm_touches (const TallyFacts *facts,
                         const CrmFact    *fact)
{
  return &tally_facts_crm_shape (facts, fact)->touches;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyFacts, tally_facts_free)

G_END_DECLS
