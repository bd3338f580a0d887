/* tally-strings.c: texts that repeat from row to row, kept once in the
 * project's strings table and stored as its ids
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coded column of crm_rows holds either an INTEGER, the id of its text
 * in `strings`, or the TEXT itself; the view crm_records gives the text
 * either way. The whole table is read once (it holds stages, sources,
 * campaigns and landing pages, not one text a row), so that a million
 * rows are written and read back without a query per value. An import
 * gives new texts their ids as it meets them, the largest plus one as
 * SQLite would, and writes them in its own transaction when its rows are
 * in (_tally_strings_write), so that it runs no SQL of its own while its
 * rows are being written.
 */
#define G_LOG_DOMAIN "tally-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-error.h"
#include "tally-strings.h"

/* A text's place in the table of ids: looked up for most values of a
 * million rows, so hashed a word at a time, and compared in full only
 * when the hashes agree. */
typedef struct
{
  guint32 id;             /* 0 for a free slot */
  guint32 hash;
} Slot;

struct _TallyStrings
{
  TallyStore   *store;
  GPtrArray    *texts;    /* by id; NULL where an id is unused */
  Slot         *slots;    /* at most half full */
  gsize         capacity; /* a power of two */
  guint         n_texts;
  guint         written;  /* ids below it are in the table */
};

static guint32
hash_text (const char *text,
           gsize       length)
{
  guint64 hash = length * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15), word;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      memcpy (&word, text + i, sizeof word);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      hash ^= hash >> 32;
    }
  word = 0;
  memcpy (&word, text + i, length - i);
  hash = (hash ^ word) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return (guint32) (hash ^ (hash >> 32));
}

/* The slot of @text: its own, or the free one where it would go. */
static Slot *
find_slot (TallyStrings *strings,
           const char   *text,
           guint32       hash)
{
  gsize i = hash & (strings->capacity - 1);

  for (; strings->slots[i].id != 0; i = (i + 1) & (strings->capacity - 1))
    if (strings->slots[i].hash == hash && strcmp (g_ptr_array_index (strings->texts, strings->slots[i].id), text) == 0)
      break;
  return &strings->slots[i];
}

static void
grow (TallyStrings *strings)
{
  g_autofree Slot *old = g_steal_pointer (&strings->slots);
  gsize old_capacity = strings->capacity;

  strings->capacity *= 2;
  strings->slots = g_new0 (Slot, strings->capacity);
  for (gsize i = 0; i < old_capacity; i++)
    if (old[i].id != 0)
      {
        gsize j = old[i].hash & (strings->capacity - 1);

        while (strings->slots[j].id != 0)
          j = (j + 1) & (strings->capacity - 1);
        strings->slots[j] = old[i];
      }
}

/* Gives @text, which @strings owns from now on, @id; @slot is where
 * find_slot() puts it, for its @hash. */
static void
insert_text (TallyStrings *strings,
             char         *text,
             guint32       id,
             Slot         *slot,
             guint32       hash)
{
  if ((gint64) strings->texts->len <= id)
    g_ptr_array_set_size (strings->texts, id + 1);
  g_ptr_array_index (strings->texts, id) = text;
  if (slot->id != 0)
    return;
  slot->id = id;
  slot->hash = hash;
  if (++strings->n_texts * 2 > strings->capacity)
    grow (strings);
}

TallyStrings *
_tally_strings_new (TallyStore  *store,
                    GError     **error)
{
  g_autoptr(TallyStrings) strings = g_new0 (TallyStrings, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  strings->store = store;
  strings->texts = g_ptr_array_new_with_free_func (g_free);
  strings->capacity = 1024;
  strings->slots = g_new0 (Slot, strings->capacity);
  stmt = _tally_store_prepare (store, "SELECT id, text FROM strings ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char *text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      /* Ids are dense: SQLite gives each the largest one plus one, and
       * none is deleted. Anything else was written by hand. */
      if (id <= 0 || id > 2 * (gint64) strings->texts->len + 65536)
        {
          g_free (text);
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT,
                       _("“%s” is damaged or was edited outside Tally and cannot be used; restore it from a backup."),
                       _tally_store_get_display_name (store));
          return NULL;
        }
      guint32 hash = hash_text (text, strlen (text));

      insert_text (strings, text, (guint32) id, find_slot (strings, text, hash), hash);
    }
  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (store, rc, error);
      return NULL;
    }
  if (strings->texts->len == 0)
    g_ptr_array_add (strings->texts, NULL);
  strings->written = strings->texts->len;
  return g_steal_pointer (&strings);
}

void
_tally_strings_free (TallyStrings *strings)
{
  if (strings == NULL)
    return;
  g_free (strings->slots);
  g_ptr_array_unref (strings->texts);
  g_free (strings);
}

/**
 * _tally_strings_column:
 * @strings: the project's strings
 * @stmt: a statement on a row
 * @column: a coded column of it
 *
 * Returns: (nullable): the column's text: the string its id names, or the
 *   text stored there; NULL for NULL, and for an id with no string, which
 *   only a file edited by hand can have
 */
const char *
_tally_strings_column (TallyStrings *strings,
                       sqlite3_stmt *stmt,
                       int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return _tally_strings_text (strings, sqlite3_column_int64 (stmt, column));
    default:
      return (const char *) sqlite3_column_text (stmt, column);
    }
}

/* The text of @id, which lives as long as @strings; NULL for none. */
const char *
_tally_strings_text (TallyStrings *strings,
                     gint64        id)
{
  return id > 0 && id < (gint64) strings->texts->len ? g_ptr_array_index (strings->texts, id) : NULL;
}

/* The id of @text, or 0 when it has none yet. */
gint64
_tally_strings_find (TallyStrings *strings,
                     const char   *text)
{
  return find_slot (strings, text, hash_text (text, strlen (text)))->id;
}

/* The id of @text, given on its first use; the table has it once
 * _tally_strings_write() has written it. */
gint64
_tally_strings_add (TallyStrings *strings,
                    const char   *text)
{
  guint32 hash = hash_text (text, strlen (text));
  Slot *slot = find_slot (strings, text, hash);
  gint64 id;

  if (slot->id != 0)
    return slot->id;

  id = strings->texts->len;
  insert_text (strings, g_strdup (text), (guint32) id, slot, hash);
  return id;
}

/* Writes the texts given ids since the last call, in the caller's
 * transaction. */
gboolean
_tally_strings_write (TallyStrings  *strings,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (strings->written == strings->texts->len)
    return TRUE;

  insert = _tally_store_prepare (strings->store, "INSERT INTO strings (id, text) VALUES (?1, ?2)", error);
  if (insert == NULL)
    return FALSE;
  for (; strings->written < strings->texts->len; strings->written++)
    {
      sqlite3_bind_int64 (insert, 1, strings->written);
      sqlite3_bind_text (insert, 2, g_ptr_array_index (strings->texts, strings->written), -1, SQLITE_STATIC);
      if (!_tally_store_step_done (strings->store, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  return TRUE;
}
