/* tally-xlsx-reader.c: the first sheet of an Excel workbook, streamed
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xlsx file is a zip archive of XML parts. libarchive reads the zip and
 * libxml2's pull parser reads the parts; neither is written here. The small
 * parts (workbook, relationships, styles, shared strings) are read first;
 * then the first sheet is parsed as it is inflated, row by row, so memory
 * stays flat however long the sheet is. Numeric cells come out as the
 * number's text ("14.35"), date-formatted cells as ISO dates, and both are
 * marked "typed": no number locale applies to them.
 */
#define G_LOG_DOMAIN "tally-xlsx-reader"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-xlsx-reader.h"

#define MAX_COLUMNS 16384

struct _TallyXlsxReader
{
  TallyTableReader  parent_instance;

  char             *display_name;
  char             *sheet_path;
  GPtrArray        *shared_strings;
  GArray           *date_styles;
  gboolean          date1904;
  gint64            sheet_size;
  gint64            sheet_read;

  struct archive   *archive;
  xmlTextReaderPtr  xml;

  GPtrArray        *fields;
  GArray           *typed;
};

G_DEFINE_FINAL_TYPE (TallyXlsxReader, tally_xlsx_reader, TALLY_TYPE_TABLE_READER)

static void
tally_xlsx_reader_finalize (GObject *object)
{
  TallyXlsxReader *self = (TallyXlsxReader *) object;

  g_clear_pointer (&self->xml, xmlFreeTextReader);
  g_clear_pointer (&self->archive, archive_read_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->sheet_path, g_free);
  g_clear_pointer (&self->shared_strings, g_ptr_array_unref);
  g_clear_pointer (&self->date_styles, g_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->typed, g_array_unref);

  G_OBJECT_CLASS (tally_xlsx_reader_parent_class)->finalize (object);
}

static void
set_damaged_error (TallyXlsxReader  *self,
                   GError          **error,
                   const char       *what)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("“%s” is not a workbook Tally can read (%s); open it in a spreadsheet and save it again as .xlsx or .csv."),
               self->display_name, what);
}

/* Dates -------------------------------------------------------------------- */

/**
 * tally_xlsx_serial_to_iso:
 * @serial: an Excel date serial
 * @date1904: whether the workbook counts from 1904
 *
 * Returns: (transfer full): `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the
 *   serial has a time of day
 */
char *
tally_xlsx_serial_to_iso (double   serial,
                          gboolean date1904)
{
  g_autoptr(GDate) date = g_date_new_dmy (date1904 ? 1 : 30, date1904 ? G_DATE_JANUARY : G_DATE_DECEMBER,
                                          date1904 ? 1904 : 1899);
  double days = floor (serial);
  gint64 seconds = (gint64) llround ((serial - days) * 86400.0);

  /* A time that rounds up to midnight belongs to the next day. */
  if (seconds >= 86400)
    {
      days += 1;
      seconds -= 86400;
    }

  g_date_add_days (date, (guint) days);
  if (seconds == 0)
    return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));

  return g_strdup_printf ("%04u-%02u-%02u %02d:%02d:%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
}

static gboolean
is_builtin_date_format (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A custom number format is a date when, outside quoted text and
 * [bracketed] parts, it has day, year, hour or second codes. */
static gboolean
is_date_format_code (const char *code)
{
  gboolean quoted = FALSE;
  int bracket = 0;

  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        bracket++;
      else if (*p == ']' && bracket > 0)
        bracket--;
      else if (bracket == 0 && (c == 'd' || c == 'y' || c == 'h' || c == 's'))
        return TRUE;
    }

  return FALSE;
}

/* Zip parts ---------------------------------------------------------------- */

static struct archive *
open_archive (const char  *path,
              GError     **error)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open_filename (archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID, archive_error_string (archive));
      archive_read_free (archive);
      return NULL;
    }

  return archive;
}

