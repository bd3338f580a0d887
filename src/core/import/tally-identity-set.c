/* tally-identity-set.c: the row identities an import has seen in its file
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 64-bit hashes of the row identities seen so far, with the rows they
 * were stored as: an open-addressing table, because a million CRM ids
 * would cost several times the memory as strings in a GHashTable. A hash
 * match is confirmed in SQL before a row is called a duplicate.
 *
 * Most CRM exports list their records by id, and their ids are numbers:
 * while every identity added has a number (@number, a record id that is a
 * plain decimal number, or -1) and each is larger than the one before,
 * they are kept in that order, in a run, where a new one is known to be
 * new without a look at the table (which, a million rows large, costs a
 * cache miss a row). The first identity out of order, or without a
 * number, moves the run into the table.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include "tally-identity-set.h"
#include "tally-memory.h"

typedef struct
{
  guint64 key;
  gint64  row_id;
} IdentitySlot;

typedef struct
{
  gint64  number;
  guint64 key;
  gint64  row_id;
} RunEntry;

struct _IdentitySet
{
  IdentitySlot *slots;
  gsize         capacity;
  gsize         size;
  gsize         expected;
  GArray       *run;      /* RunEntry, by number; NULL once out of order */
};

/* Sized for @rows at most half full, so that a file the size says is
 * not hashed again and again as it grows. */
IdentitySet *
_tally_identity_set_new (guint64 rows)
{
  IdentitySet *set = g_new0 (IdentitySet, 1);

  set->expected = (gsize) MIN (rows, 1u << 22);
  set->run = g_array_sized_new (FALSE, FALSE, sizeof (RunEntry), (guint) set->expected);
  tally_memory_advise_huge (set->run->data, set->expected * sizeof (RunEntry));
  return set;
}

void
_tally_identity_set_free (IdentitySet *set)
{
  if (set == NULL)
    return;
  g_free (set->slots);
  if (set->run != NULL)
    g_array_unref (set->run);
  g_free (set);
}

static guint64
hash_identity (const char *text,
               gsize       length)
{
  guint64 hash = 14695981039346656037ull;

  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) text[i];
      hash *= 1099511628211ull;
    }

  return hash != 0 ? hash : 1;
}

/* The row id stored with @key in the table, or 0. */
static gint64
table_find (IdentitySet *set,
            guint64      key)
{
  gsize mask = set->capacity - 1;

  if (set->slots == NULL)
    return 0;
  for (gsize i = key & mask; set->slots[i].key != 0; i = (i + 1) & mask)
    if (set->slots[i].key == key)
      return set->slots[i].row_id;
  return 0;
}

static void table_grow (IdentitySet *set);

static void
table_add (IdentitySet *set,
           guint64      key,
           gint64       row_id)
{
  gsize mask, i;

  if (set->slots == NULL)
    {
      set->capacity = 1024;
      while (set->capacity < (1u << 22) && set->capacity < 2 * set->expected)
        set->capacity *= 2;
      set->slots = g_new0 (IdentitySlot, set->capacity);
  tally_memory_advise_huge (set->slots, set->capacity * sizeof (IdentitySlot));
    }

  mask = set->capacity - 1;
  for (i = key & mask; set->slots[i].key != 0; i = (i + 1) & mask)
    ;
  set->slots[i].key = key;
  set->slots[i].row_id = row_id;
  if (++set->size * 2 > set->capacity)
    table_grow (set);
}

static void
table_grow (IdentitySet *set)
{
  IdentitySlot *slots = set->slots;
  gsize old = set->capacity;

  set->capacity *= 2;
  set->slots = g_new0 (IdentitySlot, set->capacity);
  tally_memory_advise_huge (set->slots, set->capacity * sizeof (IdentitySlot));
  set->size = 0;
  for (gsize i = 0; i < old; i++)
    if (slots[i].key != 0)
      table_add (set, slots[i].key, slots[i].row_id);
  g_free (slots);
}

/* The row of @number in the run, or 0. */
static gint64
run_find (GArray *run,
          gint64  number)
{
  const RunEntry *entries = (const RunEntry *) run->data;
  guint low = 0, high = run->len;

  if (high == 0 || number > entries[high - 1].number)
    return 0;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (entries[middle].number == number)
        return entries[middle].row_id;
      if (entries[middle].number < number)
        low = middle + 1;
      else
        high = middle;
    }
  return 0;
}

/**
 * _tally_identity_set_find:
 * @set: the identities seen
 * @identity: (array length=length): a row's identity
 * @length: its length in bytes
 * @number: the number that identifies it alone among the batch's rows, or
 *   -1 when it has none
 *
 * Returns: the row id an identity with the same hash was stored as (to be
 *   confirmed), or 0 when @identity is new
 */
gint64
_tally_identity_set_find (IdentitySet *set,
                          const char  *identity,
                          gsize        length,
                          gint64       number)
{
  /* The run has only identities with numbers: one without is new to it. */
  if (set->run != NULL)
    return number >= 0 ? run_find (set->run, number) : 0;
  return table_find (set, hash_identity (identity, length));
}

/* Adds @identity, stored as @row_id. */
void
_tally_identity_set_add (IdentitySet *set,
                         const char  *identity,
                         gsize        length,
                         gint64       number,
                         gint64       row_id)
{
  RunEntry entry = { number, hash_identity (identity, length), row_id };

  if (set->run != NULL)
    {
      const RunEntry *last = set->run->len > 0 ? &g_array_index (set->run, RunEntry, set->run->len - 1) : NULL;

      if (number >= 0 && (last == NULL || number > last->number))
        {
          g_array_append_val (set->run, entry);
          return;
        }

      /* Out of order: the run moves to the table. */
      for (guint i = 0; i < set->run->len; i++)
        table_add (set, g_array_index (set->run, RunEntry, i).key, g_array_index (set->run, RunEntry, i).row_id);
      g_clear_pointer (&set->run, g_array_unref);
    }
  table_add (set, entry.key, row_id);
}

