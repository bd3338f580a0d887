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

#include "tally-db.h"
#include "tally-dictionary-private.h"
#include "tally-engine.h"
#include "tally-error.h"
#include "tally-freeze-private.h"
#include "tally-project-private.h"
#include "tally-settings.h"
#include "tally-timezone.h"

#define SCHEMA_RESOURCE_DIR RESOURCE_PREFIX "/schema/"
#define SQLITE_HEADER_SIZE 100
#define BUSY_TIMEOUT_MS 1500

struct _TallyProject
{
  GObject   parent_instance;

  char     *path;
  char     *display_name;
  sqlite3  *db;
  guint     schema_version;
  gboolean  read_only;
  guint     depth;          /* transactions begun and not yet ended */
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

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

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

/* Schema migrations ------------------------------------------------------ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The migration scripts, "0001-….sql", "0002-….sql", in order: script i
 * takes a project from version i to version i + 1. */
static GPtrArray *
list_migrations (void)
{
  static GPtrArray *migrations;

  if (g_once_init_enter (&migrations))
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR,
                                                            G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                            &error);
      GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

      if (names == NULL)
        g_error ("The bundled schema is missing: %s", error->message);

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_has_suffix (names[i], ".sql"))
          g_ptr_array_add (list, g_strdup (names[i]));
      g_ptr_array_sort (list, compare_strings);

      for (guint i = 0; i < list->len; i++)
        {
          guint64 number = g_ascii_strtoull (g_ptr_array_index (list, i), NULL, 10);

          if (number != i + 1)
            g_error ("Schema migration %s is out of sequence", (char *) g_ptr_array_index (list, i));
        }

      g_once_init_leave (&migrations, list);
    }

  return migrations;
}

/**
 * tally_project_get_current_schema_version:
 *
 * Returns: the schema version this build writes; files with a higher
 *   `user_version` are refused
 */
guint
tally_project_get_current_schema_version (void)
{
  return list_migrations ()->len;
}

/* Runs every migration after @from inside the caller's transaction. */
static gboolean
migrate (sqlite3     *db,
         guint        from,
         const char  *display_name,
         GError     **error)
{
  GPtrArray *migrations = list_migrations ();
  g_autofree char *pragma = NULL;

  for (guint i = from; i < migrations->len; i++)
    {
      g_autofree char *path = g_strconcat (SCHEMA_RESOURCE_DIR, g_ptr_array_index (migrations, i), NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *sql = NULL;

      g_assert (bytes != NULL);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_debug ("Migrating %s to schema version %u", display_name, i + 1);
      if (!_tally_db_exec (db, sql, display_name, error))
        return FALSE;
    }

  /* PRAGMA takes no parameters; the version is our own integer. */
  pragma = g_strdup_printf ("PRAGMA user_version = %u", migrations->len);
  return _tally_db_exec (db, pragma, display_name, error);
}

/* Opening ---------------------------------------------------------------- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_not_project_error (GError     **error,
                       const char  *display_name)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_PROJECT,
               _("“%s” is not a Tally project; open a .tally file made by Tally, or create one with “tally-cli new”."),
               display_name);
}

static void
set_newer_error (GError     **error,
                 const char  *display_name,
                 guint        version)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION,
               _("“%s” was saved by a newer version of Tally (project format %u; this version reads up to %u); update Tally to open it."),
               display_name, version, tally_project_get_current_schema_version ());
}

/* Looks at the file's first bytes before SQLite touches it, so that a file
 * that is not ours, or is newer than us, is refused without any chance of
 * being changed (no journal, no recovery, no migration). */
static gboolean
check_header (const char  *path,
              const char  *display_name,
              GError     **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  gsize n_read;
  FILE *file;
  int saved_errno;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                     _("“%s” does not exist; check the file name, or create a project with “tally-cli new”."),
                     display_name);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                     _("“%s” could not be opened (%s); check that you are allowed to read it."),
                     display_name, g_strerror (saved_errno));
      return FALSE;
    }

  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_not_project_error (error, display_name);
      return FALSE;
    }

  if (read_be32 (header + 68) != TALLY_PROJECT_APPLICATION_ID)
    {
      set_not_project_error (error, display_name);
      return FALSE;
    }

  if (read_be32 (header + 60) > tally_project_get_current_schema_version ())
    {
      set_newer_error (error, display_name, read_be32 (header + 60));
      return FALSE;
    }

  return TRUE;
}

