/* tally-facts-cache.c: the facts, kept in the project file between runs
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a million CRM rows through SQL and interning their strings takes
 * most of a report's time, and the result depends on the data alone. So
 * the facts are written once, as one blob in the fact_cache table, tagged
 * with the project's data_version; every import and undo bumps that
 * version. Every import brings the blob to its new version in its own
 * transaction (tally-facts-update.c); a stale blob (another program's
 * change, an older build) is simply built again. The blob is read and
 * written with SQLite's incremental blob I/O, straight into and out of the
 * fact arrays, but for the CRM records, which are packed (see below).
 *
 * The layout is this build's own (struct sizes and byte order are in the
 * header): a file moved to another machine just rebuilds its cache.
 */
#define G_LOG_DOMAIN "tally-facts"

#include "config.h"

#include <string.h>

#include "tally-store.h"
#include "tally-facts-private.h"
#include "tally-project-private.h"

#define CACHE_NAME   "facts"
#define CACHE_FORMAT "facts-4"
#define CACHE_MAGIC  0x54464331u   /* "TFC1" */
#define CACHE_ORDER  0x01020304u

typedef struct
{
  guint32 magic;
  guint32 order;
  guint32 sizes[4];        /* CrmFact, MetaFact, SessionFact, RateFact */
  guint32 has_leads;
  guint32 n_strings;
  guint64 strings_bytes;
  guint64 lengths[4];      /* elements of each array */
  guint64 crm_bytes;       /* the CRM records, packed (see below) */
} CacheHeader;

static GArray **
arrays_of (TallyFacts *facts,
           GArray     *arrays[4])
{
  arrays[0] = facts->crm;
  arrays[1] = facts->meta;
  arrays[2] = facts->sessions;
  arrays[3] = facts->rates;
  return arrays;
}

static void
header_init (CacheHeader *header)
{
  memset (header, 0, sizeof *header);
  header->magic = CACHE_MAGIC;
  header->order = CACHE_ORDER;
  header->sizes[0] = sizeof (CrmFact);
  header->sizes[1] = sizeof (MetaFact);
  header->sizes[2] = sizeof (SessionFact);
  header->sizes[3] = sizeof (RateFact);
}

/**
 * _tally_facts_data_version:
 *
 * Returns: the project's data_version, or -1 when it cannot be read
 */
gint64
_tally_facts_data_version (TallyProject *project)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (_tally_project_get_store (project),
                                                       "SELECT CAST (value AS INTEGER) FROM project_info "
                                                       "WHERE key = 'data_version'",
                                                       NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Blob I/O in pieces of at most 64 MiB, the API's offsets being ints. */
#define PIECE ((gsize) 64 << 20)

static gboolean
blob_io (sqlite3_blob *blob,
         gboolean      writing,
         void         *buffer,
         gsize         length,
         gsize        *offset)
{
  for (gsize done = 0; done < length;)
    {
      int n = (int) MIN (PIECE, length - done);
      int rc = writing ? sqlite3_blob_write (blob, (char *) buffer + done, n, (int) *offset)
                       : sqlite3_blob_read (blob, (char *) buffer + done, n, (int) *offset);

      if (rc != SQLITE_OK)
        return FALSE;
      done += (gsize) n;
      *offset += (gsize) n;
    }

  return TRUE;
}

/* Packing CRM records ------------------------------------------------------- */

/* A million CRM records are 96 MB as structs, most of it zeros and small
 * numbers: the cache keeps them packed, each field a varint (LEB128),
 * signed ones zigzagged, a won time as its distance from the created time
 * when both are of one kind, and the four kinds and the amount flag in two
 * bytes. About 30 bytes a record. */

static inline void
put_varint (GByteArray *out,
            guint64     value)
{
  guint8 bytes[10];
  guint n = 0;

  do
    {
      bytes[n] = (guint8) (value & 0x7f);
      value >>= 7;
      if (value != 0)
        bytes[n] |= 0x80;
      n++;
    }
  while (value != 0);
  g_byte_array_append (out, bytes, n);
}

static inline guint64
zigzag (gint64 value)
{
  return ((guint64) value << 1) ^ (guint64) (value >> 63);
}

static inline gint64
unzigzag (guint64 value)
{
  return (gint64) (value >> 1) ^ -(gint64) (value & 1);
}

/* The distance from @from to @to, wrapping, so that any two values pack. */
static inline gint64
distance (gint64 from,
          gint64 to)
{
  return (gint64) ((guint64) to - (guint64) from);
}

static void
pack_crm (GByteArray    *out,
          const CrmFact *f,
          guint          index)
{
  guint8 kinds[2] = {
    (guint8) (f->kind | f->created_kind << 2 | f->won_kind << 4 | f->refunded_kind << 6),
    (guint8) (f->flags | (f->has_amount ? 0x80 : 0)),
  };

  g_byte_array_append (out, kinds, 2);
  put_varint (out, zigzag (f->created));
  put_varint (out, zigzag (f->won_kind == f->created_kind ? distance (f->created, f->won) : f->won));
  put_varint (out, zigzag (f->refunded_kind == f->won_kind ? distance (f->won, f->refunded) : f->refunded));
  put_varint (out, zigzag (f->amount));
  put_varint (out, zigzag (f->refund));
  put_varint (out, zigzag ((gint64) index - f->person));
  put_varint (out, zigzag (f->contact));
  put_varint (out, f->stage);
  for (int t = 0; t < N_TOUCHES; t++)
    {
      put_varint (out, f->utm_source[t]);
      put_varint (out, f->utm_campaign[t]);
      put_varint (out, f->crm_source[t]);
      put_varint (out, f->crm_detail[t]);
    }
  put_varint (out, f->currency);
  put_varint (out, f->term_months);
}

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      bad;
} Unpacker;

