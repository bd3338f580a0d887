/* tally-cell.c: the engine's cells and days, its campaigns, and what each
 * imported string means under the rules
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-engine"

#include "config.h"

#include <string.h>

#include "tally-engine-private.h"
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

void
_tally_campaign_free (TallyCampaign *campaign)
{
  g_free (campaign->key);
  g_free (campaign->name);
  g_free (campaign->id);
  g_free (campaign);
}

guint
_tally_engine_add_campaign (TallyEngine *engine,
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

/* String classes ---------------------------------------------------------- */

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

void
_tally_string_rules_classify (TallyEngine *engine,
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

void
_tally_string_rules_clear (StringRules *rules)
{
  g_free (rules->meta_source);
  g_free (rules->paid_social);
  g_free (rules->meta_detail);
  g_free (rules->customer);
  g_free (rules->campaign);
}
