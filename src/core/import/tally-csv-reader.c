/* tally-csv-reader.c: CSV, TSV and semicolon-separated text, streamed
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What spreadsheets and ad platforms write: RFC 4180 quoting (with line
 * breaks and doubled quotes inside quoted fields), a delimiter that is a
 * comma, a semicolon (Excel in comma-decimal locales) or a tab ("Unicode
 * text"), in UTF-8 with or without a BOM, UTF-16 with a BOM, or Windows-1252
 * when a file is not valid UTF-8. Comment lines starting with "#" before the
 * header (Google Analytics) and blank lines are skipped.
 */
#define G_LOG_DOMAIN "tally-csv-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tally-csv-reader.h"
#include "tally-csv-sniff.h"
#include "tally-error.h"

#define BUFFER_SIZE (256 * 1024)
#define SNIFF_SIZE (64 * 1024)
#define CHUNK_ROWS 1024
#define CHUNKS_IN_FLIGHT 4

/* Rows parsed ahead by the reading thread, handed over a chunk at a time. */
typedef struct
{
  GString  *bytes;         /* every field, NUL-terminated, one after another */
  GArray   *field_starts;  /* guint offsets into bytes */
  GArray   *rows;          /* ChunkRow */
  double    progress;
  gboolean  last;
  GError   *error;
} Chunk;

typedef struct
{
  guint    first_field;
  guint    n_fields;
  guint64  line;
} ChunkRow;

struct _TallyCsvReader
{
  TallyTableReader  parent_instance;

  char             *display_name;
  GInputStream     *file_stream;
  GInputStream     *stream;
  const char       *encoding;
  gboolean          check_utf8;
  char              delimiter;
  guint8            stops[256];    /* the bytes a run of plain text stops at */

  char             *buffer;
  gsize             length;
  gsize             position;
  gboolean          eof;

  GString          *record;
  guint            *offsets;       /* where each field starts, and past the last */
  guint             n_offsets;
  guint             offsets_size;
  guint64           line;
  guint64           row_line;
  guint64           size;
  double            progress;
  gboolean          header_seen;

  /* The reading thread and what it hands over. */
  GThread          *thread;
  GAsyncQueue      *ready;
  GAsyncQueue      *spare;
  gint              stopping;
  Chunk            *chunk;
  guint             chunk_row;
  GPtrArray        *chunk_fields;
  gboolean          finished;
};

G_DEFINE_FINAL_TYPE (TallyCsvReader, tally_csv_reader, TALLY_TYPE_TABLE_READER)

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->bytes = g_string_sized_new (CHUNK_ROWS * 256);
  chunk->field_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), CHUNK_ROWS * 16);
  chunk->rows = g_array_sized_new (FALSE, FALSE, sizeof (ChunkRow), CHUNK_ROWS);
  return chunk;
}

static void
chunk_reset (Chunk *chunk)
{
  g_string_truncate (chunk->bytes, 0);
  g_array_set_size (chunk->field_starts, 0);
  g_array_set_size (chunk->rows, 0);
  chunk->last = FALSE;
  g_clear_error (&chunk->error);
}

static void
chunk_free (Chunk *chunk)
{
  g_string_free (chunk->bytes, TRUE);
  g_array_unref (chunk->field_starts);
  g_array_unref (chunk->rows);
  g_clear_error (&chunk->error);
  g_free (chunk);
}

/* Stops the reading thread, wherever it is, and waits for it. */
static void
stop_thread (TallyCsvReader *self)
{
  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stopping, 1);
  if (self->chunk != NULL)
    {
      self->finished |= self->chunk->last;
      g_async_queue_push (self->spare, g_steal_pointer (&self->chunk));
    }

  /* It may be waiting for a spare chunk: hand back what it made. */
  while (!self->finished)
    {
      Chunk *chunk = g_async_queue_pop (self->ready);

      self->finished = chunk->last;
      g_async_queue_push (self->spare, chunk);
    }

  g_thread_join (g_steal_pointer (&self->thread));
}

