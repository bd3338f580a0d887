/* tally-project.c: the .tally project file
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-project"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tally-dictionary-private.h"
#include "tally-error.h"
#include "tally-project-file.h"
#include "tally-project-private.h"
#include "tally-settings.h"
#include "tally-zone.h"

struct _TallyProject
{
  GObject   parent_instance;

  char       *path;
  TallyStore *store;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (TallyProject, tally_project, G_TYPE_OBJECT)

enum {
  SETTING_CHANGED,
  DICTIONARY_CHANGED,
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tally_project_finalize (GObject *object)
{
  TallyProject *self = (TallyProject *) object;

  g_clear_pointer (&self->store, _tally_store_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tally_project_parent_class)->finalize (object);
}

static void
tally_project_class_init (TallyProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_project_finalize;

  /**
   * TallyProject::setting-changed:
   * @key: the key that changed
   *
   * Emitted, detailed by the key, after a setting was saved.
   */
  signals[SETTING_CHANGED] =
    g_signal_new ("setting-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TallyProject::dictionary-changed:
   *
   * Emitted after a KPI was added, edited or removed.
   */
  signals[DICTIONARY_CHANGED] =
    g_signal_new ("dictionary-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * TallyProject::data-changed:
   *
   * Emitted after a batch was imported or undone through this project, or
   * when tally_project_notify_data_changed() says another connection to
   * the same file changed it.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/**
 * tally_project_notify_data_changed:
 * @self: a project
 *
 * Tells whoever shows @self's numbers that its imported data changed,
 * as when a worker thread imported into the same file.
 */
void
tally_project_notify_data_changed (TallyProject *self)
{
  g_return_if_fail (TALLY_IS_PROJECT (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0);
}

static void
tally_project_init (TallyProject *self)
{
}

static TallyProject *
open_project (const char  *path,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(TallyProject) self = g_object_new (TALLY_TYPE_PROJECT, NULL);

  self->path = g_strdup (path);
  self->store = _tally_project_file_open (path, display_name, &self->read_only, error);
  if (self->store == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tally_project_open:
 * @path: the project file
 * @error: return location for a #TallyError
 *
 * Opens a project, migrating it forward when an older Tally made it.
 * Files that are not projects, projects from a newer Tally and projects
 * that another program is writing are refused and left untouched.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
TallyProject *
tally_project_open (const char  *path,
                    GError     **error)
{
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  return open_project (path, display_name, error);
}

/* The client's name defaults to the file name without its extension. */
static char *
default_name (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

/* Every setting with a default is written at creation, so a project keeps
 * the rules it was made with even if a later Tally changes a default. */
static GHashTable *
initial_settings (const char          *path,
                  const char * const  *overrides,
                  const char          *display_name,
                  GError             **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const TallySettingSpec *specs;
  guint n_specs;

  specs = tally_settings_get_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    if (specs[i].default_value != NULL)
      g_hash_table_insert (values, g_strdup (specs[i].key), g_strdup (specs[i].default_value));

  g_hash_table_insert (values, g_strdup ("name"), default_name (path));
  g_hash_table_insert (values, g_strdup ("timezone"), tally_timezone_get_system ());

  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i += 2)
    {
      g_autofree char *value = NULL;

      if (overrides[i + 1] == NULL)
        {
          g_critical ("Settings for %s come in key, value pairs", display_name);
          break;
        }

      value = tally_settings_normalize (overrides[i], overrides[i + 1], error);
      if (value == NULL)
        return NULL;

      if (value[0] == '\0')
        g_hash_table_remove (values, overrides[i]);
      else
        g_hash_table_insert (values, g_strdup (overrides[i]), g_steal_pointer (&value));
    }

  return g_steal_pointer (&values);
}

/**
 * tally_project_create:
 * @path: where the new project goes; it must not exist
 * @settings: (nullable) (array zero-terminated=1): key, value, key, value…
 *   settings that replace the defaults
 * @error: return location for a #TallyError
 *
 * Creates a project with every setting at its default (the client's name
 * from the file name, the system's timezone), the given settings, and the
 * KPI dictionary of SPEC section 6. The file appears complete or not at all.
 *
 * Returns: (transfer full): the open project, or %NULL with @error set
 */
TallyProject *
tally_project_create (const char          *path,
                      const char * const  *settings,
                      GError             **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_EXISTS,
                   _("“%s” already exists; choose another file name, or open the existing project."),
                   display_name);
      return NULL;
    }

  values = initial_settings (path, settings, display_name, error);
  if (values == NULL)
    return NULL;

  if (!_tally_project_file_create (path, values, error))
    return NULL;

  return open_project (path, display_name, error);
}

/* Accessors -------------------------------------------------------------- */

const char *
tally_project_get_path (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), NULL);

  return self->path;
}

/**
 * tally_project_get_display_name:
 *
 * Returns: the file's name as people see it, for messages
 */
const char *
tally_project_get_display_name (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), NULL);

  return _tally_store_get_display_name (self->store);
}

gboolean
tally_project_is_read_only (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), TRUE);

  return self->read_only;
}

/* An open project has always been migrated to the version this build
 * writes. */
guint
tally_project_get_schema_version (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), 0);

  return tally_project_get_current_schema_version ();
}

TallyStore *
_tally_project_get_store (TallyProject *self)
{
  g_assert (TALLY_IS_PROJECT (self));

  return self->store;
}

gboolean
_tally_project_check_writable (TallyProject  *self,
                               GError       **error)
{
  if (!self->read_only)
    return TRUE;

  _tally_store_set_error (self->store, SQLITE_READONLY, error);
  return FALSE;
}