static GBytes *
read_entry (struct archive *archive)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[16384];
  la_ssize_t n;

  while ((n = archive_read_data (archive, chunk, sizeof chunk)) > 0)
    g_byte_array_append (data, chunk, (guint) n);

  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static xmlTextReaderPtr
reader_for_bytes (GBytes *bytes)
{
  return xmlReaderForMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                             NULL, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
}

static const char *
local_name (xmlTextReaderPtr xml)
{
  return (const char *) xmlTextReaderConstLocalName (xml);
}

static char *
get_attribute (xmlTextReaderPtr  xml,
               const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The first sheet's relationship id, and whether dates count from 1904. */
static char *
parse_workbook (TallyXlsxReader *self,
                GBytes          *bytes)
{
  xmlTextReaderPtr xml = reader_for_bytes (bytes);
  char *rel_id = NULL;

  while (xml != NULL && xmlTextReaderRead (xml) == 1)
    {
      if (xmlTextReaderNodeType (xml) != XML_READER_TYPE_ELEMENT)
        continue;

      if (g_str_equal (local_name (xml), "workbookPr"))
        {
          g_autofree char *date1904 = get_attribute (xml, "date1904");

          self->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
        }
      else if (g_str_equal (local_name (xml), "sheet") && rel_id == NULL)
        {
          xmlChar *id = xmlTextReaderGetAttributeNs (xml, (const xmlChar *) "id",
                                                     (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");

          rel_id = g_strdup ((const char *) id);
          xmlFree (id);
        }
    }

  if (xml != NULL)
    xmlFreeTextReader (xml);
  return rel_id;
}

static char *
parse_relationships (GBytes     *bytes,
                     const char *rel_id)
{
  xmlTextReaderPtr xml = reader_for_bytes (bytes);
  char *target = NULL;

  while (xml != NULL && target == NULL && xmlTextReaderRead (xml) == 1)
    {
      g_autofree char *id = NULL;

      if (xmlTextReaderNodeType (xml) != XML_READER_TYPE_ELEMENT ||
          !g_str_equal (local_name (xml), "Relationship"))
        continue;

      id = get_attribute (xml, "Id");
      if (g_strcmp0 (id, rel_id) == 0)
        {
          g_autofree char *value = get_attribute (xml, "Target");

          if (value != NULL && value[0] == '/')
            target = g_strdup (value + 1);
          else if (value != NULL)
            target = g_strconcat ("xl/", value, NULL);
        }
    }

  if (xml != NULL)
    xmlFreeTextReader (xml);
  return target;
}

static void
parse_shared_strings (TallyXlsxReader *self,
                      GBytes          *bytes)
{
  xmlTextReaderPtr xml = reader_for_bytes (bytes);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_si = FALSE, in_t = FALSE;
  int skip_depth = -1;

  while (xml != NULL && xmlTextReaderRead (xml) == 1)
    {
      int type = xmlTextReaderNodeType (xml);
      int depth = xmlTextReaderDepth (xml);
      const char *name = local_name (xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (g_str_equal (name, "si"))
            {
              in_si = TRUE;
              g_string_truncate (text, 0);
            }
          /* Phonetic guides (rPh) are not part of the text. */
          else if (g_str_equal (name, "rPh") && skip_depth < 0 && !xmlTextReaderIsEmptyElement (xml))
            skip_depth = depth;
          else if (g_str_equal (name, "t") && !xmlTextReaderIsEmptyElement (xml))
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (g_str_equal (name, "si") && in_si)
            {
              g_ptr_array_add (self->shared_strings, g_strdup (text->str));
              in_si = FALSE;
            }
          else if (g_str_equal (name, "rPh") && depth == skip_depth)
            skip_depth = -1;
          else if (g_str_equal (name, "t"))
            in_t = FALSE;
        }
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
               in_si && in_t && skip_depth < 0)
        g_string_append (text, (const char *) xmlTextReaderConstValue (xml));
    }

  if (xml != NULL)
    xmlFreeTextReader (xml);
}

static void
parse_styles (TallyXlsxReader *self,
              GBytes          *bytes)
{
  xmlTextReaderPtr xml = reader_for_bytes (bytes);
  g_autoptr(GHashTable) custom_dates = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean in_cell_xfs = FALSE;

  while (xml != NULL && xmlTextReaderRead (xml) == 1)
    {
      int type = xmlTextReaderNodeType (xml);
      const char *name = local_name (xml);

      if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "cellXfs"))
        in_cell_xfs = FALSE;
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (g_str_equal (name, "numFmt"))
        {
          g_autofree char *id = get_attribute (xml, "numFmtId");
          g_autofree char *code = get_attribute (xml, "formatCode");

          if (id != NULL && code != NULL && is_date_format_code (code))
            g_hash_table_add (custom_dates, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)));
        }
      else if (g_str_equal (name, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (xml);
      else if (in_cell_xfs && g_str_equal (name, "xf"))
        {
          g_autofree char *id = get_attribute (xml, "numFmtId");
          guint format = id != NULL ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
          gboolean is_date = is_builtin_date_format (format) ||
                             g_hash_table_contains (custom_dates, GUINT_TO_POINTER (format));

          g_array_append_val (self->date_styles, is_date);
        }
    }

  if (xml != NULL)
    xmlFreeTextReader (xml);
}