static void
tally_csv_reader_finalize (GObject *object)
{
  TallyCsvReader *self = (TallyCsvReader *) object;
  Chunk *chunk;

  stop_thread (self);
  if (self->ready != NULL)
    {
      while ((chunk = g_async_queue_try_pop (self->ready)) != NULL)
        chunk_free (chunk);
      while ((chunk = g_async_queue_try_pop (self->spare)) != NULL)
        chunk_free (chunk);
      g_async_queue_unref (self->ready);
      g_async_queue_unref (self->spare);
    }
  g_clear_pointer (&self->chunk_fields, g_ptr_array_unref);

  g_clear_object (&self->stream);
  g_clear_object (&self->file_stream);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->buffer, g_free);
  g_string_free (self->record, TRUE);
  g_free (self->offsets);

  G_OBJECT_CLASS (tally_csv_reader_parent_class)->finalize (object);
}

static gboolean
fill (TallyCsvReader  *self,
      GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (self->eof)
    return FALSE;

  n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, NULL, &local_error);
  if (n < 0)
    {
      gboolean undecodable = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
                             g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);

      /* The line being read holds the bytes that do not decode. */
      if (undecodable && g_str_has_prefix (self->encoding, "UTF-16"))
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not valid UTF-16 on line %" G_GUINT64_FORMAT "; save it again as UTF-8 CSV or as Unicode text."),
                     self->display_name, self->line + 1);
      else if (undecodable)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not text Tally can read: line %" G_GUINT64_FORMAT " is neither UTF-8 nor Windows-1252; save it again as UTF-8 CSV."),
                     self->display_name, self->line + 1);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” could not be read past line %" G_GUINT64_FORMAT " (%s); check that it is a text export and not damaged."),
                     self->display_name, self->line, local_error->message);
      self->eof = TRUE;
      return FALSE;
    }

  self->length = (gsize) n;
  self->position = 0;
  if (n == 0)
    self->eof = TRUE;

  if (self->size > 0 && G_IS_SEEKABLE (self->file_stream))
    self->progress = (double) g_seekable_tell (G_SEEKABLE (self->file_stream)) / self->size;

  return n > 0;
}

/* The next byte, or -1 at the end of the file (or on an error). */
static inline int
next_char (TallyCsvReader  *self,
           GError         **error)
{
  if (G_UNLIKELY (self->position >= self->length) && !fill (self, error))
    return -1;

  return (guchar) self->buffer[self->position++];
}

static inline int
peek_char (TallyCsvReader *self)
{
  if (G_UNLIKELY (self->position >= self->length) && !fill (self, NULL))
    return -1;

  return (guchar) self->buffer[self->position];
}

static inline void
end_field (TallyCsvReader *self)
{
  g_string_append_c (self->record, '\0');
  if (G_UNLIKELY (self->n_offsets == self->offsets_size))
    {
      self->offsets_size *= 2;
      self->offsets = g_renew (guint, self->offsets, self->offsets_size);
    }
  self->offsets[self->n_offsets++] = (guint) self->record->len;
}

typedef enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,
} State;

/* The first of @p up to @end that is a quote, the delimiter, a line break
 * or a NUL (or @end): sixteen bytes at a time where SSE2 is there. */
static inline const guchar *
skip_plain (TallyCsvReader *self,
            const guchar   *p,
            const guchar   *end)
{
#ifdef __SSE2__
  const __m128i delimiter = _mm_set1_epi8 (self->delimiter), quote = _mm_set1_epi8 ('"');
  const __m128i lf = _mm_set1_epi8 ('\n'), cr = _mm_set1_epi8 ('\r'), nul = _mm_setzero_si128 ();

  for (; end - p >= 16; p += 16)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
      __m128i stops = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, delimiter), _mm_cmpeq_epi8 (bytes, quote)),
                                    _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, lf), _mm_cmpeq_epi8 (bytes, cr)),
                                                  _mm_cmpeq_epi8 (bytes, nul)));
      int mask = _mm_movemask_epi8 (stops);

      if (mask != 0)
        return p + __builtin_ctz ((unsigned) mask);
    }
#endif
  while (p < end && !self->stops[*p])
    p++;
  return p;
}

/* Appends the run of ordinary bytes that starts at the reader's position
 * and stops before a quote, the delimiter, a line break or a NUL (or the
 * end of the buffer), in one copy: most of a file is such runs. */
static inline void
append_run (TallyCsvReader *self)
{
  const guchar *start = (const guchar *) self->buffer + self->position;
  const guchar *end = (const guchar *) self->buffer + self->length;
  const guchar *p = skip_plain (self, start, end);

  /* In place while the record has room: g_string_append_len() is a call
   * with checks of its own, for each of a million rows' fields. */
  if (G_LIKELY (self->record->len + (gsize) (p - start) < self->record->allocated_len))
    {
      memcpy (self->record->str + self->record->len, start, (gsize) (p - start));
      self->record->len += (gsize) (p - start);
      self->record->str[self->record->len] = '\0';
    }
  else
    g_string_append_len (self->record, (const char *) start, p - start);
  self->position += (gsize) (p - start);
}

