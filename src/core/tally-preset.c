/* tally-preset.c: what each source's exports look like, and how a file's
 * columns map onto Tally's fields
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presets are data (the JSON files of data/presets, bundled as resources): for each
 * source, the header wordings of every field in every language we have
 * seen, and the fields whose presence identifies the source. A file's
 * header row is scored against each preset; the confidence is the share of
 * a preset's signature fields the header has.
 */
#define G_LOG_DOMAIN "tally-preset"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-error.h"
#include "tally-normalize.h"
#include "tally-preset.h"

#define PRESET_RESOURCE_DIR RESOURCE_PREFIX "/presets/"
#define MIN_CONFIDENCE 0.4

typedef struct
{
  char     *field;
  GStrv     headers;          /* normalized */
  gboolean  currency_suffix;
  gboolean  detect_only;
} PresetColumn;

struct _TallyPreset
{
  char        *id;
  char        *name;
  char        *format;
  TallyTarget  target;
  char        *origin;
  char        *contact_origin;
  char        *kind;
  gboolean     record_is_contact;
  GStrv        signature;
  GStrv        footer;        /* normalized prefixes */
  GArray      *columns;       /* PresetColumn */
};

/* Loading ------------------------------------------------------------------ */

static GStrv
strings_from_array (JsonArray *array,
                    gboolean   normalize)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *text = json_array_get_string_element (array, i);

      g_autofree char *normalized = normalize ? tally_normalize_header (text) : NULL;

      g_strv_builder_add (builder, normalized != NULL ? normalized : text);
    }

  return g_strv_builder_end (builder);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

static TallyPreset *
load_preset (const char *resource)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TallyPreset *preset;
  JsonObject *object;
  JsonArray *columns;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("The bundled preset %s cannot be read: %s", resource, error != NULL ? error->message : "missing");

  object = json_node_get_object (json_parser_get_root (parser));
  preset = g_new0 (TallyPreset, 1);
  preset->id = g_strdup (member_string (object, "id"));
  preset->name = g_strdup (member_string (object, "name"));
  preset->format = g_strdup (member_string (object, "format"));
  preset->origin = g_strdup (member_string (object, "origin"));
  preset->contact_origin = g_strdup (member_string (object, "contact_origin"));
  preset->kind = g_strdup (member_string (object, "kind"));
  preset->record_is_contact = json_object_get_boolean_member_with_default (object, "record_is_contact", FALSE);
  if (!tally_target_from_string (member_string (object, "target"), &preset->target))
    g_error ("The bundled preset %s has no known target", resource);
  preset->signature = strings_from_array (json_object_get_array_member (object, "signature"), FALSE);
  preset->footer = strings_from_array (json_object_has_member (object, "footer")
                                         ? json_object_get_array_member (object, "footer") : NULL,
                                       TRUE);

  preset->columns = g_array_new (FALSE, TRUE, sizeof (PresetColumn));
  columns = json_object_get_array_member (object, "columns");
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      PresetColumn entry = { 0 };

      entry.field = g_strdup (member_string (column, "field"));
      entry.headers = strings_from_array (json_object_get_array_member (column, "headers"), TRUE);
      entry.currency_suffix = json_object_get_boolean_member_with_default (column, "currency_suffix", FALSE);
      entry.detect_only = json_object_get_boolean_member_with_default (column, "detect_only", FALSE);
      if (!entry.detect_only && tally_fields_find (preset->target, entry.field) < 0)
        g_error ("The bundled preset %s maps onto an unknown field %s", preset->id, entry.field);
      g_array_append_val (preset->columns, entry);
    }

  return preset;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tally_preset_list:
 *
 * Returns: (transfer container) (element-type TallyPreset): every preset,
 *   by id; they live as long as the process
 */
