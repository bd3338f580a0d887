/* tally-facts-update.c: the facts cache, kept current by every import
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import calls _tally_facts_keep_current() inside its own transaction,
 * after its rows are written and the rows it replaces are hidden, so that
 * the first report after it reads the cache like any other. What it does:
 *  - Meta rows of a batch that replaced nothing are summed per group (as
 *    tally_facts_load does, over the batch's run of row ids only) and
 *    merged into the cached groups: a group of the same day or range,
 *    campaign, attribution setting and currency adds up, a new one joins;
 *  - CRM records of a batch that replaced nothing, into facts that had no
 *    CRM records yet, are appended as the import turned them into facts
 *    while writing them (TallyCrmAppend), without reading them back;
 *    persons are numbered in order of first appearance either way; with
 *    no cache to merge into, the other tables are read and the batch
 *    appended the same way;
 *  - web sessions and rates are day-level tables of a few thousand rows:
 *    their arrays are read again from their own tables;
 *  - everything else is rebuilt from all rows in force: a batch that
 *    replaced rows (a replaced Meta day, a CRM record imported again) or
 *    CRM records added to facts that had some (the cache does not keep the
 *    keys persons are matched by, which would cost tens of bytes a row).
 * Undo (tally-batches.c) rebuilds in its transaction the same way.
 *
 * The numbers must not depend on the order of imports, and a kept cache
 * must equal a rebuilt one byte for byte: _tally_facts_canonicalize()
 * gives both the same layout, strings in byte order and the grouped
 * arrays sorted by their keys.
 */
#define G_LOG_DOMAIN "tally-facts"

#include "config.h"

#include <string.h>

#include "tally-store.h"
#include "tally-facts-private.h"
#include "tally-project-private.h"

/* Canonical order ----------------------------------------------------------- */

static int
compare_string_ids (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  GPtrArray *strings = data;

  return strcmp (g_ptr_array_index (strings, *(const guint32 *) a),
                 g_ptr_array_index (strings, *(const guint32 *) b));
}

#define CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)

static int
compare_meta (gconstpointer a,
              gconstpointer b)
{
  const MetaFact *x = a, *y = b;

  CMP (x->start, y->start);
  CMP (x->end, y->end);
  CMP (x->campaign, y->campaign);
  CMP (x->window, y->window);
  CMP (x->setting, y->setting);
  CMP (x->currency, y->currency);
  return 0;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const SessionFact *x = a, *y = b;

  CMP (x->day, y->day);
  CMP (x->source, y->source);
  CMP (x->campaign, y->campaign);
  return 0;
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const RateFact *x = a, *y = b;

  CMP (x->day, y->day);
  CMP (x->base, y->base);
  CMP (x->currency, y->currency);
  CMP (x->rate, y->rate);
  return 0;
}

static void
remap_ids (TallyFacts    *facts,
           const guint32 *to)
{
  for (guint i = 0; i < facts->crm_shapes->len; i++)
    {
      CrmShape *f = &g_array_index (facts->crm_shapes, CrmShape, i);

      f->stage = to[f->stage];
      f->currency = to[f->currency];
      for (int t = 0; t < N_TOUCHES; t++)
        {
          f->touches.utm_source[t] = to[f->touches.utm_source[t]];
          f->touches.utm_campaign[t] = to[f->touches.utm_campaign[t]];
          f->touches.crm_source[t] = to[f->touches.crm_source[t]];
          f->touches.crm_detail[t] = to[f->touches.crm_detail[t]];
        }
    }
  for (guint i = 0; i < facts->meta->len; i++)
    {
      MetaFact *f = &g_array_index (facts->meta, MetaFact, i);

      f->campaign = to[f->campaign];
      f->campaign_name = to[f->campaign_name];
      f->window = to[f->window];
      f->setting = to[f->setting];
      f->currency = to[f->currency];
    }
  for (guint i = 0; i < facts->sessions->len; i++)
    {
      SessionFact *f = &g_array_index (facts->sessions, SessionFact, i);

      f->source = to[f->source];
      f->campaign = to[f->campaign];
    }
  for (guint i = 0; i < facts->rates->len; i++)
    {
      RateFact *f = &g_array_index (facts->rates, RateFact, i);

      f->base = to[f->base];
      f->currency = to[f->currency];
    }
}

