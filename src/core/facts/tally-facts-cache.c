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
#include "tally-memory.h"
#include "tally-project-private.h"

#define CACHE_NAME   "facts"
#define CACHE_FORMAT "facts-6"
#define CACHE_MAGIC  0x54464331u   /* "TFC1" */
#define CACHE_ORDER  0x01020304u

/* The arrays of the facts, in the order of the header's sizes and lengths.
 * The CRM records, contacts and refunds are packed (see below), the others
 * kept as they are in memory. */
enum { CRM, META, SESSIONS, RATES, SHAPES, CONTACTS, REFUNDS, N_ARRAYS };

typedef struct
{
  guint32 magic;
  guint32 order;
  guint32 sizes[N_ARRAYS];
  guint32 has_leads;
  guint32 n_strings;
  guint64 strings_bytes;
  guint64 lengths[N_ARRAYS];     /* elements of each array */
  guint64 packed_bytes;          /* the CRM records, contacts and refunds, packed */
} CacheHeader;

static gboolean
is_packed (guint array)
{
  return array == CRM || array == CONTACTS || array == REFUNDS;
}

static GArray **
arrays_of (TallyFacts *facts,
           GArray     *arrays[N_ARRAYS])
{
  arrays[CRM] = facts->crm;
  arrays[META] = facts->meta;
  arrays[SESSIONS] = facts->sessions;
  arrays[RATES] = facts->rates;
  arrays[SHAPES] = facts->crm_shapes;
  arrays[CONTACTS] = facts->crm_contacts;
  arrays[REFUNDS] = facts->crm_refunds;
  return arrays;
}

