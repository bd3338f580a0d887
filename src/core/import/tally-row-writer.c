/* tally-row-writer.c: a batch's rows, written by a thread of their own
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import reads and normalizes a row while the row before it is being
 * written: the values of each row are copied into a block of rows, and a
 * full block is handed to the writer thread, which binds and steps the
 * batch's INSERT for each of its rows. A few blocks go round between the
 * two threads, so that neither waits for long.
 *
 * The connection is used by one thread at a time: while blocks are out,
 * only the writer touches it; _tally_row_writer_flush() waits until every
 * block is back and writes the rest itself, after which the caller may run
 * its own SQL (to confirm a
 * duplicate, to finish the batch). The writer's first error stops it; it
 * is returned by the next push or flush, and the caller rolls back.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <string.h>

#include "tally-row-writer.h"

#define MAX_PARAMS   64    /* the widest INSERT has 39 */
#define BLOCK_ROWS   512
#define N_BLOCKS     4
#define ROWS_A_STEP  16    /* rows one INSERT … VALUES (…), (…) stores */

typedef enum { VALUE_NULL, VALUE_INT, VALUE_DOUBLE, VALUE_TEXT, VALUE_BLOB } ValueType;

typedef struct
{
  ValueType type;
  guint32   length;
  union
  {
    gint64  integer;
    double  real;
    gsize   offset;     /* of a text or blob in the block's bytes */
  };
} Value;

/* What a statement's parameters for one row hold from the last step. */
typedef struct
{
  guint64 bound;                /* those with a value */
  guint64 ints;                 /* those with an integer, which is… */
  gint64  integers[MAX_PARAMS]; /* …this */
} Bound;

typedef struct
{
  GArray     *values;   /* n_params a row */
  GByteArray *bytes;
  guint       rows;
} Block;

struct _TallyRowWriter
{
  TallyStore   *store;
  sqlite3_stmt *insert;
  sqlite3_stmt *many;     /* the same INSERT for ROWS_A_STEP rows, or NULL */
  int           n_params;
  Bound         bound;    /* what insert holds */
  Bound         many_bound[ROWS_A_STEP];  /* what many holds, by row */

  Block        *current;  /* the block being filled; the main thread's */
  Value        *row;      /* its row being bound */
  GQueue        spare;    /* blocks back from the writer */
  guint         out;      /* blocks with the writer */

  GThread      *thread;
  GAsyncQueue  *to_writer;
  GAsyncQueue  *from_writer;
  gint          failed;   /* atomic */
  GError       *error;    /* the writer's first, read after a flush */
};

static Block stop_block;

static Block *
block_new (int n_params)
{
  Block *block = g_new0 (Block, 1);

  block->values = g_array_sized_new (FALSE, TRUE, sizeof (Value), (guint) n_params * BLOCK_ROWS);
  block->bytes = g_byte_array_sized_new (256 * BLOCK_ROWS);
  return block;
}

static void
block_free (Block *block)
{
  g_array_unref (block->values);
  g_byte_array_unref (block->bytes);
  g_free (block);
}

/* The next row of @block, all NULL. */
static Value *
block_next_row (Block *block,
                int    n_params)
{
  guint start = block->values->len;

  g_array_set_size (block->values, start + (guint) n_params);
  return &g_array_index (block->values, Value, start);
}

static void
block_reset (Block *block)
{
  g_array_set_size (block->values, 0);
  g_byte_array_set_size (block->bytes, 0);
  block->rows = 0;
}

/* Binds @row to the parameters of @stmt from @first + 1 on. A statement
 * keeps its values from one step to the next (@bound): a NULL is bound
 * only where the row before had a value, an integer only where it had
 * another (the batch, the origin, a stage: most of a row's integers). */
static void
bind_row (TallyRowWriter *writer,
          sqlite3_stmt   *stmt,
          const Value    *row,
          const guint8   *bytes,
          int             first,
          Bound          *bound)
{
  guint64 now = 0, ints = 0;

  for (int i = 0; i < writer->n_params; i++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << i;
      int index = first + i + 1;

      if (row[i].type == VALUE_NULL)
        {
          if (bound->bound & bit)
            sqlite3_bind_null (stmt, index);
          continue;
        }
      now |= bit;
      switch (row[i].type)
        {
        case VALUE_INT:
          ints |= bit;
          if (!(bound->ints & bit) || bound->integers[i] != row[i].integer)
            {
              sqlite3_bind_int64 (stmt, index, row[i].integer);
              bound->integers[i] = row[i].integer;
            }
          break;
        case VALUE_DOUBLE:
          sqlite3_bind_double (stmt, index, row[i].real);
          break;
        case VALUE_TEXT:
          sqlite3_bind_text (stmt, index, (const char *) bytes + row[i].offset, (int) row[i].length, SQLITE_STATIC);
          break;
        case VALUE_BLOB:
          sqlite3_bind_blob (stmt, index, bytes + row[i].offset, (int) row[i].length, SQLITE_STATIC);
          break;
        case VALUE_NULL:
          g_assert_not_reached ();
        }
    }
  bound->bound = now;
  bound->ints = ints;
}