/**
 * _tally_facts_canonicalize:
 * @facts: facts however they were gathered
 *
 * Puts the strings in byte order (id 0 stays ""), and the Meta groups,
 * sessions and rates in the order of their keys. CRM records keep theirs,
 * the order of their row ids.
 */
void
_tally_facts_canonicalize (TallyFacts *facts)
{
  guint n = facts->strings->len;
  g_autofree guint32 *order = g_new (guint32, n);
  g_autofree guint32 *to = g_new (guint32, n);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  if (n > 1)
    g_qsort_with_data (order + 1, (gint) n - 1, sizeof (guint32), compare_string_ids, facts->strings);

  /* The sorted array takes the strings over; the old one lets them go. */
  for (guint i = 0; i < n; i++)
    {
      to[order[i]] = i;
      g_ptr_array_add (sorted, g_steal_pointer (&g_ptr_array_index (facts->strings, order[i])));
    }
  g_ptr_array_set_free_func (facts->strings, NULL);
  g_ptr_array_unref (facts->strings);
  facts->strings = g_steal_pointer (&sorted);

  remap_ids (facts, to);
  g_array_sort (facts->meta, compare_meta);
  g_array_sort (facts->sessions, compare_sessions);
  g_array_sort (facts->rates, compare_rates);
}

/* Merging one batch ---------------------------------------------------------- */

static guint
meta_key_hash (gconstpointer key)
{
  const MetaFact *f = key;

  return ((((guint) f->start * 31u + (guint) f->end) * 31u + f->campaign) * 31u + f->window) * 31u +
         f->setting * 7u + f->currency;
}

static gboolean
meta_key_equal (gconstpointer a,
                gconstpointer b)
{
  return compare_meta (a, b) == 0;
}

/* Adds the sums of @from to @into: what GROUP BY would have summed. */
static void
add_meta (TallyFacts     *facts,
          MetaFact       *into,
          const MetaFact *from)
{
  if (strcmp (tally_facts_string (facts, from->campaign_name), tally_facts_string (facts, into->campaign_name)) > 0)
    into->campaign_name = from->campaign_name;
  into->has_campaign_id |= from->has_campaign_id;
  into->n_rows += from->n_rows;
  into->n_breakdown_rows += from->n_breakdown_rows;
  into->n_window_rows += from->n_window_rows;
  into->spend += from->spend;
  into->impressions += from->impressions;
  into->all_clicks += from->all_clicks;
  into->link_clicks += from->link_clicks;
  into->landing_page_views += from->landing_page_views;
  into->lpv_link_clicks += from->lpv_link_clicks;
  into->lpv_paired += from->lpv_paired;
  into->all_link_clicks += from->all_link_clicks;
  into->all_paired += from->all_paired;
  into->purchases += from->purchases;
  into->purchase_value += from->purchase_value;
  into->leads += from->leads;
  for (int w = 0; w < 4; w++)
    {
      into->purchases_window[w] += from->purchases_window[w];
      into->value_window[w] += from->value_window[w];
      into->leads_window[w] += from->leads_window[w];
    }
}

static gboolean
merge_meta (TallyProject  *project,
            TallyFacts    *facts,
            Interner      *interner,
            gint64         first,
            gint64         last,
            GError       **error)
{
  g_autoptr(GArray) old = g_steal_pointer (&facts->meta);
  g_autoptr(GHashTable) groups = g_hash_table_new (meta_key_hash, meta_key_equal);
  g_autoptr(GArray) added = NULL;
  g_autoptr(GArray) fresh = NULL;

  facts->meta = g_array_new (FALSE, FALSE, sizeof (MetaFact));
  if (!_tally_facts_load_table (project, interner, TALLY_FACTS_META, first, last, error))
    {
      g_array_unref (facts->meta);
      facts->meta = g_steal_pointer (&old);
      return FALSE;
    }

  added = g_steal_pointer (&facts->meta);
  facts->meta = g_steal_pointer (&old);
  for (guint i = 0; i < facts->meta->len; i++)
    g_hash_table_add (groups, &g_array_index (facts->meta, MetaFact, i));

  /* The batch's groups are unique (GROUP BY); the new ones are appended
   * after the lookups, which point into the array. */
  fresh = g_array_new (FALSE, FALSE, sizeof (MetaFact));
  for (guint i = 0; i < added->len; i++)
    {
      MetaFact *fact = &g_array_index (added, MetaFact, i);
      MetaFact *group = g_hash_table_lookup (groups, fact);

      if (group != NULL)
        add_meta (facts, group, fact);
      else
        g_array_append_val (fresh, *fact);
    }
  g_array_append_vals (facts->meta, fresh->data, fresh->len);
  return TRUE;
}