/* A project file is shared between people: treat its schema as untrusted. */
static gboolean
configure_connection (sqlite3     *db,
                      const char  *display_name,
                      GError     **error)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);

  return _tally_db_exec (db,
                         "PRAGMA trusted_schema = OFF;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA cell_size_check = ON;",
                         display_name, error);
}

/* SQLite's memory statistics take a global lock on every allocation;
 * Tally never reads them. This must come before SQLite starts. */
static void
configure_sqlite_once (void)
{
  static gsize configured;

  if (g_once_init_enter (&configured))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was started before Tally could configure it");
      g_once_init_leave (&configured, 1);
    }
}

static sqlite3 *
open_connection (const char  *path,
                 const char  *display_name,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  configure_sqlite_once ();

  /* Each connection is used by one thread at a time; SQLite need not lock
   * around every call. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _tally_db_set_error (error, db, rc, display_name);
      sqlite3_close (db);
      return NULL;
    }

  if (!configure_connection (db, display_name, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static gboolean
query_uint (sqlite3     *db,
            const char  *sql,
            const char  *display_name,
            guint32     *out,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_db_prepare (db, sql, display_name, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tally_db_set_error (error, db, rc, display_name);
      return FALSE;
    }

  *out = (guint32) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Within a write transaction, so that no other program can be half-way
 * through changing the file while we read its identity and migrate it. */
static gboolean
check_and_migrate (TallyProject  *self,
                   GError       **error)
{
  guint32 application_id = 0;
  guint32 version = 0;

  if (!query_uint (self->db, "PRAGMA application_id", self->display_name, &application_id, error) ||
      !query_uint (self->db, "PRAGMA user_version", self->display_name, &version, error))
    return FALSE;

  if (application_id != TALLY_PROJECT_APPLICATION_ID || version == 0)
    {
      set_not_project_error (error, self->display_name);
      return FALSE;
    }

  if (version > tally_project_get_current_schema_version ())
    {
      set_newer_error (error, self->display_name, version);
      return FALSE;
    }

  if (version < tally_project_get_current_schema_version ())
    {
      if (self->read_only)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                       _("“%s” was made by an older version of Tally and must be updated, but it is read-only; copy it to a folder you can write to and open the copy."),
                       self->display_name);
          return FALSE;
        }
      if (!migrate (self->db, version, self->display_name, error))
        return FALSE;
    }

  self->schema_version = tally_project_get_current_schema_version ();
  return TRUE;
}