GPtrArray *
tally_preset_list (void)
{
  static GPtrArray *presets;

  if (g_once_init_enter (&presets))
    {
      g_auto(GStrv) names = g_resources_enumerate_children (PRESET_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        g_ptr_array_add (sorted, names[i]);
      g_ptr_array_sort (sorted, compare_names);

      for (guint i = 0; i < sorted->len; i++)
        {
          g_autofree char *path = g_strconcat (PRESET_RESOURCE_DIR, g_ptr_array_index (sorted, i), NULL);

          g_ptr_array_add (list, load_preset (path));
        }

      g_once_init_leave (&presets, list);
    }

  return g_ptr_array_ref (presets);
}

const TallyPreset *
tally_preset_lookup (const char *id)
{
  g_autoptr(GPtrArray) presets = tally_preset_list ();

  for (guint i = 0; i < presets->len; i++)
    {
      const TallyPreset *preset = g_ptr_array_index (presets, i);

      if (g_strcmp0 (preset->id, id) == 0)
        return preset;
    }

  return NULL;
}

const char *
tally_preset_get_id (const TallyPreset *preset)
{
  return preset->id;
}

const char *
tally_preset_get_name (const TallyPreset *preset)
{
  return preset->name;
}

const char *
tally_preset_get_format (const TallyPreset *preset)
{
  return preset->format;
}

TallyTarget
tally_preset_get_target (const TallyPreset *preset)
{
  return preset->target;
}

/* Mappings ----------------------------------------------------------------- */

static TallyMapping *
mapping_new (const TallyPreset  *preset,
             const char * const *headers,
             guint               n_headers)
{
  TallyMapping *mapping = g_new0 (TallyMapping, 1);

  mapping->preset = preset;
  mapping->target = preset->target;
  mapping->origin = g_strdup (preset->origin);
  mapping->contact_origin = g_strdup (preset->contact_origin);
  mapping->kind = g_strdup (preset->kind);
  mapping->record_is_contact = preset->record_is_contact;
  mapping->footer = g_strdupv (preset->footer);
  mapping->n_columns = n_headers;
  mapping->headers = g_new0 (char *, n_headers + 1);
  mapping->column_fields = g_new (int, MAX (n_headers, 1));
  for (guint i = 0; i < n_headers; i++)
    {
      mapping->headers[i] = g_strdup (headers[i]);
      mapping->column_fields[i] = -1;
    }
  for (guint f = 0; f < TALLY_MAX_FIELDS; f++)
    mapping->field_columns[f][0] = -1;

  return mapping;
}

void
tally_mapping_free (TallyMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_free (mapping->origin);
  g_free (mapping->contact_origin);
  g_free (mapping->kind);
  g_free (mapping->header_currency);
  g_strfreev (mapping->headers);
  g_free (mapping->column_fields);
  g_strfreev (mapping->footer);
  g_free (mapping);
}

/* Rebuilds the per-field column lists from the per-column fields. */
static void
index_fields (TallyMapping *mapping)
{
  guint counts[TALLY_MAX_FIELDS] = { 0 };

  for (guint f = 0; f < TALLY_MAX_FIELDS; f++)
    mapping->field_columns[f][0] = -1;

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      int f = mapping->column_fields[c];

      if (f < 0 || counts[f] >= TALLY_MAPPING_MAX_COLUMNS_PER_FIELD)
        continue;
      mapping->field_columns[f][counts[f]++] = (int) c;
      mapping->field_columns[f][counts[f]] = -1;
    }
}

/* Matches one header against a preset column; a currency suffix such as
 * "Amount spent (MXN)" is split off and returned in @currency. */
static gboolean
header_matches (const PresetColumn  *column,
                const char          *normalized,
                char               **currency)
{
  const char *open;

  if (g_strv_contains ((const char * const *) column->headers, normalized))
    return TRUE;

  if (!column->currency_suffix)
    return FALSE;

  open = strrchr (normalized, '(');
  if (open != NULL && open > normalized && open[-1] == ' ' && strlen (open) == 5 && open[4] == ')')
    {
      g_autofree char *base = g_strndup (normalized, open - normalized - 1);
      char code[4] = { g_ascii_toupper (open[1]), g_ascii_toupper (open[2]), g_ascii_toupper (open[3]), '\0' };

      if (g_strv_contains ((const char * const *) column->headers, base) && tally_currency_lookup (code) != NULL)
        {
          *currency = g_strdup (code);
          return TRUE;
        }
    }

  return FALSE;
}

/* Maps every header it knows; returns how many signature fields it found. */
static guint
apply_preset (TallyMapping       *mapping,
              const TallyPreset  *preset,
              guint              *n_mapped)
{
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  guint signature_hits = 0;

  *n_mapped = 0;
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      g_autofree char *normalized = tally_normalize_header (mapping->headers[c]);

      for (guint p = 0; p < preset->columns->len; p++)
        {
          const PresetColumn *column = &g_array_index (preset->columns, PresetColumn, p);
          g_autofree char *currency = NULL;

          if (!header_matches (column, normalized, &currency))
            continue;

          g_hash_table_add (found, column->field);
          (*n_mapped)++;
          if (!column->detect_only && mapping->column_fields[c] < 0)
            {
              mapping->column_fields[c] = tally_fields_find (preset->target, column->field);
              if (currency != NULL && mapping->header_currency == NULL)
                mapping->header_currency = g_steal_pointer (&currency);
            }
          break;
        }
    }

  for (guint i = 0; preset->signature[i] != NULL; i++)
    signature_hits += g_hash_table_contains (found, preset->signature[i]);

  index_fields (mapping);
  return signature_hits;
}

