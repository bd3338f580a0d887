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
#include "tally-preset-private.h"

#define PRESET_RESOURCE_DIR RESOURCE_PREFIX "/presets/"
#define MIN_CONFIDENCE 0.4
#define CRM_CUSTOM_FIELDS RESOURCE_PREFIX "/crm-custom-fields.json"


/* Loading ------------------------------------------------------------------ */

static GStrv
strings_from_array (JsonArray *array,
                    gboolean   normalize)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *text = json_array_get_string_element (array, i);

      g_autofree char *normalized = normalize ? tally_header_key (text, FALSE) : NULL;

      g_strv_builder_add (builder, normalized != NULL ? normalized : text);
    }

  return g_strv_builder_end (builder);
}

const char *
_tally_preset_member_string (JsonObject *object,
                             const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

static void
append_columns (TallyPreset *preset,
                JsonArray   *columns,
                const char  *resource)
{
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      PresetColumn entry = { 0 };

      entry.field = g_strdup (_tally_preset_member_string (column, "field"));
      entry.headers = strings_from_array (json_object_get_array_member (column, "headers"), TRUE);
      entry.original = g_strdup (json_array_get_string_element (json_object_get_array_member (column, "headers"), 0));
      entry.currency_suffix = json_object_get_boolean_member_with_default (column, "currency_suffix", FALSE);
      entry.detect_only = json_object_get_boolean_member_with_default (column, "detect_only", FALSE);
      if (!entry.detect_only && tally_fields_find (preset->target, entry.field) < 0)
        g_error ("The bundled preset %s maps onto an unknown field %s", resource, entry.field);
      g_array_append_val (preset->columns, entry);
    }
}

static TallyPreset *
load_preset (const char *resource)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TallyPreset *preset;
  JsonObject *object;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("The bundled preset %s cannot be read: %s", resource, error != NULL ? error->message : "missing");

  object = json_node_get_object (json_parser_get_root (parser));
  preset = g_new0 (TallyPreset, 1);
  preset->id = g_strdup (_tally_preset_member_string (object, "id"));
  preset->name = g_strdup (_tally_preset_member_string (object, "name"));
  preset->format = g_strdup (_tally_preset_member_string (object, "format"));
  preset->origin = g_strdup (_tally_preset_member_string (object, "origin"));
  preset->contact_origin = g_strdup (_tally_preset_member_string (object, "contact_origin"));
  preset->kind = g_strdup (_tally_preset_member_string (object, "kind"));
  preset->record_is_contact = json_object_get_boolean_member_with_default (object, "record_is_contact", FALSE);
  if (!tally_target_from_string (_tally_preset_member_string (object, "target"), &preset->target))
    g_error ("The bundled preset %s has no known target", resource);
  preset->signature = strings_from_array (json_object_get_array_member (object, "signature"), FALSE);
  preset->footer = strings_from_array (json_object_has_member (object, "footer")
                                         ? json_object_get_array_member (object, "footer") : NULL,
                                       TRUE);

  if (json_object_has_member (object, "hints"))
    preset->hints = json_object_ref (json_object_get_object_member (object, "hints"));
  preset->header_prefixes = strings_from_array (json_object_has_member (object, "header_prefixes")
                                                  ? json_object_get_array_member (object, "header_prefixes") : NULL,
                                                FALSE);
  preset->columns = g_array_new (FALSE, TRUE, sizeof (PresetColumn));
  append_columns (preset, json_object_get_array_member (object, "columns"), resource);

  /* Tracking fields a CRM admin names at will, known to every CRM preset. */
  if (preset->target == TALLY_TARGET_CRM)
    {
      g_autoptr(JsonParser) common = json_parser_new ();
      g_autoptr(GBytes) common_bytes = g_resources_lookup_data (CRM_CUSTOM_FIELDS, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (common_bytes == NULL ||
          !json_parser_load_from_data (common, g_bytes_get_data (common_bytes, NULL),
                                       g_bytes_get_size (common_bytes), &error))
        g_error ("The bundled %s cannot be read: %s", CRM_CUSTOM_FIELDS, error != NULL ? error->message : "missing");
      append_columns (preset, json_object_get_array_member (json_node_get_object (json_parser_get_root (common)), "columns"),
                      CRM_CUSTOM_FIELDS);
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

TallyMapping *
_tally_mapping_new (const TallyPreset  *preset,
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
void
_tally_mapping_index_fields (TallyMapping *mapping)
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

/* The keys a file's header is matched by: with and without an object
 * prefix, and without a currency suffix such as " (MXN)". */
typedef struct
{
  char *key[2];          /* whole; without its object prefix (or NULL) */
  char *base[2];         /* the same without the currency suffix (or NULL) */
  char  currency[4];
} HeaderKeys;

static void
header_keys_init (HeaderKeys *keys,
                  const char *header)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));
  gsize length = strlen (trimmed);

  memset (keys, 0, sizeof *keys);
  keys->key[0] = tally_header_key (trimmed, FALSE);
  keys->key[1] = tally_header_key (trimmed, TRUE);

  /* "Amount spent (MXN)": any three letters; the import checks the code. */
  if (length > 6 && trimmed[length - 1] == ')' && trimmed[length - 5] == '(' && trimmed[length - 6] == ' ' &&
      g_ascii_isalpha (trimmed[length - 4]) && g_ascii_isalpha (trimmed[length - 3]) &&
      g_ascii_isalpha (trimmed[length - 2]))
    {
      g_autofree char *base = g_strndup (trimmed, length - 6);

      for (guint i = 0; i < 3; i++)
        keys->currency[i] = g_ascii_toupper (trimmed[length - 4 + i]);
      keys->base[0] = tally_header_key (base, FALSE);
      keys->base[1] = tally_header_key (base, TRUE);
    }
}

