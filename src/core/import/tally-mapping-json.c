/* tally-mapping-json.c: a column mapping as JSON, saved in the project
 * and given with --mapping, and the header signature it is saved under
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
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
      g_autofree char *wanted = tally_header_key (l->data, FALSE);
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
          g_autofree char *header = tally_header_key (mapping->headers[c], FALSE);

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
  preset_id = _tally_preset_member_string (object, "preset");
  preset = tally_preset_lookup (preset_id != NULL ? preset_id : "generic");
  if (preset == NULL || !g_str_equal (preset->format, "table"))
    {
      mapping_error (error, display_name, _("its preset is not one Tally knows for tables"));
      return NULL;
    }

  mapping = _tally_mapping_new (preset, headers, n_headers);
  target_name = _tally_preset_member_string (object, "target");
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

      _tally_mapping_apply_preset (mapping, preset, &n_mapped);
    }

  if (_tally_preset_member_string (object, "origin") != NULL)
    {
      g_free (mapping->origin);
      mapping->origin = g_strdup (_tally_preset_member_string (object, "origin"));
    }
  if (_tally_preset_member_string (object, "kind") != NULL)
    {
      const char *kind = _tally_preset_member_string (object, "kind");

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