/* Feeds @c, which is no line break, to the record in @state; returns the
 * state after it. */
static State
feed_char (TallyCsvReader *self,
           State           state,
           int             c,
           guint64        *quote_line)
{
  switch (state)
    {
    case FIELD_START:
      if (c == '"')
        {
          *quote_line = self->line + 1;
          return QUOTED;
        }
      if (c == self->delimiter)
        {
          end_field (self);
          return FIELD_START;
        }
      g_string_append_c (self->record, (char) c);
      return UNQUOTED;

    case UNQUOTED:
      if (c == self->delimiter)
        {
          end_field (self);
          return FIELD_START;
        }
      g_string_append_c (self->record, (char) c);
      return UNQUOTED;

    case QUOTED:
      if (c == '"')
        return QUOTE_IN_QUOTED;
      g_string_append_c (self->record, (char) c);
      return QUOTED;

    case QUOTE_IN_QUOTED:
      if (c == '"')
        {
          g_string_append_c (self->record, '"');
          return QUOTED;
        }
      if (c == self->delimiter)
        {
          end_field (self);
          return FIELD_START;
        }
      /* Text after a closing quote: keep it, as spreadsheets do. */
      g_string_append_c (self->record, (char) c);
      return UNQUOTED;

    default:
      g_assert_not_reached ();
    }
}

/* A line break: inside quotes it is part of the value; elsewhere it ends
 * the record (TRUE). */
static gboolean
line_break (TallyCsvReader *self,
            State           state,
            int             c)
{
  if (c == '\r' && peek_char (self) == '\n')
    self->position++;
  self->line++;

  if (state == QUOTED)
    {
      g_string_append_c (self->record, '\n');
      return FALSE;
    }
  end_field (self);
  return TRUE;
}

/* The end of the file, in @state: the last record, if any, or an error
 * for a quote never closed. */
static gboolean
end_of_file (TallyCsvReader  *self,
             State            state,
             gboolean         any,
             guint64          quote_line,
             GError         **error)
{
  if (error != NULL && *error != NULL)
    return FALSE;

  /* Read on, such a quote would make the rest of the file one value. */
  if (state == QUOTED)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("In “%s”, a quote opened on line %" G_GUINT64_FORMAT " is never closed; close or remove it, or export the file again."),
                   self->display_name, quote_line);
      return FALSE;
    }

  /* The last line may have no line break. */
  if (any)
    {
      end_field (self);
      self->line++;
      return TRUE;
    }

  return FALSE;
}

/* Reads one record into self->record; FALSE at the end of the file. */
static gboolean
read_record (TallyCsvReader  *self,
             GError         **error)
{
  State state = FIELD_START;
  gboolean any = FALSE;
  guint64 quote_line = 0;
  int c;

  g_string_truncate (self->record, 0);
  self->offsets[0] = 0;
  self->n_offsets = 1;

  for (;;)
    {
      /* Runs of plain bytes inside a field are copied whole. */
      if ((state == QUOTED || state == UNQUOTED) && self->position < self->length)
        append_run (self);

      if ((c = next_char (self, error)) < 0)
        break;
      any = TRUE;

      /* A NUL byte is no text: its field would end there, unseen. */
      if (G_UNLIKELY (c == '\0'))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("“%s” has a NUL byte on line %" G_GUINT64_FORMAT ", so it is not a text export Tally can read; export it again as CSV."),
                       self->display_name, self->line + 1);
          return FALSE;
        }

      if (c == '\r' || c == '\n')
        {
          if (line_break (self, state, c))
            return TRUE;
          continue;
        }

      state = feed_char (self, state, c, &quote_line);
    }

  return end_of_file (self, state, any, quote_line, error);
}

/* The record holds its fields one after another, each NUL-terminated:
 * a record of ASCII bytes alone, as most are, is told in words of eight. */
