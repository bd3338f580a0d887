/* tally-crm-append.c: CRM records turned into facts as they are written
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import hands each record it stores to a TallyCrmAppend, which decodes
 * its times, keeps its shape (stage, currency, kinds, touches) once per
 * distinct shape, and numbers its person; the facts cache then takes the
 * batch without reading it back. A rebuild from SQL goes the same way, so
 * that both give the same facts.
 */
#define G_LOG_DOMAIN "tally-facts"

#include "config.h"

#include <string.h>

#include "tally-facts-private.h"
#include "tally-memory.h"
#include "tally-person-index.h"

static CrmKind
kind_from_text (const char *text)
{
  if (g_strcmp0 (text, "lead") == 0)
    return CRM_KIND_LEAD;
  if (g_strcmp0 (text, "order") == 0)
    return CRM_KIND_ORDER;
  return CRM_KIND_DEAL;
}

/* A record as it is decoded, before its shape is looked up. */
typedef struct
{
  CrmFact    fact;
  CrmShape   shape;
  CrmRefund  refund;
} CrmDecoded;

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* Records appended in the order of their ids, persons numbered in the
 * order they first appear, so that appending a batch to facts that had
 * no CRM records gives what loading them all would. */
struct _TallyCrmAppend
{
  TallyFacts  *facts;         /* its own strings and records */
  Interner    *interner;
  PersonIndex *people;
  GArray      *contact_of_person;
  GHashTable  *shapes;        /* CrmShape → index */
  GArray      *by_text_id;    /* the string id of a strings table id, plus 1 */
  GString     *key;
};

/* The string of @text, which the project's strings table knows as @id
 * (0 when it does not): looked up once per id, not once per record. */
static guint32
intern_coded (TallyCrmAppend *append,
              const char     *text,
              gint64          id)
{
  guint32 *known;

  if (id <= 0 || id >= (1 << 24))
    return _tally_facts_intern (append->interner, text);
  if ((guint) id >= append->by_text_id->len)
    g_array_set_size (append->by_text_id, (guint) id + 1);
  known = &g_array_index (append->by_text_id, guint32, id);
  if (*known == 0)
    *known = _tally_facts_intern (append->interner, text) + 1;
  return *known - 1;
}

/* One record's fact, shape and refund. */
static void
decode_crm (TallyCrmAppend       *append,
            const TallyCrmValues *v,
            CrmDecoded           *d)
{
  gboolean email = v->sha256[0] != NULL || has_text (v->sha256_text[0]);
  gboolean phone = v->sha256[1] != NULL || has_text (v->sha256_text[1]);
  CrmShape *shape = &d->shape;

  memset (d, 0, sizeof *d);
  shape->kind = kind_from_text (v->kind);
  shape->created_kind = tally_moment_parse (v->created, &d->fact.created);
  shape->won_kind = tally_moment_parse (v->won, &d->fact.won);
  d->refund.refunded_kind = tally_moment_parse (v->refunded, &d->refund.refunded);
  shape->stage = intern_coded (append, v->stage, v->stage_id);
  shape->has_amount = v->has_amount;
  d->fact.amount = v->amount;
  shape->currency = intern_coded (append, v->currency, v->currency_id);
  d->refund.refund = v->refund;
  shape->term_months = (guint16) v->term_months;
  for (int t = 0; t < N_TOUCHES; t++)
    {
      shape->touches.utm_source[t] = intern_coded (append, v->utm_source[t], v->utm_source_id[t]);
      shape->touches.utm_campaign[t] = intern_coded (append, v->utm_campaign[t], v->utm_campaign_id[t]);
      shape->touches.crm_source[t] = intern_coded (append, v->crm_source[t], v->crm_source_id[t]);
      shape->touches.crm_detail[t] = intern_coded (append, v->crm_detail[t], v->crm_detail_id[t]);
    }
  if (has_text (v->fbclid))
    shape->flags |= CRM_FACT_FBCLID;
  if (has_text (v->fbc))
    shape->flags |= CRM_FACT_FBC;
  if (email)
    shape->flags |= CRM_FACT_EMAIL;
  if (phone)
    shape->flags |= CRM_FACT_PHONE;

  if (has_text (v->contact_id))
    shape->flags |= CRM_FACT_CONTACT;
}

/* Whether the record is a contact export's own row for its contact. */
static gboolean
is_own_contact (const TallyCrmValues *v)
{
  const char *contact = v->contact_id, *origin = v->origin, *record = v->record_id;

  return has_text (contact) && g_str_has_suffix (contact, record) && g_str_has_prefix (contact, origin) &&
         strlen (contact) == strlen (origin) + 1 + strlen (record);
}


static guint
hash_bytes (gconstpointer data,
            gsize         size)
{
  const guint8 *p = data;
  guint hash = 2166136261u;

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ p[i]) * 16777619u;
  return hash;
}

static guint
shape_hash (gconstpointer key)
{
  return hash_bytes (key, sizeof (CrmShape));
}

static gboolean
shape_equal (gconstpointer a,
             gconstpointer b)
{
  return memcmp (a, b, sizeof (CrmShape)) == 0;
}

/* The index of @value in @array, appended on its first use. */
static guint32
intern_value (GHashTable    *ids,
              GArray        *array,
              gconstpointer  value,
              gsize          size)
{
  gpointer id;

  if (g_hash_table_lookup_extended (ids, value, NULL, &id))
    return GPOINTER_TO_UINT (id);

  g_array_append_vals (array, value, 1);
  g_hash_table_insert (ids, g_memdup2 (value, size), GUINT_TO_POINTER (array->len - 1));
  return array->len - 1;
}

