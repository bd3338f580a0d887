/* tally-index.c: a fast map from 64-bit keys to pointers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine looks a cell up several times for each of a million CRM
 * records. GHashTable, with its keys behind pointers, spends most of that
 * time chasing them; this table keeps the keys inline, probes linearly
 * and never removes, which is all the engine needs. It owns no values.
 */
#include "config.h"

#include "tally-index.h"

#define EMPTY G_MAXUINT64

struct _TallyIndex
{
  guint64  *keys;
  gpointer *values;
  gsize     mask;       /* capacity − 1, a power of two */
  gsize     count;
};

/* MurmurHash3's 64-bit finalizer: every key bit reaches every hash bit. */
guint64
tally_index_hash (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  key ^= key >> 33;
  return key;
}

static void
allocate (TallyIndex *index,
          gsize       capacity)
{
  index->keys = g_new (guint64, capacity);
  index->values = g_new0 (gpointer, capacity);
  index->mask = capacity - 1;
  for (gsize i = 0; i < capacity; i++)
    index->keys[i] = EMPTY;
}

TallyIndex *
tally_index_new (void)
{
  TallyIndex *index = g_new0 (TallyIndex, 1);

  allocate (index, 1024);
  return index;
}

void
tally_index_free (TallyIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->keys);
  g_free (index->values);
  g_free (index);
}

gpointer
tally_index_lookup (TallyIndex *index,
                    guint64     key)
{
  for (gsize slot = tally_index_hash (key) & index->mask;; slot = (slot + 1) & index->mask)
    {
      if (index->keys[slot] == key)
        return index->values[slot];
      if (index->keys[slot] == EMPTY)
        return NULL;
    }
}

static void
place (TallyIndex *index,
       guint64     key,
       gpointer    value)
{
  gsize slot = tally_index_hash (key) & index->mask;

  while (index->keys[slot] != EMPTY && index->keys[slot] != key)
    slot = (slot + 1) & index->mask;
  index->count += index->keys[slot] == EMPTY;
  index->keys[slot] = key;
  index->values[slot] = value;
}

/* @key must not be G_MAXUINT64. */
void
tally_index_insert (TallyIndex *index,
                    guint64     key,
                    gpointer    value)
{
  g_return_if_fail (key != EMPTY);

  /* At most half full, so that probes stay short. */
  if ((index->count + 1) * 2 > index->mask + 1)
    {
      g_autofree guint64 *keys = index->keys;
      g_autofree gpointer *values = index->values;
      gsize capacity = index->mask + 1;

      allocate (index, capacity * 2);
      index->count = 0;
      for (gsize i = 0; i < capacity; i++)
        if (keys[i] != EMPTY)
          place (index, keys[i], values[i]);
    }

  place (index, key, value);
}