/* Reads the small parts, in whatever order the zip holds them. */
static gboolean
read_parts (TallyXlsxReader  *self,
            const char       *path,
            GError          **error)
{
  g_autoptr(GBytes) workbook = NULL;
  g_autoptr(GBytes) rels = NULL;
  g_autoptr(GBytes) strings = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rel_id = NULL;
  struct archive_entry *entry;
  struct archive *archive;
  int rc;

  archive = open_archive (path, &local_error);
  if (archive == NULL)
    {
      set_damaged_error (self, error, local_error->message);
      return FALSE;
    }

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      GBytes **slot = NULL;

      if (g_strcmp0 (name, "xl/workbook.xml") == 0)
        slot = &workbook;
      else if (g_strcmp0 (name, "xl/_rels/workbook.xml.rels") == 0)
        slot = &rels;
      else if (g_strcmp0 (name, "xl/sharedStrings.xml") == 0)
        slot = &strings;
      else if (g_strcmp0 (name, "xl/styles.xml") == 0)
        slot = &styles;

      if (slot != NULL)
        *slot = read_entry (archive);
      else
        archive_read_data_skip (archive);
    }

  if (rc != ARCHIVE_EOF)
    {
      set_damaged_error (self, error, archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }
  archive_read_free (archive);

  if (workbook == NULL || rels == NULL)
    {
      set_damaged_error (self, error, _("it has no workbook"));
      return FALSE;
    }

  rel_id = parse_workbook (self, workbook);
  self->sheet_path = rel_id != NULL ? parse_relationships (rels, rel_id) : NULL;
  if (self->sheet_path == NULL)
    {
      set_damaged_error (self, error, _("it has no sheet"));
      return FALSE;
    }

  if (strings != NULL)
    parse_shared_strings (self, strings);
  if (styles != NULL)
    parse_styles (self, styles);

  return TRUE;
}

/* The sheet, streamed ------------------------------------------------------ */

static int
read_sheet_cb (void *context,
               char *buffer,
               int   length)
{
  TallyXlsxReader *self = context;
  la_ssize_t n = archive_read_data (self->archive, buffer, (size_t) length);

  if (n > 0)
    {
      self->sheet_read += n;
      if (self->sheet_size > 0)
        _tally_table_reader_set_progress (TALLY_TABLE_READER (self),
                                          MIN (1.0, (double) self->sheet_read / self->sheet_size));
    }

  return n < 0 ? -1 : (int) n;
}

