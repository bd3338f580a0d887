/* tally-dictionary-seed.c: the core KPIs every new project starts with
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-dictionary"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tally-dictionary-private.h"

#define SEED_RESOURCE RESOURCE_PREFIX "/kpi-dictionary.json"

static char *
join_keys_from_json (JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "join_keys");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  keys = g_strv_builder_end (builder);
  return g_strjoinv (", ", keys);
}

/**
 * _tally_dictionary_seed:
 * @store: a new project's connection, inside its creation transaction
 * @error: return location for a #TallyError
 *
 * Writes the core KPIs of SPEC section 6 from the bundled dictionary.
 */
gboolean
_tally_dictionary_seed (TallyStore  *store,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *array;

  bytes = g_resources_lookup_data (SEED_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    g_error ("The bundled KPI dictionary is not valid JSON");

  stmt = _tally_store_prepare (store,
                               "INSERT INTO kpis (" KPI_COLUMNS ", position) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
                               error);
  if (stmt == NULL)
    return FALSE;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autofree char *join_keys = join_keys_from_json (object);
      static const char * const members[] = {
        "id", "name", "definition", "formula", "source", "source_note", "grain",
      };

      sqlite3_reset (stmt);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        _tally_store_bind_text (stmt, (int) m + 1, json_object_get_string_member (object, members[m]));
      _tally_store_bind_text (stmt, 8, join_keys);
      _tally_store_bind_text (stmt, 9, json_object_get_string_member (object, "unit"));
      sqlite3_bind_int (stmt, 10, (int) i + 1);

      if (!_tally_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}
