/* tally-dictionary.c: the project's KPI dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core KPIs are the metrics of SPEC section 6, seeded into every new
 * project. Their id, formula, source and unit are what Tally computes, so
 * they never change; their wording, source note, grain and join keys are
 * the analyst's to adapt. Custom KPIs are arithmetic over other KPIs.
 */
#define G_LOG_DOMAIN "tally-dictionary"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-dictionary-private.h"
#include "tally-error.h"
#include "tally-formula.h"
#include "tally-project-private.h"

#define MAX_NAME_LENGTH 120
#define MAX_TEXT_LENGTH 4000

static const char * const sources[] = { "meta", "crm", "analytics", "derived", NULL };
static const char * const units[] = { "money", "count", "ratio", "share", "days", NULL };


/**
 * tally_dictionary_get_sources:
 *
 * Returns: (transfer none): the sources of truth a KPI may have
 */
const char * const *
tally_dictionary_get_sources (void)
{
  return sources;
}

/**
 * tally_dictionary_get_units:
 *
 * Returns: (transfer none): the units a KPI may have
 */
const char * const *
tally_dictionary_get_units (void)
{
  return units;
}

/**
 * tally_dictionary_split_join_keys:
 * @join_keys: keys separated by commas
 *
 * Returns: (transfer full): the keys, trimmed, without empty ones
 */
GStrv
tally_dictionary_split_join_keys (const char *join_keys)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (join_keys != NULL ? join_keys : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Reading ---------------------------------------------------------------- */

static TallyKpi *
kpi_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (TALLY_TYPE_KPI,
                       "id", _tally_store_column_text (stmt, 0),
                       "name", _tally_store_column_text (stmt, 1),
                       "definition", _tally_store_column_text (stmt, 2),
                       "formula", _tally_store_column_text (stmt, 3),
                       "source", _tally_store_column_text (stmt, 4),
                       "source-note", _tally_store_column_text (stmt, 5),
                       "grain", _tally_store_column_text (stmt, 6),
                       "join-keys", _tally_store_column_text (stmt, 7),
                       "unit", _tally_store_column_text (stmt, 8),
                       "core", sqlite3_column_int (stmt, 9) != 0,
                       NULL);
}

/**
 * tally_dictionary_list:
 * @project: a project
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full) (element-type TallyKpi): the KPIs in dictionary order
 */
GPtrArray *
tally_dictionary_list (TallyProject  *project,
                       GError       **error)
{
  g_autoptr(GPtrArray) kpis = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT " KPI_COLUMNS " FROM kpis ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (kpis, kpi_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project),
                              rc,
                              error);
      return NULL;
    }

  return g_steal_pointer (&kpis);
}

/**
 * tally_dictionary_lookup:
 * @project: a project
 * @id: a KPI id
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full) (nullable): the KPI, or %NULL with
 *   %TALLY_ERROR_NOT_FOUND when there is none with @id
 */
TallyKpi *
tally_dictionary_lookup (TallyProject  *project,
                         const char    *id,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT " KPI_COLUMNS " FROM kpis WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  _tally_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return kpi_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                 _("The dictionary of “%s” has no KPI “%s”; it may have been removed."),
                 tally_project_get_display_name (project), id);
  else
    _tally_store_set_error (_tally_project_get_store (project),
                            rc,
                            error);
  return NULL;
}

/* Validation ------------------------------------------------------------- */

static gboolean
is_one_of (const char         *value,
           const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static gboolean
check_text (const char  *what,
            const char  *value,
            glong        max_length,
            gboolean     required,
            GError     **error)
{
  glong length = g_utf8_strlen (value, -1);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The %s of a KPI must be valid text."), what);
      return FALSE;
    }

  if (required && length == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("A KPI needs a %s; type one in."), what);
      return FALSE;
    }

  if (length > max_length)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The %s of a KPI can have at most %ld characters; shorten it."), what, max_length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_fields (TallyKpi  *kpi,
              GError   **error)
{
  if (!check_text (_("name"), tally_kpi_get_name (kpi), MAX_NAME_LENGTH, TRUE, error) ||
      !check_text (_("definition"), tally_kpi_get_definition (kpi), MAX_TEXT_LENGTH, FALSE, error) ||
      !check_text (_("formula"), tally_kpi_get_formula (kpi), MAX_TEXT_LENGTH, TRUE, error) ||
      !check_text (_("source note"), tally_kpi_get_source_note (kpi), MAX_TEXT_LENGTH, FALSE, error) ||
      !check_text (_("grain"), tally_kpi_get_grain (kpi), MAX_NAME_LENGTH, FALSE, error) ||
      !check_text (_("join keys"), tally_kpi_get_join_keys (kpi), MAX_TEXT_LENGTH, FALSE, error))
    return FALSE;

  if (!is_one_of (tally_kpi_get_source (kpi), sources))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The source of “%s” must be meta, crm, analytics or derived, not “%s”."),
                   tally_kpi_get_name (kpi), tally_kpi_get_source (kpi));
      return FALSE;
    }

  if (!is_one_of (tally_kpi_get_unit (kpi), units))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The unit of “%s” must be money, count, ratio, share or days, not “%s”."),
                   tally_kpi_get_name (kpi), tally_kpi_get_unit (kpi));
      return FALSE;
    }

  return TRUE;
}