/* Binds and stores each row of @block, ROWS_A_STEP rows a step while
 * there are as many (one statement's run costs as much as a row's
 * values); FALSE with @error at the first step that fails. */
static gboolean
write_block (TallyRowWriter  *writer,
             Block           *block,
             GError         **error)
{
  const Value *values = (const Value *) block->values->data;
  const guint8 *bytes = block->bytes->data;
  guint n = (guint) writer->n_params;

  for (guint r = 0; r < block->rows;)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (writer->many != NULL && block->rows - r >= ROWS_A_STEP)
        {
          for (guint j = 0; j < ROWS_A_STEP; j++)
            bind_row (writer, writer->many, &values[(r + j) * n], bytes, (int) (j * n), &writer->many_bound[j]);
          stmt = writer->many;
          r += ROWS_A_STEP;
        }
      else
        {
          bind_row (writer, writer->insert, &values[r * n], bytes, 0, &writer->bound);
          stmt = writer->insert;
          r++;
        }

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _tally_store_set_error (writer->store, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* @insert for ROWS_A_STEP rows: its "VALUES (?1, …, ?n)" written out
 * ROWS_A_STEP times, numbered on; NULL for an INSERT not written so. */
static sqlite3_stmt *
prepare_many (TallyStore   *store,
              sqlite3_stmt *insert,
              int           n_params)
{
  const char *sql = sqlite3_sql (insert);
  const char *values = strstr (sql, " VALUES (");
  g_autoptr(GString) many = NULL;
  gsize head;

  if (values == NULL)
    return NULL;
  head = (gsize) (values - sql) + strlen (" VALUES ");
  many = g_string_new_len (sql, (gssize) head);
  for (int r = 0; r < ROWS_A_STEP; r++)
    {
      g_string_append (many, r == 0 ? "(" : ", (");
      for (int i = 0; i < n_params; i++)
        g_string_append_printf (many, i == 0 ? "?%d" : ", ?%d", r * n_params + i + 1);
      g_string_append_c (many, ')');

      /* The first group must be the INSERT's own, to the letter. */
      if (r == 0 && strcmp (many->str + head, sql + head) != 0)
        return NULL;
    }
  return _tally_store_prepare (store, many->str, NULL);
}

static gpointer
writer_thread (gpointer data)
{
  TallyRowWriter *writer = data;
  Block *block;

  while ((block = g_async_queue_pop (writer->to_writer)) != &stop_block)
    {
      if (!g_atomic_int_get (&writer->failed) && !write_block (writer, block, &writer->error))
        g_atomic_int_set (&writer->failed, TRUE);
      block_reset (block);
      g_async_queue_push (writer->from_writer, block);
    }
  return NULL;
}

/**
 * _tally_row_writer_new:
 * @store: the connection, in a transaction
 * @insert: the batch's INSERT, its parameters numbered from 1
 *
 * Returns: a writer for rows of @insert, with its thread started
 */
TallyRowWriter *
_tally_row_writer_new (TallyStore   *store,
                       sqlite3_stmt *insert)
{
  TallyRowWriter *writer = g_new0 (TallyRowWriter, 1);

  writer->store = store;
  writer->insert = insert;
  writer->n_params = sqlite3_bind_parameter_count (insert);
  g_assert (writer->n_params > 0 && writer->n_params <= MAX_PARAMS);
  writer->many = prepare_many (store, insert, writer->n_params);
  for (int i = 0; i < N_BLOCKS - 1; i++)
    g_queue_push_tail (&writer->spare, block_new (writer->n_params));
  writer->current = block_new (writer->n_params);
  writer->row = block_next_row (writer->current, writer->n_params);
  writer->to_writer = g_async_queue_new ();
  writer->from_writer = g_async_queue_new ();
  writer->thread = g_thread_new ("tally-writer", writer_thread, writer);
  return writer;
}

/* Takes back every block the writer has. */
static void
wait_for_blocks (TallyRowWriter *writer)
{
  for (; writer->out > 0; writer->out--)
    g_queue_push_tail (&writer->spare, g_async_queue_pop (writer->from_writer));
}

/* Stops the thread; rows not yet written are dropped (the caller rolls
 * back whatever it does not flush). */
void
_tally_row_writer_free (TallyRowWriter *writer)
{
  Block *block;

  if (writer == NULL)
    return;

  g_async_queue_push (writer->to_writer, &stop_block);
  g_thread_join (writer->thread);
  wait_for_blocks (writer);
  while ((block = g_queue_pop_head (&writer->spare)) != NULL)
    block_free (block);
  block_free (writer->current);
  g_clear_pointer (&writer->many, sqlite3_finalize);
  g_async_queue_unref (writer->to_writer);
  g_async_queue_unref (writer->from_writer);
  g_clear_error (&writer->error);
  g_free (writer);
}

static Value *
param (TallyRowWriter *writer,
       int             index)
{
  g_assert (index >= 1 && index <= writer->n_params);
  return &writer->row[index - 1];
}

void
_tally_row_bind_int64 (TallyRowWriter *writer,
                       int             index,
                       gint64          value)
{
  Value *v = param (writer, index);

  v->type = VALUE_INT;
  v->integer = value;
}

void
_tally_row_bind_double (TallyRowWriter *writer,
                        int             index,
                        double          value)
{
  Value *v = param (writer, index);

  v->type = VALUE_DOUBLE;
  v->real = value;
}

static void
bind_bytes (TallyRowWriter *writer,
            int             index,
            ValueType       type,
            const void     *data,
            gsize           length)
{
  Value *v = param (writer, index);

  g_assert (length <= G_MAXINT32);
  v->type = type;
  v->offset = writer->current->bytes->len;
  v->length = (guint32) length;
  g_byte_array_append (writer->current->bytes, data, (guint) length);
}

/* Copies @text (@length bytes, or up to its NUL when -1); NULL binds NULL. */
void
_tally_row_bind_text (TallyRowWriter *writer,
                      int             index,
                      const char     *text,
                      gssize          length)
{
  if (text == NULL)
    _tally_row_bind_null (writer, index);
  else
    bind_bytes (writer, index, VALUE_TEXT, text, length < 0 ? strlen (text) : (gsize) length);
}

void
_tally_row_bind_blob (TallyRowWriter *writer,
                      int             index,
                      const void     *data,
                      gsize           length)
{
  bind_bytes (writer, index, VALUE_BLOB, data, length);
}

void
_tally_row_bind_null (TallyRowWriter *writer,
                      int             index)
{
  param (writer, index)->type = VALUE_NULL;
}

/* Forgets the values bound to the row: it is not stored. Their bytes stay
 * in the block until it is written, unread. */
void
_tally_row_writer_clear (TallyRowWriter *writer)
{
  memset (writer->row, 0, sizeof (Value) * (gsize) writer->n_params);
}

static gboolean
take_error (TallyRowWriter  *writer,
            GError         **error)
{
  wait_for_blocks (writer);
  g_propagate_error (error, g_steal_pointer (&writer->error));
  return FALSE;
}

/* Hands the current block to the writer and takes a spare one. */
static void
hand_over (TallyRowWriter *writer)
{
  g_async_queue_push (writer->to_writer, writer->current);
  writer->out++;
  if (g_queue_is_empty (&writer->spare))
    {
      g_queue_push_tail (&writer->spare, g_async_queue_pop (writer->from_writer));
      writer->out--;
    }
  writer->current = g_queue_pop_head (&writer->spare);
}

/* Stores the bound row (in its turn) and starts the next, all NULL. */
gboolean
_tally_row_writer_push (TallyRowWriter  *writer,
                        GError         **error)
{
  if (g_atomic_int_get (&writer->failed))
    return take_error (writer, error);

  if (++writer->current->rows == BLOCK_ROWS)
    hand_over (writer);
  writer->row = block_next_row (writer->current, writer->n_params);
  return TRUE;
}

/* Waits until every row pushed so far is written; after it, and until the
 * next push, the connection is the caller's. The rows of the block being
 * filled are written here, on the caller's thread, while the writer waits
 * for a block; the row being bound moves to the block's start, its bytes
 * left where they are until the block is written and emptied. */
gboolean
_tally_row_writer_flush (TallyRowWriter  *writer,
                         GError         **error)
{
  Block *block = writer->current;

  wait_for_blocks (writer);
  if (!g_atomic_int_get (&writer->failed) && block->rows > 0)
    {
      if (!write_block (writer, block, &writer->error))
        g_atomic_int_set (&writer->failed, TRUE);
      memmove (block->values->data, writer->row, sizeof (Value) * (gsize) writer->n_params);
      g_array_set_size (block->values, (guint) writer->n_params);
      block->rows = 0;
      writer->row = (Value *) block->values->data;
    }

  if (g_atomic_int_get (&writer->failed))
    return take_error (writer, error);
  return TRUE;
}