static gboolean
fields_are_utf8 (TallyCsvReader *self)
{
  const char *bytes = self->record->str;
  gsize length = self->record->len, i = 0;
  guint64 high = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, bytes + i, sizeof word);
      high |= word;
    }
  for (; i < length; i++)
    high |= (guchar) bytes[i];
  if ((high & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
    return TRUE;

  for (guint f = 0; f + 1 < self->n_offsets; f++)
    if (!g_utf8_validate_len (bytes + self->offsets[f], self->offsets[f + 1] - self->offsets[f] - 1, NULL))
      return FALSE;
  return TRUE;
}

/* Parses the next row into self->record; runs on the reading thread. */
static gboolean
produce_row (TallyCsvReader  *self,
             GError         **error)
{
  for (;;)
    {
      guint64 start_line = self->line + 1;
      guint n_fields;

      if (!read_record (self, error))
        return FALSE;

      n_fields = self->n_offsets - 1;

      /* A blank line is no row. */
      if (n_fields == 1 && self->record->str[0] == '\0')
        continue;

      /* Comment lines before the header, as Google Analytics writes them. */
      if (!self->header_seen && self->record->str[0] == '#')
        continue;
      self->header_seen = TRUE;

      /* A byte that is not UTF-8 past the start the encoding was told
       * from: a name or a number there cannot be read for sure. */
      if (self->check_utf8 && !fields_are_utf8 (self))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("“%s” is not text Tally can read: line %" G_GUINT64_FORMAT " is not UTF-8, as the lines before it are; save the file again as UTF-8 CSV."),
                       self->display_name, start_line);
          return FALSE;
        }

      self->row_line = start_line;
      return TRUE;
    }
}

static gpointer
read_ahead (gpointer data)
{
  TallyCsvReader *self = data;
  gboolean more = TRUE;

  while (more)
    {
      Chunk *chunk = g_async_queue_pop (self->spare);

      chunk_reset (chunk);
      if (g_atomic_int_get (&self->stopping))
        {
          chunk->last = TRUE;
          g_async_queue_push (self->ready, chunk);
          break;
        }

      while (chunk->rows->len < CHUNK_ROWS && (more = produce_row (self, &chunk->error)))
        {
          ChunkRow row = { chunk->field_starts->len, self->n_offsets - 1, self->row_line };
          guint base = (guint) chunk->bytes->len;
          guint *starts;

          /* The record's fields are one after another, each NUL-terminated:
           * they are copied in one piece, and found at their offsets. */
          g_array_set_size (chunk->field_starts, row.first_field + row.n_fields);
          starts = &g_array_index (chunk->field_starts, guint, row.first_field);
          for (guint i = 0; i < row.n_fields; i++)
            starts[i] = base + self->offsets[i];
          g_string_append_len (chunk->bytes, self->record->str, (gssize) self->record->len);
          g_array_append_val (chunk->rows, row);
        }

      chunk->progress = self->progress;
      chunk->last = !more;
      g_async_queue_push (self->ready, chunk);
    }

  return NULL;
}

static gboolean
tally_csv_reader_next_row (TallyTableReader  *reader,
                           GError           **error)
{
  TallyCsvReader *self = TALLY_CSV_READER (reader);
  const ChunkRow *row;
  const guint *starts;

  while (self->chunk == NULL || self->chunk_row >= self->chunk->rows->len)
    {
      if (self->chunk != NULL)
        {
          gboolean last = self->chunk->last;

          if (last && self->chunk->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&self->chunk->error));
              self->finished = TRUE;
              g_async_queue_push (self->spare, g_steal_pointer (&self->chunk));
              return FALSE;
            }
          g_async_queue_push (self->spare, g_steal_pointer (&self->chunk));
          if (last)
            {
              self->finished = TRUE;
              return FALSE;
            }
        }
      if (self->finished)
        return FALSE;

      self->chunk = g_async_queue_pop (self->ready);
      self->chunk_row = 0;
      _tally_table_reader_set_progress (reader, self->chunk->progress);
    }

  row = &g_array_index (self->chunk->rows, ChunkRow, self->chunk_row++);
  starts = &g_array_index (self->chunk->field_starts, guint, row->first_field);
  g_ptr_array_set_size (self->chunk_fields, (gint) row->n_fields);
  for (guint i = 0; i < row->n_fields; i++)
    self->chunk_fields->pdata[i] = self->chunk->bytes->str + starts[i];

  _tally_table_reader_set_row (reader, (char **) self->chunk_fields->pdata, NULL, row->n_fields, row->line);
  return TRUE;
}

static void
tally_csv_reader_class_init (TallyCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_csv_reader_finalize;
  TALLY_TABLE_READER_CLASS (klass)->next_row = tally_csv_reader_next_row;
}