/* Whether the batch can be merged into @facts exactly. */
static gboolean
can_merge (TallyFacts      *facts,
           TallyFactsTable  table,
           guint64          rows_replaced)
{
  if (rows_replaced > 0)
    return FALSE;
  return table != TALLY_FACTS_CRM || facts->crm->len == 0;
}

static gboolean
merge_batch (TallyProject     *project,
             TallyFacts       *facts,
             TallyFactsTable   table,
             gint64            first,
             gint64            last,
             TallyCrmAppend   *crm,
             GError          **error)
{
  Interner *interner = _tally_facts_interner_new (facts);
  gboolean ok = TRUE;

  switch (table)
    {
    case TALLY_FACTS_META:
      ok = merge_meta (project, facts, interner, first, last, error);
      break;
    case TALLY_FACTS_SESSIONS:
      g_array_set_size (facts->sessions, 0);
      ok = _tally_facts_load_table (project, interner, table, 0, G_MAXINT64, error);
      break;
    case TALLY_FACTS_RATES:
      g_array_set_size (facts->rates, 0);
      ok = _tally_facts_load_table (project, interner, table, 0, G_MAXINT64, error);
      break;
    case TALLY_FACTS_CRM:
    default:
      /* The import's own records, as it wrote them, or read back. */
      if (crm != NULL)
        _tally_facts_adopt_crm (interner, crm);
      else
        ok = _tally_facts_load_table (project, interner, table, first, last, error);
      break;
    }

  _tally_facts_interner_free (interner);
  return ok;
}

/* Without a cache to merge into, a CRM batch that replaced nothing is
 * still added from memory when no earlier CRM record is in force: the
 * other tables are read, and its records appended. */
static TallyFacts *
build_with_batch (TallyProject     *project,
                  TallyFactsTable   table,
                  gint64            first_row_id,
                  gint64            last_row_id,
                  guint64           rows_replaced,
                  TallyCrmAppend   *crm,
                  GError          **error)
{
  g_autoptr(TallyFacts) facts = NULL;

  if (table != TALLY_FACTS_CRM || crm == NULL || rows_replaced > 0 || first_row_id == 0)
    return _tally_facts_build (project, error);

  facts = _tally_facts_build_before (project, table, first_row_id, error);
  if (facts == NULL)
    return NULL;
  if (facts->crm->len > 0)
    return _tally_facts_build (project, error);

  if (!merge_batch (project, facts, table, first_row_id, last_row_id, crm, error))
    return NULL;
  return g_steal_pointer (&facts);
}

/**
 * _tally_facts_keep_current:
 * @project: a project inside the import's transaction, its data_version
 *   already bumped
 * @table: the table the batch wrote
 * @first_row_id: the batch's first row id (0 when it added none)
 * @last_row_id: its last row id
 * @rows_replaced: how many earlier rows it hid
 * @version_before: the data_version before the batch
 * @crm: (nullable): a CRM batch's records, as the import wrote them
 *
 * Brings the facts cache to the new data_version, in the same
 * transaction: merged when that is exact, rebuilt otherwise (see above).
 *
 * Returns: %FALSE with @error set when SQLite fails
 */
gboolean
_tally_facts_keep_current (TallyProject     *project,
                           TallyFactsTable   table,
                           gint64            first_row_id,
                           gint64            last_row_id,
                           guint64           rows_replaced,
                           gint64            version_before,
                           TallyCrmAppend   *crm,
                           GError          **error)
{
  g_autoptr(TallyFacts) facts = _tally_facts_cache_read (project, version_before);
  gint64 version = _tally_facts_data_version (project);

  if (facts != NULL && !can_merge (facts, table, rows_replaced))
    g_clear_pointer (&facts, tally_facts_free);

  if (facts != NULL && first_row_id > 0 &&
      !merge_batch (project, facts, table, first_row_id, last_row_id, crm, error))
    return FALSE;

  if (facts == NULL &&
      (facts = build_with_batch (project, table, first_row_id, last_row_id, rows_replaced, crm, error)) == NULL)
    return FALSE;

  facts->data_version = version;
  _tally_facts_canonicalize (facts);
  return _tally_facts_cache_store (project, facts, error);
}