static gboolean
open_sheet (TallyXlsxReader  *self,
            const char       *path,
            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  struct archive_entry *entry;

  self->archive = open_archive (path, &local_error);
  if (self->archive == NULL)
    {
      set_damaged_error (self, error, local_error->message);
      return FALSE;
    }

  while (archive_read_next_header (self->archive, &entry) == ARCHIVE_OK)
    {
      if (g_strcmp0 (archive_entry_pathname (entry), self->sheet_path) == 0)
        {
          self->sheet_size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : 0;
          self->xml = xmlReaderForIO (read_sheet_cb, NULL, self, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
          return self->xml != NULL;
        }
      archive_read_data_skip (self->archive);
    }

  set_damaged_error (self, error, _("its first sheet is missing"));
  return FALSE;
}

/* "BC12" → 54 (0-based column), or -1. */
static int
column_from_reference (const char *reference)
{
  int column = 0;
  const char *p = reference;

  if (reference == NULL || !g_ascii_isalpha (*p))
    return -1;

  for (; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return -1;
    }

  return column - 1;
}

static void
set_cell (TallyXlsxReader *self,
          guint            column,
          char            *value,
          gboolean         typed)
{
  while (self->fields->len <= column)
    {
      gboolean no = FALSE;

      g_ptr_array_add (self->fields, g_strdup (""));
      g_array_append_val (self->typed, no);
    }

  g_free (self->fields->pdata[column]);
  self->fields->pdata[column] = value;
  g_array_index (self->typed, gboolean, column) = typed;
}

/* Turns a cell's raw value into its text, by its type and style. */
static char *
cell_text (TallyXlsxReader *self,
           const char      *type,
           int              style,
           const char      *raw,
           gboolean        *typed)
{
  *typed = FALSE;

  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (raw, NULL, 10);

      return g_strdup (index < self->shared_strings->len ? g_ptr_array_index (self->shared_strings, index) : "");
    }

  if (g_strcmp0 (type, "b") == 0)
    return g_strdup (g_str_equal (raw, "1") ? "TRUE" : "FALSE");

  if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "inlineStr") == 0 || g_strcmp0 (type, "e") == 0)
    return g_strdup (raw);

  if (g_strcmp0 (type, "d") == 0)
    {
      *typed = TRUE;
      return g_strdup (raw);
    }

  /* A number, possibly a date by its style. */
  *typed = TRUE;
  if (style >= 0 && (guint) style < self->date_styles->len &&
      g_array_index (self->date_styles, gboolean, style) && raw[0] != '\0')
    {
      char *end = NULL;
      double serial = g_ascii_strtod (raw, &end);

      if (end != raw && *end == '\0' && serial >= 0 && serial < 2958466)
        return tally_xlsx_serial_to_iso (serial, self->date1904);
    }

  return g_strdup (raw);
}

/* Where the sheet's reader is within a row. */
typedef struct
{
  GString  *value;
  char     *cell_type;
  guint64   row_number;
  gboolean  in_row;
  gboolean  in_value;
  gboolean  any;
  int       cell_column;
  int       next_column;
  int       cell_style;
} RowState;

static void
start_element (TallyXlsxReader *self,
               const char      *name,
               RowState        *st)
{
  if (g_str_equal (name, "row"))
    {
      g_autofree char *r = get_attribute (self->xml, "r");

      st->row_number = r != NULL ? g_ascii_strtoull (r, NULL, 10) : st->row_number + 1;
      st->in_row = TRUE;
      st->next_column = 0;
      if (xmlTextReaderIsEmptyElement (self->xml))
        st->in_row = FALSE;
    }
  else if (st->in_row && g_str_equal (name, "c"))
    {
      g_autofree char *reference = get_attribute (self->xml, "r");
      g_autofree char *style = get_attribute (self->xml, "s");

      g_free (st->cell_type);
      st->cell_type = get_attribute (self->xml, "t");
      st->cell_column = reference != NULL ? column_from_reference (reference) : st->next_column;
      st->cell_style = style != NULL ? (int) g_ascii_strtoll (style, NULL, 10) : -1;
      st->next_column = st->cell_column + 1;
      g_string_truncate (st->value, 0);
    }
  else if (st->in_row && (g_str_equal (name, "v") || g_str_equal (name, "t")))
    st->in_value = !xmlTextReaderIsEmptyElement (self->xml);
}