/**
 * tally_mapping_for_preset:
 * @preset: a preset
 * @headers: the file's header row
 * @n_headers: its length
 *
 * Returns: (transfer full): the columns of @headers that @preset knows,
 *   with the confidence that the file is of that preset's kind
 */
TallyMapping *
tally_mapping_for_preset (const TallyPreset  *preset,
                          const char * const *headers,
                          guint               n_headers)
{
  TallyMapping *mapping = mapping_new (preset, headers, n_headers);
  guint n_signature = g_strv_length (preset->signature);
  guint n_mapped;
  guint hits = apply_preset (mapping, preset, &n_mapped);

  double share = n_signature > 0 ? (double) hits / n_signature : 0.0;
  guint n_known = 0;

  /* A trimmed export (few columns, all of them the preset's own) is as
   * recognisable as a full one: blend in how much of the header it knows. */
  for (guint c = 0; c < n_headers; c++)
    n_known += mapping->column_fields[c] >= 0;
  if (hits >= 3 && n_headers > 0)
    share = MAX (share, (share + (double) n_known / n_headers) / 2.0);

  mapping->confidence = share;
  return mapping;
}

/**
 * tally_mapping_detect:
 * @headers: the file's header row
 * @n_headers: its length
 * @display_name: the file's name, for the error
 * @error: return location for a #TallyError
 *
 * Finds the preset whose signature the header matches best.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error
 *   set when no preset is confident enough
 */
TallyMapping *
tally_mapping_detect (const char * const  *headers,
                      guint                n_headers,
                      const char          *display_name,
                      GError             **error)
{
  g_autoptr(GPtrArray) presets = tally_preset_list ();
  TallyMapping *best = NULL;
  guint best_mapped = 0;

  for (guint i = 0; i < presets->len; i++)
    {
      const TallyPreset *preset = g_ptr_array_index (presets, i);
      TallyMapping *candidate;
      guint n_mapped = 0;

      if (!g_str_equal (preset->format, "table") || preset->signature[0] == NULL)
        continue;

      candidate = tally_mapping_for_preset (preset, headers, n_headers);
      for (guint c = 0; c < n_headers; c++)
        n_mapped += candidate->column_fields[c] >= 0;

      if (best == NULL || candidate->confidence > best->confidence + 1e-9 ||
          (candidate->confidence > best->confidence - 1e-9 && n_mapped > best_mapped))
        {
          tally_mapping_free (best);
          best = candidate;
          best_mapped = n_mapped;
        }
      else
        tally_mapping_free (candidate);
    }

  if (best == NULL || best->confidence < MIN_CONFIDENCE)
    {
      tally_mapping_free (best);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("Tally cannot tell what kind of export “%s” is from its columns; name its source with --preset, or map its columns with --preset generic --mapping MAPPING.json."),
                   display_name);
      return NULL;
    }

  return best;
}

/**
 * tally_mapping_set_column:
 * @mapping: a mapping
 * @column: a column of the file
 * @field: (nullable): the field it holds, or %NULL to ignore it
 *
 * Returns: %FALSE when @field is not a field of the mapping's target
 */
gboolean
tally_mapping_set_column (TallyMapping *mapping,
                          guint         column,
                          const char   *field)
{
  int index = field != NULL ? tally_fields_find (mapping->target, field) : -1;

  g_return_val_if_fail (column < mapping->n_columns, FALSE);

  if (field != NULL && index < 0)
    return FALSE;

  mapping->column_fields[column] = index;
  index_fields (mapping);
  return TRUE;
}

gboolean
tally_mapping_has_field (const TallyMapping *mapping,
                         int                 field)
{
  return field >= 0 && mapping->field_columns[field][0] >= 0;
}

/**
 * tally_mapping_signature:
 * @headers: a header row
 * @n_headers: its length
 *
 * Returns: (transfer full): a key that is the same for every file with
 *   this header, whatever the case and spacing of its names
 */
char *
tally_mapping_signature (const char * const *headers,
                         guint               n_headers)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < n_headers; i++)
    {
      g_autofree char *normalized = tally_normalize_header (headers[i]);

      g_checksum_update (checksum, (const guchar *) normalized, -1);
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * tally_mapping_to_json:
 *
 * Returns: (transfer full): the mapping as `--mapping` reads it
 */
JsonNode *
tally_mapping_to_json (const TallyMapping *mapping)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const TallyFieldSpec *fields;
  guint n_fields;

  fields = tally_fields_get (mapping->target, &n_fields);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preset");
  json_builder_add_string_value (builder, mapping->preset->id);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, tally_target_to_string (mapping->target));
  if (mapping->origin != NULL)
    {
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (builder, mapping->origin);
    }
  if (mapping->kind != NULL)
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mapping->kind);
    }
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      json_builder_set_member_name (builder, mapping->headers[c]);
      if (mapping->column_fields[c] >= 0)
        json_builder_add_string_value (builder, fields[mapping->column_fields[c]].name);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