static void
tally_csv_reader_init (TallyCsvReader *self)
{
  self->record = g_string_sized_new (4096);
  self->offsets_size = 64;
  self->offsets = g_new (guint, self->offsets_size);
  self->chunk_fields = g_ptr_array_new ();
}

static GInputStream *
open_decoded (TallyCsvReader  *self,
              gsize            skip,
              GError         **error)
{
  g_autoptr(GCharsetConverter) converter = NULL;
  GInputStream *stream;
  const char *from = NULL;

  if (!g_seekable_seek (G_SEEKABLE (self->file_stream), skip, G_SEEK_SET, NULL, error))
    return NULL;

  if (g_str_has_prefix (self->encoding, "UTF-16"))
    from = self->encoding;
  else if (g_str_equal (self->encoding, "WINDOWS-1252"))
    from = "WINDOWS-1252";

  if (from == NULL)
    return g_object_ref (self->file_stream);

  converter = g_charset_converter_new ("UTF-8", from, error);
  if (converter == NULL)
    return NULL;

  stream = g_converter_input_stream_new (self->file_stream, G_CONVERTER (converter));
  /* The file stream is read again from the top after the sniff. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (stream), FALSE);
  return stream;
}

/**
 * tally_csv_reader_new:
 * @path: a text export
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): the reader, or %NULL with @error set
 */
TallyTableReader *
tally_csv_reader_new (const char  *path,
                      GError     **error)
{
  g_autoptr(TallyCsvReader) self = g_object_new (TALLY_TYPE_CSV_READER, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *sniff = g_malloc (SNIFF_SIZE);
  g_autofree char *description = NULL;
  gsize n_sniffed = 0, skip;
  const char *delimiter_name;

  self->display_name = g_filename_display_basename (path);
  self->file_stream = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
  if (self->file_stream == NULL ||
      !g_input_stream_read_all (self->file_stream, sniff, SNIFF_SIZE, &n_sniffed, NULL, &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be read (%s); check that the file exists and that you can open it."),
                   self->display_name, local_error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (self->file_stream),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  self->size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;

  self->encoding = _tally_csv_sniff_encoding (sniff, n_sniffed, &skip);
  self->check_utf8 = g_str_has_prefix (self->encoding, "UTF-8");
  self->stream = open_decoded (self, skip, &local_error);
  if (self->stream == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be decoded as %s (%s); save it again as UTF-8 text."),
                   self->display_name, self->encoding, local_error->message);
      return NULL;
    }

  /* The delimiter is read off the decoded start of the file; then the
   * reader starts again from the top. */
  self->buffer = g_malloc (BUFFER_SIZE);
  self->delimiter = ',';
  if (fill (self, error))
    self->delimiter = _tally_csv_sniff_delimiter (self->buffer, self->length);
  else if (error != NULL && *error != NULL)
    return NULL;

  self->stops[(guchar) self->delimiter] = self->stops['"'] = 1;
  self->stops['\n'] = self->stops['\r'] = self->stops['\0'] = 1;

  g_clear_object (&self->stream);
  self->eof = FALSE;
  self->length = self->position = 0;
  self->stream = open_decoded (self, skip, error);
  if (self->stream == NULL)
    return NULL;

  delimiter_name = self->delimiter == '\t' ? _("tab") : self->delimiter == ';' ? _("semicolon") : _("comma");
  /* Translators: how a text file was read, such as "UTF-8 with BOM, comma-separated" */
  description = g_strdup_printf (_("%s, %s-separated"),
                                 g_str_equal (self->encoding, "UTF-8 BOM") ? _("UTF-8 with BOM") : self->encoding,
                                 delimiter_name);
  _tally_table_reader_set_description (TALLY_TABLE_READER (self), description);
  _tally_table_reader_set_fixed_width (TALLY_TABLE_READER (self), TRUE);

  /* Parsing runs on a thread of its own, a few chunks ahead of the rows
   * being used, so that a big file's import keeps both cores busy. */
  self->ready = g_async_queue_new ();
  self->spare = g_async_queue_new ();
  for (guint i = 0; i < CHUNKS_IN_FLIGHT; i++)
    g_async_queue_push (self->spare, chunk_new ());
  self->thread = g_thread_new ("tally-csv", read_ahead, self);

  return TALLY_TABLE_READER (g_steal_pointer (&self));
}