/* TRUE when @name ends a row that has a value. */
static gboolean
end_element (TallyXlsxReader *self,
             const char      *name,
             RowState        *st)
{
  if (g_str_equal (name, "v") || g_str_equal (name, "t"))
    st->in_value = FALSE;
  else if (g_str_equal (name, "c") && st->cell_column >= 0)
    {
      gboolean typed;
      char *text = cell_text (self, st->cell_type, st->cell_style, st->value->str, &typed);

      st->any |= text[0] != '\0';
      set_cell (self, (guint) st->cell_column, text, typed);
      st->cell_column = -1;
    }
  else if (g_str_equal (name, "row"))
    {
      st->in_row = FALSE;
      if (st->any)
        return TRUE;
      /* Empty rows are no rows, as blank lines in a CSV. */
      g_ptr_array_set_size (self->fields, 0);
      g_array_set_size (self->typed, 0);
    }
  return FALSE;
}

static gboolean
tally_xlsx_reader_next_row (TallyTableReader  *reader,
                            GError           **error)
{
  TallyXlsxReader *self = TALLY_XLSX_READER (reader);
  g_autoptr(GString) value = g_string_new (NULL);
  RowState st = { value, NULL, 0, FALSE, FALSE, FALSE, -1, 0, -1 };
  gboolean done = FALSE;
  int rc;

  g_ptr_array_set_size (self->fields, 0);
  g_array_set_size (self->typed, 0);

  while (!done && (rc = xmlTextReaderRead (self->xml)) == 1)
    {
      int type = xmlTextReaderNodeType (self->xml);
      const char *name = local_name (self->xml);

      if (type == XML_READER_TYPE_ELEMENT)
        start_element (self, name, &st);
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && st.in_value)
        g_string_append (value, (const char *) xmlTextReaderConstValue (self->xml));
      else if (type == XML_READER_TYPE_END_ELEMENT)
        done = end_element (self, name, &st);
    }
  g_free (st.cell_type);

  if (done)
    {
      _tally_table_reader_set_row (reader, (char **) self->fields->pdata,
                                   (gboolean *) (gpointer) self->typed->data,
                                   self->fields->len, st.row_number);
      return TRUE;
    }

  if (rc < 0)
    {
      set_damaged_error (self, error, _("its sheet is not well-formed XML"));
      return FALSE;
    }

  return FALSE;
}

static void
tally_xlsx_reader_class_init (TallyXlsxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_xlsx_reader_finalize;
  TALLY_TABLE_READER_CLASS (klass)->next_row = tally_xlsx_reader_next_row;
}

static void
tally_xlsx_reader_init (TallyXlsxReader *self)
{
  self->shared_strings = g_ptr_array_new_with_free_func (g_free);
  self->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->typed = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

/**
 * tally_xlsx_reader_new:
 * @path: an .xlsx workbook
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): a reader of the workbook's first sheet
 */
TallyTableReader *
tally_xlsx_reader_new (const char  *path,
                       GError     **error)
{
  g_autoptr(TallyXlsxReader) self = g_object_new (TALLY_TYPE_XLSX_READER, NULL);

  self->display_name = g_filename_display_basename (path);

  if (!read_parts (self, path, error) || !open_sheet (self, path, error))
    return NULL;

  _tally_table_reader_set_description (TALLY_TABLE_READER (self), _("Excel workbook, first sheet"));
  return TALLY_TABLE_READER (g_steal_pointer (&self));
}