static void
header_init (CacheHeader *header)
{
  memset (header, 0, sizeof *header);
  header->magic = CACHE_MAGIC;
  header->order = CACHE_ORDER;
  header->sizes[CRM] = sizeof (CrmFact);
  header->sizes[META] = sizeof (MetaFact);
  header->sizes[SESSIONS] = sizeof (SessionFact);
  header->sizes[RATES] = sizeof (RateFact);
  header->sizes[SHAPES] = sizeof (CrmShape);
  header->sizes[CONTACTS] = sizeof (CrmContact);
  header->sizes[REFUNDS] = sizeof (CrmRefund);
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

/* A million CRM records are 32 MB as structs, most of it small numbers:
 * the cache keeps them packed, each field a varint (LEB128), signed ones
 * zigzagged, a won time as its distance from the created time when both
 * are of one kind. The contacts and then the refunds follow the records,
 * each with its record as the distance from the one before, a refunded
 * time as its distance from the won time when both are of one kind. The
 * few distinct shapes are kept as they are in memory. */

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

static inline gint64
add_distance (gint64 from,
              gint64 distance)
{
  return (gint64) ((guint64) from + (guint64) distance);
}

static void
pack_crm (GByteArray     *out,
          const CrmFact  *f,
          const CrmShape *shape,
          guint           index)
{
  put_varint (out, f->shape);
  put_varint (out, zigzag (f->created));
  put_varint (out, zigzag (shape->won_kind == shape->created_kind ? distance (f->created, f->won) : f->won));
  put_varint (out, zigzag (f->amount));
  put_varint (out, zigzag ((gint64) index - f->person));
}

static void
pack_refund (GByteArray      *out,
             const CrmRefund *r,
             const CrmFact   *f,
             const CrmShape  *shape,
             guint            next)
{
  put_varint (out, r->record - next);
  put_varint (out, r->refunded_kind);
  put_varint (out, zigzag (r->refunded_kind == shape->won_kind ? distance (f->won, r->refunded) : r->refunded));
  put_varint (out, zigzag (r->refund));
}

static GByteArray *
pack_crm_arrays (TallyFacts *facts)
{
  GByteArray *out = g_byte_array_sized_new (facts->crm->len * 16 + facts->crm_refunds->len * 8 + 1);

  tally_memory_advise_huge (out->data, facts->crm->len * 16);
  guint next = 0;

  for (guint i = 0; i < facts->crm->len; i++)
    {
      const CrmFact *f = &g_array_index (facts->crm, CrmFact, i);

      pack_crm (out, f, tally_facts_crm_shape (facts, f), i);
    }
  for (guint i = 0; i < facts->crm_contacts->len; i++)
    {
      const CrmContact *c = &g_array_index (facts->crm_contacts, CrmContact, i);

      put_varint (out, c->record - next);
      put_varint (out, zigzag (c->contact - (gint64) c->record));
      next = c->record + 1;
    }
  next = 0;
  for (guint i = 0; i < facts->crm_refunds->len; i++)
    {
      const CrmRefund *r = &g_array_index (facts->crm_refunds, CrmRefund, i);
      const CrmFact *f = &g_array_index (facts->crm, CrmFact, r->record);

      pack_refund (out, r, f, tally_facts_crm_shape (facts, f), next);
      next = r->record + 1;
    }
  return out;
}

/* Reads the packed part of the blob a piece at a time: it is never whole
 * in memory beside the records it unpacks into. */
typedef struct
{
  sqlite3_blob *blob;
  gsize         offset;    /* in the blob, of what is not yet read */
  gsize         left;      /* packed bytes not yet read */
  guint8       *buffer;
  const guint8 *p;
  const guint8 *end;
  gboolean      bad;
} Unpacker;

#define UNPACK_PIECE ((gsize) 64 << 10)

static gboolean
refill (Unpacker *u)
{
  gsize n = MIN (UNPACK_PIECE, u->left);

  if (n == 0 || sqlite3_blob_read (u->blob, u->buffer, (int) n, (int) u->offset) != SQLITE_OK)
    {
      u->bad = TRUE;
      return FALSE;
    }
  u->offset += n;
  u->left -= n;
  u->p = u->buffer;
  u->end = u->buffer + n;
  return TRUE;
}

static inline guint64
get_varint (Unpacker *u)
{
  guint64 value = 0;

  for (guint shift = 0; shift < 64 && !u->bad; shift += 7)
    {
      guint8 byte;

      if (u->p == u->end && !refill (u))
        break;
      byte = *u->p++;
      value |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        return value;
    }
  u->bad = TRUE;
  return 0;
}

/* An index, which must be below @n. */
static inline guint32
get_index (Unpacker *u,
           guint64   n)
{
  guint64 id = get_varint (u);

  if (id >= n)
    u->bad = TRUE;
  return (guint32) id;
}

static void
unpack_crm (Unpacker   *u,
            TallyFacts *facts,
            CrmFact    *f,
            guint       index)
{
  guint n_records = facts->crm->len;
  const CrmShape *shape;
  gint64 person;

  f->shape = get_index (u, facts->crm_shapes->len);
  if (u->bad)
    return;
  shape = tally_facts_crm_shape (facts, f);
  f->created = unzigzag (get_varint (u));
  f->won = unzigzag (get_varint (u));
  if (shape->won_kind == shape->created_kind)
    f->won = add_distance (f->created, f->won);
  f->amount = unzigzag (get_varint (u));
  person = (gint64) index - unzigzag (get_varint (u));
  if (person < 0 || person >= n_records)
    u->bad = TRUE;
  f->person = (gint32) person;
}

static void
unpack_contact (Unpacker   *u,
                TallyFacts *facts,
                CrmContact *c,
                guint       next)
{
  guint64 record = next + get_varint (u);
  gint64 contact = (gint64) record + unzigzag (get_varint (u));

  if (record >= facts->crm->len || contact < 0 || contact >= facts->crm->len)
    u->bad = TRUE;
  c->record = (guint32) record;
  c->contact = (gint32) contact;
}

static void
unpack_refund (Unpacker   *u,
               TallyFacts *facts,
               CrmRefund  *r,
               guint       next)
{
  guint64 record = next + get_varint (u);
  const CrmFact *f;

  r->refunded_kind = get_index (u, TALLY_MOMENT_INSTANT + 1);
  if (u->bad || record >= facts->crm->len)
    {
      u->bad = TRUE;
      return;
    }
  r->record = (guint32) record;
  f = &g_array_index (facts->crm, CrmFact, r->record);
  r->refunded = unzigzag (get_varint (u));
  if (r->refunded_kind == tally_facts_crm_shape (facts, f)->won_kind)
    r->refunded = add_distance (f->won, r->refunded);
  r->refund = unzigzag (get_varint (u));
}

/* The records and refunds, into arrays of their lengths, from @offset. */
static gboolean
unpack_crm_arrays (sqlite3_blob *blob,
                   gsize         offset,
                   gsize         length,
                   TallyFacts   *facts)
{
  g_autofree guint8 *buffer = g_malloc (UNPACK_PIECE);
  Unpacker u = { blob, offset, length, buffer, buffer, buffer, FALSE };
  guint next = 0;

  for (guint i = 0; i < facts->crm->len && !u.bad; i++)
    {
      CrmFact *f = &g_array_index (facts->crm, CrmFact, i);

      memset (f, 0, sizeof *f);
      unpack_crm (&u, facts, f, i);
    }
  for (guint i = 0; i < facts->crm_contacts->len && !u.bad; i++)
    {
      CrmContact *c = &g_array_index (facts->crm_contacts, CrmContact, i);

      unpack_contact (&u, facts, c, next);
      next = c->record + 1;
    }
  next = 0;
  for (guint i = 0; i < facts->crm_refunds->len && !u.bad; i++)
    {
      CrmRefund *r = &g_array_index (facts->crm_refunds, CrmRefund, i);

      memset (r, 0, sizeof *r);
      unpack_refund (&u, facts, r, next);
      next = r->record + 1;
    }
  return !u.bad && u.left == 0 && u.p == u.end;
}

/* Whether the header's lengths add up to the blob's @length. */
static gboolean
header_fits (const CacheHeader *header,
             gsize              length)
{
  guint64 total = sizeof *header + header->strings_bytes + header->packed_bytes;

  if (header->strings_bytes > length || header->packed_bytes > length ||
      header->strings_bytes == 0 || header->n_strings == 0)
    return FALSE;
  for (guint i = 0; i < N_ARRAYS; i++)
    {
      if (header->lengths[i] > G_MAXUINT32 || header->lengths[i] > length)
        return FALSE;
      if (!is_packed (i))
        total += header->lengths[i] * header->sizes[i];
    }
  /* Every record packs into at least 5 bytes, every contact 2, every refund 4. */
  return total == length &&
         header->packed_bytes >= header->lengths[CRM] * 5 + header->lengths[CONTACTS] * 2 + header->lengths[REFUNDS] * 4;
}

/* The strings, NUL-separated, from @offset on. */
static gboolean
read_strings (sqlite3_blob      *blob,
              const CacheHeader *header,
              TallyFacts        *facts,
              gsize             *offset)
{
  g_autofree char *strings = g_malloc (header->strings_bytes);

  if (!blob_io (blob, FALSE, strings, header->strings_bytes, offset) || strings[header->strings_bytes - 1] != '\0')
    return FALSE;
  g_ptr_array_set_size (facts->strings, 0);
  for (const char *p = strings, *end = strings + header->strings_bytes; p < end; p += strlen (p) + 1)
    g_ptr_array_add (facts->strings, g_strdup (p));
  return facts->strings->len == header->n_strings;
}

/* Whether every string id of the shapes names a string. */
static gboolean
ids_fit (TallyFacts *facts)
{
  guint n = facts->strings->len;

  for (guint i = 0; i < facts->crm_shapes->len; i++)
    {
      const CrmShape *shape = &g_array_index (facts->crm_shapes, CrmShape, i);

      const guint32 *ids = (const guint32 *) &shape->touches;

      if (shape->stage >= n || shape->currency >= n)
        return FALSE;
      for (guint k = 0; k < sizeof (CrmTouches) / sizeof (guint32); k++)
        if (ids[k] >= n)
          return FALSE;
    }
  return TRUE;
}

/* The blob's pieces, in order: the header, the strings, the arrays kept as
 * they are, the packed CRM records and refunds. */
static gboolean
read_blob (sqlite3_blob      *blob,
           const CacheHeader *header,
           TallyFacts        *facts,
           gsize              offset)
{
  GArray *arrays[N_ARRAYS];

  if (!read_strings (blob, header, facts, &offset))
    return FALSE;

  arrays_of (facts, arrays);
  for (guint i = 0; i < N_ARRAYS; i++)
    {
      g_array_set_size (arrays[i], (guint) header->lengths[i]);
      if (!is_packed (i) && !blob_io (blob, FALSE, arrays[i]->data, header->lengths[i] * header->sizes[i], &offset))
        return FALSE;
    }
  return ids_fit (facts) && unpack_crm_arrays (blob, offset, header->packed_bytes, facts);
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
  sqlite3_blob *blob = NULL;
  CacheHeader header, expected;
  gsize offset = 0, length;
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

  /* The lengths must add up to the blob's, before anything is allocated. */
  header_init (&expected);
  if (!blob_io (blob, FALSE, &header, sizeof header, &offset) ||
      header.magic != expected.magic || header.order != expected.order ||
      memcmp (header.sizes, expected.sizes, sizeof header.sizes) != 0 || !header_fits (&header, length))
    goto out;

  facts = _tally_facts_new ();
  facts->has_leads = header.has_leads != 0;
  facts->data_version = data_version;
  ok = read_blob (blob, &header, facts, offset);

out:
  sqlite3_blob_close (blob);
  if (!ok)
    g_debug ("%s: the facts cache could not be read; rebuilding it", tally_project_get_display_name (project));
  return ok ? g_steal_pointer (&facts) : NULL;
}

/* The blob's pieces, in the order read_blob() reads them. */
static gboolean
write_blob (sqlite3_blob *blob,
            CacheHeader  *header,
            GByteArray   *strings,
            GByteArray   *packed,
            TallyFacts   *facts)
{
  GArray *arrays[N_ARRAYS];
  gsize offset = 0;

  if (!blob_io (blob, TRUE, header, sizeof *header, &offset) ||
      !blob_io (blob, TRUE, strings->data, strings->len, &offset))
    return FALSE;
  arrays_of (facts, arrays);
  for (guint i = 0; i < N_ARRAYS; i++)
    if (!is_packed (i) && !blob_io (blob, TRUE, arrays[i]->data, (gsize) arrays[i]->len * header->sizes[i], &offset))
      return FALSE;
  return blob_io (blob, TRUE, packed->data, packed->len, &offset);
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
  g_autoptr(GByteArray) packed = NULL;
  sqlite3_blob *blob = NULL;
  CacheHeader header;
  GArray *arrays[N_ARRAYS];
  gsize total;
  int rc;

  for (guint i = 0; i < facts->strings->len; i++)
    {
      const char *text = g_ptr_array_index (facts->strings, i);

      g_byte_array_append (strings, (const guint8 *) text, (guint) strlen (text) + 1);
    }

  packed = pack_crm_arrays (facts);
  header_init (&header);
  header.has_leads = facts->has_leads;
  header.n_strings = facts->strings->len;
  header.strings_bytes = strings->len;
  header.packed_bytes = packed->len;
  arrays_of (facts, arrays);
  total = sizeof header + strings->len + packed->len;
  for (guint i = 0; i < N_ARRAYS; i++)
    {
      header.lengths[i] = arrays[i]->len;
      if (!is_packed (i))
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
  if (rc == SQLITE_OK && !write_blob (blob, &header, strings, packed, facts))
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