/* The formulas of the custom KPIs, by id, with @kpi's in place of the
 * stored one: what the dictionary would hold after the change. */
static GHashTable *
collect_formulas (GPtrArray *existing,
                  TallyKpi  *kpi)
{
  GHashTable *formulas = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < existing->len; i++)
    {
      TallyKpi *other = g_ptr_array_index (existing, i);

      g_hash_table_insert (formulas, (gpointer) tally_kpi_get_id (other),
                           tally_kpi_get_core (other) ? NULL : (gpointer) tally_kpi_get_formula (other));
    }
  g_hash_table_insert (formulas, (gpointer) tally_kpi_get_id (kpi), (gpointer) tally_kpi_get_formula (kpi));

  return formulas;
}

/* Depth-first search for a path from @id back to @target. The ids kept in
 * @visited are the keys of @formulas, which outlive the search. */
static gboolean
reaches (GHashTable *formulas,
         const char *id,
         const char *target,
         GHashTable *visited)
{
  g_auto(GStrv) names = NULL;
  const char *formula;

  if (!g_hash_table_add (visited, (gpointer) id))
    return FALSE;

  formula = g_hash_table_lookup (formulas, id);
  if (formula == NULL || !tally_formula_parse (formula, &names, NULL))
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      gpointer key;

      if (g_str_equal (names[i], target))
        return TRUE;
      if (g_hash_table_lookup_extended (formulas, names[i], &key, NULL) &&
          reaches (formulas, key, target, visited))
        return TRUE;
    }

  return FALSE;
}

/* A custom formula may name any KPI of the dictionary but itself, directly
 * or through other custom KPIs. */
static gboolean
check_custom_formula (GPtrArray  *existing,
                      TallyKpi   *kpi,
                      GError    **error)
{
  g_autoptr(GHashTable) formulas = NULL;
  g_autoptr(GHashTable) visited = NULL;
  g_auto(GStrv) names = NULL;
  const char *id = tally_kpi_get_id (kpi);

  if (!tally_formula_parse (tally_kpi_get_formula (kpi), &names, error))
    return FALSE;

  formulas = collect_formulas (existing, kpi);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_hash_table_contains (formulas, names[i]))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("The formula of “%s” names “%s”, which is not a KPI of this dictionary; use ids listed in the dictionary, such as spend or new_customers."),
                       tally_kpi_get_name (kpi), names[i]);
          return FALSE;
        }
    }

  visited = g_hash_table_new (g_str_hash, g_str_equal);
  if (reaches (formulas, id, id, visited))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The formula of “%s” depends on itself; a KPI cannot be computed from its own value."),
                   tally_kpi_get_name (kpi));
      return FALSE;
    }

  return TRUE;
}

/* Writing ---------------------------------------------------------------- */

static gboolean
bind_and_step (TallyProject  *project,
               const char    *sql,
               TallyKpi      *kpi,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               sql,
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, tally_kpi_get_id (kpi));
  _tally_store_bind_text (stmt, 2, tally_kpi_get_name (kpi));
  _tally_store_bind_text (stmt, 3, tally_kpi_get_definition (kpi));
  _tally_store_bind_text (stmt, 4, tally_kpi_get_formula (kpi));
  _tally_store_bind_text (stmt, 5, tally_kpi_get_source (kpi));
  _tally_store_bind_text (stmt, 6, tally_kpi_get_source_note (kpi));
  _tally_store_bind_text (stmt, 7, tally_kpi_get_grain (kpi));
  _tally_store_bind_text (stmt, 8, tally_kpi_get_join_keys (kpi));
  _tally_store_bind_text (stmt, 9, tally_kpi_get_unit (kpi));
  sqlite3_bind_int (stmt, 10, tally_kpi_get_core (kpi) ? 1 : 0);

  return _tally_store_step_done (_tally_project_get_store (project), stmt, error);
}