TallyCrmAppend *
_tally_facts_crm_append_new (guint expected)
{
  TallyCrmAppend *append = g_new0 (TallyCrmAppend, 1);

  append->facts = _tally_facts_new ();
  append->interner = _tally_facts_interner_new (append->facts);
  append->people = _tally_person_index_new (expected);
  g_array_unref (append->facts->crm);
  append->facts->crm = g_array_sized_new (FALSE, FALSE, sizeof (CrmFact), expected);
  tally_memory_advise_huge (append->facts->crm->data, (gsize) expected * sizeof (CrmFact));
  append->contact_of_person = g_array_new (FALSE, FALSE, sizeof (gint32));
  append->shapes = g_hash_table_new_full (shape_hash, shape_equal, g_free, NULL);
  append->by_text_id = g_array_new (FALSE, TRUE, sizeof (guint32));
  append->key = g_string_new (NULL);
  return append;
}

void
_tally_facts_crm_append_free (TallyCrmAppend *append)
{
  if (append == NULL)
    return;
  _tally_facts_interner_free (append->interner);
  tally_facts_free (append->facts);
  _tally_person_index_free (append->people);
  g_array_unref (append->contact_of_person);
  g_hash_table_unref (append->shapes);
  g_array_unref (append->by_text_id);
  g_string_free (append->key, TRUE);
  g_free (append);
}

void
_tally_facts_crm_append_add (TallyCrmAppend       *append,
                             const TallyCrmValues *values)
{
  TallyFacts *facts = append->facts;
  CrmDecoded d;
  CrmFact *fact = &d.fact;
  gboolean added;

  decode_crm (append, values, &d);
  fact->shape = intern_value (append->shapes, facts->crm_shapes, &d.shape, sizeof d.shape);
  if (d.refund.refunded_kind != TALLY_MOMENT_NONE || d.refund.refund != 0)
    {
      d.refund.record = facts->crm->len;
      g_array_append_val (facts->crm_refunds, d.refund);
    }
  fact->person = (gint32) _tally_person_index_of_record (append->people, values, append->key, &added);
  if (added)
    {
      gint32 none = -1;

      g_array_append_val (append->contact_of_person, none);
    }

  /* A contact export's own rows are the contacts others reference. */
  if (is_own_contact (values))
    g_array_index (append->contact_of_person, gint32, fact->person) = (gint32) facts->crm->len;

  facts->has_leads |= d.shape.kind == CRM_KIND_LEAD;
  g_array_append_val (facts->crm, *fact);
}

/* Each record that references a contact knows that contact's record. */
static void
link_contacts (TallyCrmAppend *append)
{
  TallyFacts *facts = append->facts;

  g_array_set_size (facts->crm_contacts, 0);
  for (guint i = 0; i < facts->crm->len; i++)
    {
      CrmFact *fact = &g_array_index (facts->crm, CrmFact, i);
      CrmContact link = { i, g_array_index (append->contact_of_person, gint32, fact->person) };

      if ((tally_facts_crm_shape (facts, fact)->flags & CRM_FACT_CONTACT) && link.contact >= 0 &&
          link.contact != (gint32) i)
        g_array_append_val (facts->crm_contacts, link);
    }
}

/**
 * tally_facts_crm_contact:
 * @facts: facts
 * @fact: one of their CRM records
 *
 * Returns: the index of the record of the contact @fact references, or -1
 */
gint32
tally_facts_crm_contact (const TallyFacts *facts,
                         const CrmFact    *fact)
{
  const CrmContact *links = (const CrmContact *) facts->crm_contacts->data;
  guint32 record = (guint32) (fact - (const CrmFact *) facts->crm->data);
  guint low = 0, high = facts->crm_contacts->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (links[middle].record == record)
        return links[middle].contact;
      if (links[middle].record < record)
        low = middle + 1;
      else
        high = middle;
    }
  return -1;
}

/* Replaces *@into by *@from, which is left empty. */
static void
move_array (GArray **into,
            GArray **from,
            guint    element_size)
{
  g_array_unref (*into);
  *into = g_steal_pointer (from);
  *from = g_array_new (FALSE, FALSE, element_size);
}

/* Moves the appended records into @interner's facts, which have none. */
void
_tally_facts_adopt_crm (Interner       *interner,
                        TallyCrmAppend *append)
{
  TallyFacts *from = append->facts, *into = interner->facts;
  g_autofree guint32 *to = g_new (guint32, from->strings->len);

  g_assert (into->crm->len == 0);
  link_contacts (append);
  for (guint i = 0; i < from->strings->len; i++)
    to[i] = _tally_facts_intern (interner, g_ptr_array_index (from->strings, i));
  for (guint i = 0; i < from->crm_shapes->len; i++)
    {
      CrmShape *shape = &g_array_index (from->crm_shapes, CrmShape, i);
      CrmTouches *touches = &shape->touches;

      shape->stage = to[shape->stage];
      shape->currency = to[shape->currency];
      for (int t = 0; t < N_TOUCHES; t++)
        {
          touches->utm_source[t] = to[touches->utm_source[t]];
          touches->utm_campaign[t] = to[touches->utm_campaign[t]];
          touches->crm_source[t] = to[touches->crm_source[t]];
          touches->crm_detail[t] = to[touches->crm_detail[t]];
        }
    }
  move_array (&into->crm, &from->crm, sizeof (CrmFact));
  move_array (&into->crm_shapes, &from->crm_shapes, sizeof (CrmShape));
  move_array (&into->crm_contacts, &from->crm_contacts, sizeof (CrmContact));
  move_array (&into->crm_refunds, &from->crm_refunds, sizeof (CrmRefund));
  into->has_leads |= from->has_leads;
}