static void
header_keys_clear (HeaderKeys *keys)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (keys->key[i]);
      g_free (keys->base[i]);
    }
}

/* Matches one header against a preset column, @bare saying whether its
 * object prefix is left out; a currency suffix is returned in @currency. */
static gboolean
header_matches (const PresetColumn  *column,
                const HeaderKeys    *keys,
                guint                bare,
                char               **currency)
{
  const char * const *headers = (const char * const *) column->headers;

  if (keys->key[bare] != NULL && g_strv_contains (headers, keys->key[bare]))
    return TRUE;

  if (column->currency_suffix && keys->base[bare] != NULL && g_strv_contains (headers, keys->base[bare]))
    {
      *currency = g_strdup (keys->currency);
      return TRUE;
    }

  return FALSE;
}

/* Maps every header it knows, first by the whole header and then without
 * its object prefix; returns how many signature fields it found. */
guint
_tally_mapping_apply_preset (TallyMapping       *mapping,
                             const TallyPreset  *preset,
                             guint              *n_mapped)
{
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree HeaderKeys *keys = g_new0 (HeaderKeys, MAX (mapping->n_columns, 1));
  g_autofree gboolean *matched = g_new0 (gboolean, MAX (mapping->n_columns, 1));
  guint signature_hits = 0;

  *n_mapped = 0;
  for (guint c = 0; c < mapping->n_columns; c++)
    header_keys_init (&keys[c], mapping->headers[c]);

  for (guint bare = 0; bare < 2; bare++)
    for (guint c = 0; c < mapping->n_columns; c++)
      {
        if (matched[c])
          continue;

        for (guint p = 0; p < preset->columns->len; p++)
          {
            const PresetColumn *column = &g_array_index (preset->columns, PresetColumn, p);
            g_autofree char *currency = NULL;

            if (!header_matches (column, &keys[c], bare, &currency))
              continue;

            matched[c] = TRUE;
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

  for (guint c = 0; c < mapping->n_columns; c++)
    header_keys_clear (&keys[c]);

  mapping->signature_found = 0;
  for (guint i = 0; preset->signature[i] != NULL && i < 32; i++)
    if (g_hash_table_contains (found, preset->signature[i]))
      {
        mapping->signature_found |= 1u << i;
        signature_hits++;
      }

  _tally_mapping_index_fields (mapping);
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
  TallyMapping *mapping = _tally_mapping_new (preset, headers, n_headers);
  guint n_signature = g_strv_length (preset->signature);
  guint n_mapped;
  guint hits = _tally_mapping_apply_preset (mapping, preset, &n_mapped);

  double share = n_signature > 0 ? (double) hits / n_signature : 0.0;
  guint n_known = 0;

  /* A trimmed export (few columns, all of them the preset's own) is as
   * recognisable as a full one: blend in how much of the header it knows. */
  for (guint c = 0; c < n_headers; c++)
    n_known += mapping->column_fields[c] >= 0;
  if (hits >= 3 && n_headers > 0)
    share = MAX (share, (share + (double) n_known / n_headers) / 2.0);

  /* Pipedrive names every column "Deal - <field>", custom fields too, so a
   * file of mostly custom fields is still known by that prefix and its ID. */
  if (preset->header_prefixes[0] != NULL && n_headers > 0 && mapping->field_columns[tally_fields_find (preset->target, "record_id")][0] >= 0)
    {
      guint n_prefixed = 0;

      for (guint c = 0; c < n_headers; c++)
        for (guint i = 0; preset->header_prefixes[i] != NULL; i++)
          if (g_ascii_strncasecmp (headers[c], preset->header_prefixes[i], strlen (preset->header_prefixes[i])) == 0)
            {
              n_prefixed++;
              break;
            }
      if (n_prefixed * 2 >= n_headers)
        share = MAX (share, 0.5 + 0.5 * (double) n_prefixed / n_headers);
    }

  mapping->confidence = share;
  mapping->signature_hits = hits;
  return mapping;
}

/**
 * tally_preset_get_hint:
 * @preset: a preset
 * @field: a field's name
 *
 * Returns: (nullable): what to do when an export of @preset's kind lacks
 *   the column of @field, such as adding a dimension and exporting again
 */
const char *
tally_preset_get_hint (const TallyPreset *preset,
                       const char        *field)
{
  if (preset->hints == NULL || !json_object_has_member (preset->hints, field))
    return NULL;
  return json_object_get_string_member (preset->hints, field);
}

/**
 * tally_preset_get_column_name:
 * @preset: a preset
 * @field: a field's name
 *
 * Returns: (nullable): how exports of @preset's kind name the column of
 *   @field, such as "Close Date" for won_at in HubSpot deals
 */
const char *
tally_preset_get_column_name (const TallyPreset *preset,
                              const char        *field)
{
  for (guint p = 0; p < preset->columns->len; p++)
    {
      const PresetColumn *column = &g_array_index (preset->columns, PresetColumn, p);

      if (g_str_equal (column->field, field))
        return column->original;
    }
  return NULL;
}

/* The columns of @preset's signature the file lacks, as the preset's first
 * spelling of each, quoted: "“Deal Stage”, “Close Date”". */
static char *
missing_signature (const TallyPreset  *preset,
                   const TallyMapping *mapping,
                   const char        **hint)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  *hint = NULL;
  for (guint i = 0; preset->signature[i] != NULL && i < 32; i++)
    for (guint p = 0; p < preset->columns->len && (mapping->signature_found & (1u << i)) == 0; p++)
      {
        const PresetColumn *column = &g_array_index (preset->columns, PresetColumn, p);

        if (!g_str_equal (column->field, preset->signature[i]))
          continue;
        if (*hint == NULL)
          *hint = tally_preset_get_hint (preset, column->field);
        if (n++ < 3)
          g_string_append_printf (text, "%s“%s”", n > 1 ? ", " : "", column->original);
        break;
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A file no preset is sure of: what it looks most like, and what to do. */
static void
set_unknown_error (const TallyMapping  *best,
                   const char          *display_name,
                   GError             **error)
{
  const char *hint = NULL;
  g_autofree char *missing = NULL;

  if (best == NULL || best->signature_hits < 2)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("Tally cannot tell what kind of export “%s” is: none of its columns is one of a Meta, HubSpot, Salesforce, Pipedrive, Google Analytics or exchange-rate export. Map its columns by hand with --preset generic --mapping MAPPING.json (tally-cli import --help lists the fields)."),
                   display_name);
      return;
    }

  missing = missing_signature (best->preset, best, &hint);
  if (hint != NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("“%s” looks like a %s without the columns %s; %s."),
                 display_name, best->preset->name, missing, hint);
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("“%s” looks most like a %s, but has none of the columns %s. If it is one, import it with --preset %s; if not, map its columns with --preset generic --mapping MAPPING.json."),
                 display_name, best->preset->name, missing, best->preset->id);
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
      set_unknown_error (best, display_name, error);
      tally_mapping_free (best);
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
  _tally_mapping_index_fields (mapping);
  return TRUE;
}

gboolean
tally_mapping_has_field (const TallyMapping *mapping,
                         int                 field)
{
  return field >= 0 && mapping->field_columns[field][0] >= 0;
}