/* Runs @sql, whose parameters are @kpi's fields in KPI_COLUMNS order, in
 * its own transaction, and tells listeners. */
static gboolean
write_kpi (TallyProject  *project,
           const char    *sql,
           TallyKpi      *kpi,
           GError       **error)
{
  if (!_tally_project_begin (project, error))
    return FALSE;

  if (!bind_and_step (project, sql, kpi, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  if (!_tally_project_commit (project, error))
    return FALSE;

  _tally_project_emit_dictionary_changed (project);
  return TRUE;
}

static gboolean
delete_kpi (TallyProject  *project,
            const char    *id,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_tally_project_begin (project, error))
    return FALSE;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "DELETE FROM kpis WHERE id = ?1 AND core = 0",
                               error);
  if (stmt == NULL)
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  _tally_store_bind_text (stmt, 1, id);
  if (!_tally_store_step_done (_tally_project_get_store (project), stmt, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  if (!_tally_project_commit (project, error))
    return FALSE;

  _tally_project_emit_dictionary_changed (project);
  return TRUE;
}

/* Makes an id such as "mql_rate" from a name such as "MQL rate", unique
 * among @existing. */
static char *
make_id (GPtrArray  *existing,
         const char *name)
{
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  char *candidate;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '_')
        g_string_append_c (slug, '_');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '_')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0 || !g_ascii_isalpha (slug->str[0]))
    g_string_prepend (slug, "kpi_");
  if (slug->len > 60)
    g_string_truncate (slug, 60);

  for (guint i = 0; i < existing->len; i++)
    g_hash_table_add (taken, (gpointer) tally_kpi_get_id (g_ptr_array_index (existing, i)));

  candidate = g_strdup (slug->str);
  for (guint n = 2; g_hash_table_contains (taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", slug->str, n);
    }

  return candidate;
}

static gboolean
is_valid_id (const char *id)
{
  if (!g_ascii_isalpha (id[0]))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return strlen (id) <= 64;
}

static TallyKpi *
find (GPtrArray  *kpis,
      const char *id)
{
  for (guint i = 0; i < kpis->len; i++)
    if (g_str_equal (tally_kpi_get_id (g_ptr_array_index (kpis, i)), id))
      return g_ptr_array_index (kpis, i);

  return NULL;
}

/**
 * tally_dictionary_add:
 * @project: a project
 * @kpi: a custom KPI; its id is made from its name when empty
 * @error: return location for a #TallyError
 *
 * Adds a custom KPI at the end of the dictionary.
 */
gboolean
tally_dictionary_add (TallyProject  *project,
                      TallyKpi      *kpi,
                      GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  const char *id;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (TALLY_IS_KPI (kpi), FALSE);

  if (tally_kpi_get_core (kpi))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("Core KPIs come with every project and cannot be added; add “%s” as a custom KPI."),
                   tally_kpi_get_name (kpi));
      return FALSE;
    }

  existing = tally_dictionary_list (project, error);
  if (existing == NULL || !check_fields (kpi, error))
    return FALSE;

  id = tally_kpi_get_id (kpi);
  if (id[0] == '\0')
    {
      g_autofree char *made = make_id (existing, tally_kpi_get_name (kpi));

      tally_kpi_set_id (kpi, made);
    }
  else if (!is_valid_id (id))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The id “%s” must start with a letter and use only lower-case letters, digits and “_”."), id);
      return FALSE;
    }
  else if (find (existing, id) != NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The dictionary already has a KPI with the id “%s”; choose another id."), id);
      return FALSE;
    }

  if (!check_custom_formula (existing, kpi, error))
    return FALSE;

  return write_kpi (project,
                    "INSERT INTO kpis (" KPI_COLUMNS ", position) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                    "        (SELECT coalesce(max(position), 0) + 1 FROM kpis))",
                    kpi, error);
}

/* A core KPI's id, formula, source and unit are what Tally computes. */
static gboolean
check_core_unchanged (TallyKpi  *stored,
                      TallyKpi  *kpi,
                      GError   **error)
{
  const char *what = NULL;

  if (!tally_kpi_get_core (kpi))
    what = _("kind");
  else if (!g_str_equal (tally_kpi_get_formula (stored), tally_kpi_get_formula (kpi)))
    what = _("formula");
  else if (!g_str_equal (tally_kpi_get_source (stored), tally_kpi_get_source (kpi)))
    what = _("source of truth");
  else if (!g_str_equal (tally_kpi_get_unit (stored), tally_kpi_get_unit (kpi)))
    what = _("unit");

  if (what == NULL)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("The %s of the core KPI “%s” is what Tally computes and cannot be changed; its name, definition, source note, grain and join keys can, or add a custom KPI with your own formula."),
               what, tally_kpi_get_name (stored));
  return FALSE;
}

