/* tally-person-index.c: persons numbered by the key they are matched by
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person is numbered in the order its key first appears. A key is its
 * kind and 32 bytes: an e-mail or phone hash as it is, any text (a contact
 * id, origin and record id, a hash that was kept as text) as its SHA-256,
 * so that two texts share a person only when they are the same text (a
 * SHA-256 collision aside). Keys are kept once, 33 bytes each, in the
 * order of their persons; the table of slots holds person numbers alone,
 * 4 bytes each at most half full, instead of a string and a hash entry
 * for every person of a million-row import.
 */
#define G_LOG_DOMAIN "tally-facts"

#include "config.h"

#include <string.h>

#include "tally-facts-private.h"
#include "tally-memory.h"
#include "tally-normalize.h"
#include "tally-person-index.h"

typedef struct
{
  guint8 bytes[32];
  guint8 kind;
} PersonKey;

struct _PersonIndex
{
  GArray  *keys;      /* PersonKey by person */
  guint32 *slots;     /* person + 1, or 0 for a free slot */
  gsize    capacity;  /* a power of two */
};

PersonIndex *
_tally_person_index_new (guint expected)
{
  PersonIndex *index = g_new0 (PersonIndex, 1);

  /* Room for @expected persons, so that a large import does not move
   * its keys and slots again and again as they grow. */
  index->keys = g_array_sized_new (FALSE, FALSE, sizeof (PersonKey), expected);
  index->capacity = 1024;
  while (index->capacity < 2 * (gsize) expected && index->capacity < (1u << 26))
    index->capacity *= 2;
  index->slots = g_new0 (guint32, index->capacity);
  tally_memory_advise_huge (index->keys->data, (gsize) expected * sizeof (PersonKey));
  tally_memory_advise_huge (index->slots, index->capacity * sizeof (guint32));
  return index;
}

void
_tally_person_index_free (PersonIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->keys);
  g_free (index->slots);
  g_free (index);
}

/* The key's first bytes are a hash already: both kinds are SHA-256. */
static gsize
slot_of (const PersonKey *key,
         gsize            capacity)
{
  guint64 hash;

  memcpy (&hash, key->bytes, sizeof hash);
  return (gsize) ((hash ^ key->kind) & (capacity - 1));
}

static void
grow (PersonIndex *index)
{
  const PersonKey *keys = (const PersonKey *) index->keys->data;

  g_free (index->slots);
  index->capacity *= 2;
  index->slots = g_new0 (guint32, index->capacity);
  tally_memory_advise_huge (index->slots, index->capacity * sizeof (guint32));
  for (guint person = 0; person < index->keys->len; person++)
    {
      gsize i = slot_of (&keys[person], index->capacity);

      while (index->slots[i] != 0)
        i = (i + 1) & (index->capacity - 1);
      index->slots[i] = person + 1;
    }
}

static guint32
find_or_add (PersonIndex     *index,
             const PersonKey *key,
             gboolean        *added)
{
  const PersonKey *keys = (const PersonKey *) index->keys->data;
  gsize i = slot_of (key, index->capacity);

  for (; index->slots[i] != 0; i = (i + 1) & (index->capacity - 1))
    {
      const PersonKey *other = &keys[index->slots[i] - 1];

      if (other->kind == key->kind && memcmp (other->bytes, key->bytes, sizeof key->bytes) == 0)
        {
          *added = FALSE;
          return index->slots[i] - 1;
        }
    }

  g_array_append_val (index->keys, *key);
  index->slots[i] = index->keys->len;
  if (index->keys->len * 2 > index->capacity)
    grow (index);
  *added = TRUE;
  return index->keys->len - 1;
}

/* The person of a hash given as its 32 bytes. */
guint32
_tally_person_index_digest (PersonIndex   *index,
                            PersonKeyKind  kind,
                            const guint8   digest[32],
                            gboolean      *added)
{
  PersonKey key = { .kind = (guint8) kind };

  memcpy (key.bytes, digest, sizeof key.bytes);
  return find_or_add (index, &key, added);
}

/* The person of a text key. */
guint32
_tally_person_index_text (PersonIndex   *index,
                          PersonKeyKind  kind,
                          const char    *text,
                          gsize          length,
                          gboolean      *added)
{
  PersonKey key = { .kind = (guint8) kind };

  tally_sha256_bytes (text, length, key.bytes);
  return find_or_add (index, &key, added);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* The record's person: the first of contact id, e-mail hash, phone hash
 * and record id; a record id is qualified by its origin. */
guint32
_tally_person_index_of_record (PersonIndex          *people,
                               const TallyCrmValues *v,
                               GString              *scratch,
                               gboolean             *added)
{
  for (int h = 0; h < 2 && !has_text (v->contact_id); h++)
    {
      if (v->sha256[h] != NULL)
        return _tally_person_index_digest (people, h == 0 ? PERSON_KEY_EMAIL : PERSON_KEY_PHONE, v->sha256[h], added);
      if (has_text (v->sha256_text[h]))
        return _tally_person_index_text (people, h == 0 ? PERSON_KEY_EMAIL_TEXT : PERSON_KEY_PHONE_TEXT,
                                         v->sha256_text[h], strlen (v->sha256_text[h]), added);
    }

  if (has_text (v->contact_id))
    return _tally_person_index_text (people, PERSON_KEY_TEXT, v->contact_id, strlen (v->contact_id), added);

  g_string_truncate (scratch, 0);
  g_string_append_printf (scratch, "%s:%s", v->origin, v->record_id);
  return _tally_person_index_text (people, PERSON_KEY_TEXT, scratch->str, scratch->len, added);
}