static inline guint64
get_varint (Unpacker *u)
{
  guint64 value = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (u->p >= u->end)
        break;
      byte = *u->p++;
      value |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        return value;
    }
  u->bad = TRUE;
  return 0;
}

/* A string id, which must name one of the @n_strings strings. */
static inline guint32
get_string_id (Unpacker *u,
               guint     n_strings)
{
  guint64 id = get_varint (u);

  if (id >= n_strings)
    u->bad = TRUE;
  return (guint32) id;
}

static void
unpack_crm (Unpacker *u,
            CrmFact  *f,
            guint     index,
            guint     n_strings,
            guint     n_records)
{
  gint64 person, contact;

  if (u->end - u->p < 2)
    {
      u->bad = TRUE;
      return;
    }
  f->kind = u->p[0] & 3;
  f->created_kind = (u->p[0] >> 2) & 3;
  f->won_kind = (u->p[0] >> 4) & 3;
  f->refunded_kind = (u->p[0] >> 6) & 3;
  f->flags = u->p[1] & 0x7f;
  f->has_amount = (u->p[1] & 0x80) != 0;
  u->p += 2;

  f->created = unzigzag (get_varint (u));
  f->won = unzigzag (get_varint (u));
  if (f->won_kind == f->created_kind)
    f->won = (gint64) ((guint64) f->created + (guint64) f->won);
  f->refunded = unzigzag (get_varint (u));
  if (f->refunded_kind == f->won_kind)
    f->refunded = (gint64) ((guint64) f->won + (guint64) f->refunded);
  f->amount = unzigzag (get_varint (u));
  f->refund = unzigzag (get_varint (u));
  person = (gint64) index - unzigzag (get_varint (u));
  contact = unzigzag (get_varint (u));
  if (person < 0 || person >= n_records || contact < -1 || contact >= n_records)
    u->bad = TRUE;
  f->person = (gint32) person;
  f->contact = (gint32) contact;
  f->stage = get_string_id (u, n_strings);
  for (int t = 0; t < N_TOUCHES; t++)
    {
      f->utm_source[t] = get_string_id (u, n_strings);
      f->utm_campaign[t] = get_string_id (u, n_strings);
      f->crm_source[t] = get_string_id (u, n_strings);
      f->crm_detail[t] = get_string_id (u, n_strings);
    }
  f->currency = get_string_id (u, n_strings);
  f->term_months = (guint16) get_varint (u);
}

static GByteArray *
pack_crm_array (GArray *crm)
{
  GByteArray *out = g_byte_array_sized_new (crm->len * 32 + 1);

  for (guint i = 0; i < crm->len; i++)
    pack_crm (out, &g_array_index (crm, CrmFact, i), i);
  return out;
}