/**
 * tally_dictionary_update:
 * @project: a project
 * @kpi: the edited KPI; its id says which one
 * @error: return location for a #TallyError
 *
 * Saves an edited KPI. A core KPI keeps its formula, source and unit.
 */
gboolean
tally_dictionary_update (TallyProject  *project,
                         TallyKpi      *kpi,
                         GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  TallyKpi *stored;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (TALLY_IS_KPI (kpi), FALSE);

  existing = tally_dictionary_list (project, error);
  if (existing == NULL)
    return FALSE;

  stored = find (existing, tally_kpi_get_id (kpi));
  if (stored == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("The dictionary of “%s” has no KPI “%s”; it may have been removed."),
                   tally_project_get_display_name (project), tally_kpi_get_id (kpi));
      return FALSE;
    }

  if (!check_fields (kpi, error))
    return FALSE;

  if (tally_kpi_get_core (stored))
    {
      if (!check_core_unchanged (stored, kpi, error))
        return FALSE;
    }
  else if (tally_kpi_get_core (kpi))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is a custom KPI and cannot become a core KPI."), tally_kpi_get_name (stored));
      return FALSE;
    }
  else if (!check_custom_formula (existing, kpi, error))
    return FALSE;

  return write_kpi (project,
                    "UPDATE kpis SET name = ?2, definition = ?3, formula = ?4, source = ?5, "
                    "source_note = ?6, grain = ?7, join_keys = ?8, unit = ?9, core = ?10 WHERE id = ?1",
                    kpi, error);
}

/**
 * tally_dictionary_remove:
 * @project: a project
 * @id: the id of a custom KPI
 * @error: return location for a #TallyError
 *
 * Removes a custom KPI that no other custom KPI's formula names.
 */
gboolean
tally_dictionary_remove (TallyProject  *project,
                         const char    *id,
                         GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  TallyKpi *stored;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  existing = tally_dictionary_list (project, error);
  if (existing == NULL)
    return FALSE;

  stored = find (existing, id);
  if (stored == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("The dictionary of “%s” has no KPI “%s”; it may have been removed."),
                   tally_project_get_display_name (project), id);
      return FALSE;
    }

  if (tally_kpi_get_core (stored))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is a core KPI and cannot be removed; you can edit its wording instead."),
                   tally_kpi_get_name (stored));
      return FALSE;
    }

  for (guint i = 0; i < existing->len; i++)
    {
      TallyKpi *other = g_ptr_array_index (existing, i);
      g_auto(GStrv) names = NULL;

      if (tally_kpi_get_core (other) || other == stored ||
          !tally_formula_parse (tally_kpi_get_formula (other), &names, NULL))
        continue;

      if (g_strv_contains ((const char * const *) names, id))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("“%s” is used in the formula of “%s”; change that formula first."),
                       tally_kpi_get_name (stored), tally_kpi_get_name (other));
          return FALSE;
        }
    }

  return delete_kpi (project, id, error);
}

/* JSON ------------------------------------------------------------------- */

/**
 * tally_dictionary_to_json:
 * @kpis: (element-type TallyKpi): KPIs
 *
 * Returns: (transfer full): the array `tally-cli dictionary --json` prints
 */
JsonNode *
tally_dictionary_to_json (GPtrArray *kpis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < kpis->len; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (kpis, i);
      g_auto(GStrv) keys = tally_dictionary_split_join_keys (tally_kpi_get_join_keys (kpi));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, tally_kpi_get_id (kpi));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, tally_kpi_get_name (kpi));
      json_builder_set_member_name (builder, "definition");
      json_builder_add_string_value (builder, tally_kpi_get_definition (kpi));
      json_builder_set_member_name (builder, "formula");
      json_builder_add_string_value (builder, tally_kpi_get_formula (kpi));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, tally_kpi_get_source (kpi));
      json_builder_set_member_name (builder, "source_note");
      json_builder_add_string_value (builder, tally_kpi_get_source_note (kpi));
      json_builder_set_member_name (builder, "grain");
      json_builder_add_string_value (builder, tally_kpi_get_grain (kpi));
      json_builder_set_member_name (builder, "join_keys");
      json_builder_begin_array (builder);
      for (guint k = 0; keys[k] != NULL; k++)
        json_builder_add_string_value (builder, keys[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, tally_kpi_get_unit (kpi));
      json_builder_set_member_name (builder, "core");
      json_builder_add_boolean_value (builder, tally_kpi_get_core (kpi));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}