static TallyProject *
open_project (const char  *path,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(TallyProject) self = NULL;

  if (!check_header (path, display_name, error))
    return NULL;

  self = g_object_new (TALLY_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  self->display_name = g_strdup (display_name);
  self->db = open_connection (path, display_name, error);
  if (self->db == NULL)
    return NULL;

  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;

  /* BEGIN IMMEDIATE takes the write lock: it fails, after the busy timeout,
   * when another program is writing the project. Taking it changes nothing
   * in the file. */
  if (!self->read_only)
    {
      if (!_tally_project_begin (self, error))
        return NULL;
    }
  else if (!_tally_db_exec (self->db, "BEGIN", display_name, error))
    return NULL;

  if (!check_and_migrate (self, error))
    {
      _tally_project_rollback (self);
      return NULL;
    }

  if (!_tally_project_commit (self, error))
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

/* Creating --------------------------------------------------------------- */

static gboolean
write_setting (sqlite3     *db,
               const char  *key,
               const char  *value,
               const char  *display_name,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_db_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                            display_name, error);
  if (stmt == NULL)
    return FALSE;

  _tally_db_bind_text (stmt, 1, key);
  _tally_db_bind_text (stmt, 2, value);
  return _tally_db_step_done (stmt, display_name, error);
}

static gboolean
write_project_info (sqlite3     *db,
                    const char  *display_name,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = g_date_time_format_iso8601 (now);
  const char *rows[][2] = {
    { "created_at", created_at },
    { "created_by", "Tally " PACKAGE_VERSION },
  };

  stmt = _tally_db_prepare (db, "INSERT INTO project_info (key, value) VALUES (?1, ?2)",
                            display_name, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sqlite3_reset (stmt);
      _tally_db_bind_text (stmt, 1, rows[i][0]);
      _tally_db_bind_text (stmt, 2, rows[i][1]);
      if (!_tally_db_step_done (stmt, display_name, error))
        return FALSE;
    }

  return TRUE;
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

static gboolean
build_new_file (const char   *tmp_path,
                GHashTable   *settings,
                const char   *display_name,
                GError      **error)
{
  g_autofree char *pragma = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;
  gboolean ok = FALSE;

  db = open_connection (tmp_path, display_name, error);
  if (db == NULL)
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA application_id = %u", TALLY_PROJECT_APPLICATION_ID);
  if (!_tally_db_exec (db, pragma, display_name, error) ||
      !_tally_db_exec (db, "BEGIN IMMEDIATE", display_name, error))
    goto out;

  if (!migrate (db, 0, display_name, error) ||
      !write_project_info (db, display_name, error) ||
      !_tally_dictionary_seed (db, display_name, error))
    goto rollback;

  g_hash_table_iter_init (&iter, settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!write_setting (db, key, value, display_name, error))
      goto rollback;

  ok = _tally_db_exec (db, "COMMIT", display_name, error);
  goto out;

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
out:
  if (sqlite3_close (db) != SQLITE_OK && ok)
    {
      _tally_db_set_error (error, NULL, SQLITE_IOERR, display_name);
      ok = FALSE;
    }
  return ok;
}

/* Puts the finished file in place without ever replacing an existing one. */
static gboolean
publish_file (const char  *tmp_path,
              const char  *path,
              const char  *display_name,
              GError     **error)
{
  int saved_errno;

  if (link (tmp_path, path) == 0)
    {
      g_unlink (tmp_path);
      return TRUE;
    }

  saved_errno = errno;
  if (saved_errno == EEXIST)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_EXISTS,
                   _("“%s” already exists; choose another file name, or open the existing project."),
                   display_name);
      return FALSE;
    }

  /* Some file systems have no hard links; a rename is the next best. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp_path, path) == 0)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
               _("“%s” could not be created (%s); check that you can write to its folder."),
               display_name, g_strerror (saved_errno));
  return FALSE;
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
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

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

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” could not be created (%s); check that the folder exists and that you can write to it."),
                   display_name, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  if (!build_new_file (tmp_path, values, display_name, error) ||
      !publish_file (tmp_path, path, display_name, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }

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

  return self->display_name;
}

gboolean
tally_project_is_read_only (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), TRUE);

  return self->read_only;
}

guint
tally_project_get_schema_version (TallyProject *self)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (self), 0);

  return self->schema_version;
}

sqlite3 *
_tally_project_get_db (TallyProject *self)
{
  g_assert (TALLY_IS_PROJECT (self));

  return self->db;
}

gboolean
_tally_project_check_writable (TallyProject  *self,
                               GError       **error)
{
  if (!self->read_only)
    return TRUE;

  _tally_db_set_error (error, NULL, SQLITE_READONLY, self->display_name);
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
  if (!_tally_project_check_writable (self, error) ||
      !_tally_db_exec (self->db, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT tally_nested",
                       self->display_name, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
_tally_project_commit (TallyProject  *self,
                       GError       **error)
{
  if (self->depth > 1)
    {
      if (_tally_db_exec (self->db, "RELEASE tally_nested", self->display_name, error))
        {
          self->depth--;
          return TRUE;
        }
      _tally_project_rollback (self);
      return FALSE;
    }

  if (_tally_db_exec (self->db, "COMMIT", self->display_name, error))
    {
      self->depth = 0;
      return TRUE;
    }

  _tally_project_rollback (self);
  return FALSE;
}

void
_tally_project_rollback (TallyProject *self)
{
  if (self->depth > 1)
    {
      sqlite3_exec (self->db, "ROLLBACK TO tally_nested; RELEASE tally_nested", NULL, NULL, NULL);
      self->depth--;
      return;
    }

  self->depth = 0;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
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
  g_return_val_if_fail (self->depth > 0, FALSE);

  return _tally_project_commit (self, error);
}

void
tally_project_discard_changes (TallyProject *self)
{
  g_return_if_fail (TALLY_IS_PROJECT (self));

  if (self->depth > 0)
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

  stmt = _tally_db_prepare (self->db, "SELECT value FROM settings WHERE key = ?1",
                            self->display_name, NULL);
  if (stmt == NULL)
    return NULL;

  _tally_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_tally_db_column_text (stmt, 0));
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
 * tally_project_set_setting:
 * @self: a project
 * @key: a setting key
 * @value: (nullable): the new value; %NULL or "" unsets an optional key
 * @error: return location for a #TallyError
 *
 * Validates and saves a setting. A refused value leaves the project as it
 * was, and @error says which setting and what it allows.
 */
gboolean
tally_project_set_setting (TallyProject  *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = tally_settings_normalize (key, value, &local_error);
  if (normalized == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", self->display_name);
      return FALSE;
    }

  old = tally_project_get_setting (self, key);
  if (g_strcmp0 (old, normalized[0] != '\0' ? normalized : NULL) == 0)
    return TRUE;

  if (!_tally_project_begin (self, error))
    return FALSE;

  if (normalized[0] == '\0')
    stmt = _tally_db_prepare (self->db, "DELETE FROM settings WHERE key = ?1", self->display_name, error);
  else
    stmt = _tally_db_prepare (self->db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                              self->display_name, error);
  if (stmt == NULL)
    {
      _tally_project_rollback (self);
      return FALSE;
    }

  _tally_db_bind_text (stmt, 1, key);
  if (normalized[0] != '\0')
    _tally_db_bind_text (stmt, 2, normalized);

  if (!_tally_db_step_done (stmt, self->display_name, error))
    {
      _tally_project_rollback (self);
      return FALSE;
    }

  /* A rule that moves numbers between days restates the frozen days it
   * changes, logged with its name, in the same transaction. */
  if (tally_rules_is_rule_key (key))
    {
      g_autofree char *why = g_strdup_printf (_("settings changed: %s"), key);

      if (!_tally_freeze_restate_changed (self, why, error))
        {
          _tally_project_rollback (self);
          return FALSE;
        }
    }

  if (!_tally_project_commit (self, error))
    return FALSE;

  g_signal_emit (self, signals[SETTING_CHANGED], g_quark_from_string (key), key);
  return TRUE;
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

      stmt = _tally_db_prepare (self->db,
                                "SELECT key FROM settings WHERE key LIKE 'fx\\_fixed.%' ESCAPE '\\' ORDER BY key",
                                self->display_name, NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, _tally_db_column_text (stmt, 0));
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
  return _tally_db_exec (self->db,
                         "INSERT INTO project_info (key, value) VALUES ('data_version', '1') "
                         "ON CONFLICT (key) DO UPDATE SET value = CAST (value AS INTEGER) + 1",
                         self->display_name, error);
}