static gboolean
unpack_crm_array (const guint8 *data,
                  gsize         length,
                  GArray       *crm,
                  guint         n_strings)
{
  Unpacker u = { data, data + length, FALSE };

  for (guint i = 0; i < crm->len && !u.bad; i++)
    {
      CrmFact *f = &g_array_index (crm, CrmFact, i);

      memset (f, 0, sizeof *f);
      unpack_crm (&u, f, i, n_strings, crm->len);
    }
  return !u.bad && u.p == u.end;
}

/**
 * _tally_facts_cache_read:
 * @project: a project
 * @data_version: the version the facts must be of
 *
 * Returns: (transfer full) (nullable): the cached facts, or %NULL when
 *   there are none of that version that this build can read
 */
TallyFacts *
_tally_facts_cache_read (TallyProject *project,
                         gint64        data_version)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TallyFacts) facts = NULL;
  g_autofree char *strings = NULL;
  g_autofree guint8 *packed = NULL;
  sqlite3_blob *blob = NULL;
  CacheHeader header, expected;
  GArray *arrays[4];
  gsize offset = 0, length, total;
  gboolean ok = FALSE;

  stmt = _tally_store_prepare (store,
                               "SELECT rowid, length (data) FROM fact_cache "
                                   "WHERE name = '" CACHE_NAME "' AND format = '" CACHE_FORMAT "' AND data_version = ?1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, data_version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  length = (gsize) sqlite3_column_int64 (stmt, 1);
  if (length < sizeof header ||
      sqlite3_blob_open (_tally_store_get_db (store), "main", "fact_cache", "data", sqlite3_column_int64 (stmt, 0), 0, &blob) != SQLITE_OK)
    goto out;

  header_init (&expected);
  if (!blob_io (blob, FALSE, &header, sizeof header, &offset) ||
      header.magic != expected.magic || header.order != expected.order ||
      memcmp (header.sizes, expected.sizes, sizeof header.sizes) != 0)
    goto out;

  /* The lengths must add up to the blob's, before anything is allocated. */
  total = sizeof header + header.strings_bytes + header.crm_bytes;
  for (guint i = 0; i < 4; i++)
    {
      if (header.lengths[i] > G_MAXUINT32 || header.strings_bytes > length || header.crm_bytes > length)
        goto out;
      if (i > 0)
        total += header.lengths[i] * header.sizes[i];
    }
  if (total != length || header.strings_bytes == 0 || header.n_strings == 0 ||
      header.crm_bytes < header.lengths[0] * 2)
    goto out;

  facts = _tally_facts_new ();
  facts->has_leads = header.has_leads != 0;
  facts->data_version = data_version;

  strings = g_malloc (header.strings_bytes);
  if (!blob_io (blob, FALSE, strings, header.strings_bytes, &offset) || strings[header.strings_bytes - 1] != '\0')
    goto out;
  g_ptr_array_set_size (facts->strings, 0);
  for (const char *p = strings, *end = strings + header.strings_bytes; p < end; p += strlen (p) + 1)
    g_ptr_array_add (facts->strings, g_strdup (p));
  if (facts->strings->len != header.n_strings)
    goto out;

  packed = g_malloc (MAX (header.crm_bytes, 1));
  g_array_set_size (facts->crm, (guint) header.lengths[0]);
  if (!blob_io (blob, FALSE, packed, header.crm_bytes, &offset) ||
      !unpack_crm_array (packed, header.crm_bytes, facts->crm, header.n_strings))
    goto out;

  arrays_of (facts, arrays);
  for (guint i = 1; i < 4; i++)
    {
      g_array_set_size (arrays[i], (guint) header.lengths[i]);
      if (!blob_io (blob, FALSE, arrays[i]->data, header.lengths[i] * header.sizes[i], &offset))
        goto out;
    }

  ok = TRUE;

out:
  sqlite3_blob_close (blob);
  if (!ok)
    g_debug ("%s: the facts cache could not be read; rebuilding it", tally_project_get_display_name (project));
  return ok ? g_steal_pointer (&facts) : NULL;
}

/* The blob's pieces, in order: the header, the strings, the packed CRM
 * records, the three other arrays. */