mapping_error (GError     **error,
               const char  *display_name,
               const char  *problem)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("The column mapping for “%s” cannot be used: %s."), display_name, problem);
  return FALSE;
}

static gboolean
apply_json_columns (TallyMapping  *mapping,
                    JsonObject    *columns,
                    const char    *display_name,
                    GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (columns);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *wanted = tally_normalize_header (l->data);
      JsonNode *value = json_object_get_member (columns, l->data);
      const char *field = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
      gboolean found = FALSE;

      if (!JSON_NODE_HOLDS_NULL (value) && field == NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("the column “%s” must map onto a field name or null"),
                                                      (char *) l->data);
          return mapping_error (error, display_name, problem);
        }

      for (guint c = 0; c < mapping->n_columns; c++)
        {
          g_autofree char *header = tally_normalize_header (mapping->headers[c]);

          if (!g_str_equal (header, wanted))
            continue;
          found = TRUE;
          if (!tally_mapping_set_column (mapping, c, field))
            {
              g_autofree char *problem = g_strdup_printf (_("“%s” is not a field of %s data"),
                                                          field, tally_target_to_string (mapping->target));
              return mapping_error (error, display_name, problem);
            }
        }

      if (!found)
        {
          g_autofree char *problem = g_strdup_printf (_("it maps the column “%s”, which the file does not have"),
                                                      (char *) l->data);
          return mapping_error (error, display_name, problem);
        }
    }

  return TRUE;
}

/**
 * tally_mapping_from_json:
 * @node: a mapping as tally_mapping_to_json() writes it
 * @headers: the file's header row
 * @n_headers: its length
 * @display_name: the file's name, for errors
 * @error: return location for a #TallyError
 *
 * Starts from the named preset's own mapping (none for `generic`) and
 * applies the columns of @node over it.
 *
 * Returns: (transfer full) (nullable): the mapping
 */
TallyMapping *
tally_mapping_from_json (JsonNode            *node,
                         const char * const  *headers,
                         guint                n_headers,
                         const char          *display_name,
                         GError             **error)
{
  g_autoptr(TallyMapping) mapping = NULL;
  const TallyPreset *preset;
  JsonObject *object;
  const char *preset_id, *target_name;
  TallyTarget target;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      mapping_error (error, display_name, _("it is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  preset_id = member_string (object, "preset");
  preset = tally_preset_lookup (preset_id != NULL ? preset_id : "generic");
  if (preset == NULL || !g_str_equal (preset->format, "table"))
    {
      mapping_error (error, display_name, _("its preset is not one Tally knows for tables"));
      return NULL;
    }

  mapping = mapping_new (preset, headers, n_headers);
  target_name = member_string (object, "target");
  if (target_name != NULL)
    {
      if (!tally_target_from_string (target_name, &target))
        {
          mapping_error (error, display_name, _("its target must be meta, crm, sessions or fx"));
          return NULL;
        }
      if (target != preset->target && !g_str_equal (preset->id, "generic"))
        {
          mapping_error (error, display_name, _("its target is not its preset's"));
          return NULL;
        }
      mapping->target = target;
    }

  if (!g_str_equal (preset->id, "generic"))
    {
      guint n_mapped;

      apply_preset (mapping, preset, &n_mapped);
    }

  if (member_string (object, "origin") != NULL)
    {
      g_free (mapping->origin);
      mapping->origin = g_strdup (member_string (object, "origin"));
    }
  if (member_string (object, "kind") != NULL)
    {
      const char *kind = member_string (object, "kind");

      if (!g_str_equal (kind, "lead") && !g_str_equal (kind, "deal") && !g_str_equal (kind, "order"))
        {
          mapping_error (error, display_name, _("its kind must be lead, deal or order"));
          return NULL;
        }
      g_free (mapping->kind);
      mapping->kind = g_strdup (kind);
    }

  if (json_object_has_member (object, "columns"))
    {
      JsonNode *columns = json_object_get_member (object, "columns");

      if (!JSON_NODE_HOLDS_OBJECT (columns))
        {
          mapping_error (error, display_name, _("its columns must be an object of header: field"));
          return NULL;
        }
      if (!apply_json_columns (mapping, json_node_get_object (columns), display_name, error))
        return NULL;
    }

  mapping->confidence = 1.0;
  return g_steal_pointer (&mapping);
}