/* Transactions ----------------------------------------------------------- */

/* Transactions nest: the outermost is a real one, taking the write lock;
 * the others are savepoints inside it, so that an import wizard can bring
 * in several files as one change, or none of them. */
gboolean
_tally_project_begin (TallyProject  *self,
                      GError       **error)
{
  return _tally_project_check_writable (self, error) && _tally_store_begin (self->store, error);
}

gboolean
_tally_project_commit (TallyProject  *self,
                       GError       **error)
{
  return _tally_store_commit (self->store, error);
}

void
_tally_project_rollback (TallyProject *self)
{
  _tally_store_rollback (self->store);
}

/**
 * tally_project_begin_changes:
 * @self: a writable project
 * @error: return location for a #TallyError
 *
 * Starts a change that ends with tally_project_commit_changes() or
 * tally_project_discard_changes(): imports and undos made in between are
 * saved together, or not at all.
 */
gboolean
tally_project_begin_changes (TallyProject  *self,
                             GError       **error)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), FALSE);

  return _tally_project_begin (self, error);
}

gboolean
tally_project_commit_changes (TallyProject  *self,
                              GError       **error)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (_tally_store_get_depth (self->store) > 0, FALSE);

  return _tally_project_commit (self, error);
}

void
tally_project_discard_changes (TallyProject *self)
{
  g_return_if_fail (TALLY_IS_PROJECT (self));

  if (_tally_store_get_depth (self->store) > 0)
    _tally_project_rollback (self);
}

void
_tally_project_emit_dictionary_changed (TallyProject *self)
{
  g_signal_emit (self, signals[DICTIONARY_CHANGED], 0);
}

/* Settings --------------------------------------------------------------- */

/**
 * tally_project_get_setting:
 * @self: a project
 * @key: a setting key
 *
 * Returns: (transfer full) (nullable): the stored value, or %NULL when the
 *   key is unset or unknown
 */
char *
tally_project_get_setting (TallyProject *self,
                           const char   *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _tally_store_prepare (self->store,
                               "SELECT value FROM settings WHERE key = ?1",
                               NULL);
  if (stmt == NULL)
    return NULL;

  _tally_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_tally_store_column_text (stmt, 0));
}

/**
 * tally_project_get_effective_setting:
 * @self: a project
 * @key: a setting key
 *
 * Like tally_project_get_setting(), but an unset key that follows another
 * (`crm_timezone` follows `timezone`) answers with the other's value.
 *
 * Returns: (transfer full) (nullable): the value in force
 */
char *
tally_project_get_effective_setting (TallyProject *self,
                                     const char   *key)
{
  const TallySettingSpec *spec;
  char *value;

  g_return_val_if_fail (TALLY_IS_PROJECT (self), NULL);

  value = tally_project_get_setting (self, key);
  if (value != NULL)
    return value;

  spec = tally_settings_lookup (key);
  if (spec != NULL && spec->follows != NULL)
    return tally_project_get_effective_setting (self, spec->follows);

  return NULL;
}

/**
 * _tally_project_write_setting:
 * @self: a project, inside the caller's transaction
 * @key: a setting key
 * @normalized: its value as tally_settings_normalize() made it; "" unsets it
 * @error: return location for a #TallyError
 *
 * Writes the value only; tally_setting_save() is the change a person makes.
 */
gboolean
_tally_project_write_setting (TallyProject  *self,
                              const char    *key,
                              const char    *normalized,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (normalized[0] == '\0')
    stmt = _tally_store_prepare (self->store, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = _tally_store_prepare (self->store,
                                 "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, key);
  if (normalized[0] != '\0')
    _tally_store_bind_text (stmt, 2, normalized);

  return _tally_store_step_done (self->store, stmt, error);
}

void
_tally_project_emit_setting_changed (TallyProject *self,
                                     const char   *key)
{
  g_signal_emit (self, signals[SETTING_CHANGED], g_quark_from_string (key), key);
}

/**
 * tally_project_list_setting_keys:
 * @self: a project
 *
 * Returns: (transfer full): every key of SPEC section 3 in its order, with
 *   the `fx_fixed.` family replaced by the fixed rates this project has
 */
GStrv
tally_project_list_setting_keys (TallyProject *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const TallySettingSpec *specs;
  guint n_specs;

  g_return_val_if_fail (TALLY_IS_PROJECT (self), NULL);

  specs = tally_settings_get_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      if (!g_str_equal (specs[i].key, TALLY_SETTING_FX_FIXED_PREFIX))
        {
          g_strv_builder_add (builder, specs[i].key);
          continue;
        }

      stmt = _tally_store_prepare (self->store,
                                   "SELECT key FROM settings WHERE key LIKE 'fx\\_fixed.%' ESCAPE '\\' ORDER BY key",
                                   NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, _tally_store_column_text (stmt, 0));
    }

  return g_strv_builder_end (builder);
}

/**
 * _tally_project_bump_data_version:
 *
 * Counts a change of the imported data, inside the caller's transaction,
 * so that what was computed from the data before is known to be stale.
 */
gboolean
_tally_project_bump_data_version (TallyProject  *self,
                                  GError       **error)
{
  return _tally_store_exec (self->store,
                            "INSERT INTO project_info (key, value) VALUES ('data_version', '1') "
                            "ON CONFLICT (key) DO UPDATE SET value = CAST (value AS INTEGER) + 1",
                            error);
}