static gboolean
write_blob (sqlite3_blob *blob,
            CacheHeader  *header,
            GByteArray   *strings,
            GByteArray   *crm,
            TallyFacts   *facts)
{
  GArray *arrays[4];
  gsize offset = 0;

  if (!blob_io (blob, TRUE, header, sizeof *header, &offset) ||
      !blob_io (blob, TRUE, strings->data, strings->len, &offset) ||
      !blob_io (blob, TRUE, crm->data, crm->len, &offset))
    return FALSE;
  arrays_of (facts, arrays);
  for (guint i = 1; i < 4; i++)
    if (!blob_io (blob, TRUE, arrays[i]->data, (gsize) arrays[i]->len * header->sizes[i], &offset))
      return FALSE;
  return TRUE;
}

/**
 * _tally_facts_cache_store:
 * @project: a writable project, inside a transaction
 * @facts: its facts, as they are for @facts->data_version
 *
 * Writes @facts as the cache, in the caller's transaction.
 *
 * Returns: %FALSE with @error set when SQLite fails
 */
gboolean
_tally_facts_cache_store (TallyProject  *project,
                          TallyFacts    *facts,
                          GError       **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GByteArray) strings = g_byte_array_new ();
  g_autoptr(GByteArray) crm = NULL;
  sqlite3_blob *blob = NULL;
  CacheHeader header;
  GArray *arrays[4];
  gsize total;
  int rc;

  for (guint i = 0; i < facts->strings->len; i++)
    {
      const char *text = g_ptr_array_index (facts->strings, i);

      g_byte_array_append (strings, (const guint8 *) text, (guint) strlen (text) + 1);
    }

  crm = pack_crm_array (facts->crm);
  header_init (&header);
  header.has_leads = facts->has_leads;
  header.n_strings = facts->strings->len;
  header.strings_bytes = strings->len;
  header.crm_bytes = crm->len;
  arrays_of (facts, arrays);
  total = sizeof header + strings->len + crm->len;
  for (guint i = 0; i < 4; i++)
    {
      header.lengths[i] = arrays[i]->len;
      if (i > 0)
        total += (gsize) arrays[i]->len * header.sizes[i];
    }

  /* Too big for one blob: no cache, and reports read the rows. */
  if (total > G_MAXINT)
    return _tally_store_exec (store, "DELETE FROM fact_cache WHERE name = '" CACHE_NAME "'", error);

  insert = _tally_store_prepare (store,
                                 "INSERT OR REPLACE INTO fact_cache (name, data_version, format, data) "
                                     "VALUES ('" CACHE_NAME "', ?1, '" CACHE_FORMAT "', zeroblob (?2))",
                                 error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, facts->data_version);
  sqlite3_bind_int64 (insert, 2, (sqlite3_int64) total);
  if (!_tally_store_step_done (store, insert, error))
    return FALSE;

  rc = sqlite3_blob_open (_tally_store_get_db (store), "main", "fact_cache", "data",
                          sqlite3_last_insert_rowid (_tally_store_get_db (store)), 1, &blob);
  if (rc == SQLITE_OK && !write_blob (blob, &header, strings, crm, facts))
    rc = SQLITE_IOERR;
  if (blob != NULL && sqlite3_blob_close (blob) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_IOERR;
  if (rc != SQLITE_OK)
    {
      _tally_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * _tally_facts_cache_write:
 * @project: a writable project, outside any transaction
 * @facts: its facts, as read for @facts->data_version
 *
 * Keeps @facts for the next run. Best effort: a project that another
 * program holds, or a full disk, just goes without the cache.
 */
void
_tally_facts_cache_write (TallyProject *project,
                          TallyFacts   *facts)
{
  TallyStore *store = _tally_project_get_store (project);
  gboolean ok;

  if (tally_project_is_read_only (project) || !sqlite3_get_autocommit (_tally_store_get_db (store)))
    return;

  if (!_tally_project_begin (project, NULL))
    return;

  /* Another program may have imported since the facts were read. */
  ok = _tally_facts_data_version (project) == facts->data_version &&
       _tally_facts_cache_store (project, facts, NULL);
  if (ok)
    ok = _tally_project_commit (project, NULL);
  else
    _tally_project_rollback (project);
  if (!ok)
    g_debug ("%s: the facts cache was not written", tally_project_get_display_name (project));
}
