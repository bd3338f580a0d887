/* tally-project-file.c: the .tally file itself: its header, its schema
 * migrations, its connection, and its atomic creation
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
#include "tally-project.h"

#define SCHEMA_RESOURCE_DIR RESOURCE_PREFIX "/schema/"
#define SQLITE_HEADER_SIZE 100
#define BUSY_TIMEOUT_MS 1500

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

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* tally_unhex_sha256 (X): a SHA-256 in lower-case hex as its 32 bytes;
 * anything else (NULL, other text) as it is. SQLite 3.40 has no unhex(). */
static void
unhex_sha256 (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  guint8 bytes[32];

  g_assert (argc == 1);
  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT || sqlite3_value_bytes (argv[0]) != 64)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }

  for (guint i = 0; i < 32; i++)
    {
      int high = hex_digit (text[2 * i]), low = hex_digit (text[2 * i + 1]);

      if (high < 0 || low < 0)
        {
          sqlite3_result_value (context, argv[0]);
          return;
        }
      bytes[i] = (guint8) (high << 4 | low);
    }
  sqlite3_result_blob (context, bytes, sizeof bytes, SQLITE_TRANSIENT);
}

/* The functions migrations call, on this connection while they run only:
 * a project's own schema can never name them. */
static void
register_migration_functions (TallyStore *store,
                              gboolean    on)
{
  sqlite3_create_function_v2 (_tally_store_get_db (store), "tally_unhex_sha256", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                              on ? unhex_sha256 : NULL, NULL, NULL, NULL);
}

/* Runs every migration after @from inside the caller's transaction. */
static gboolean
migrate (TallyStore  *store,
         guint        from,
         GError     **error)
{
  GPtrArray *migrations = list_migrations ();
  g_autofree char *pragma = NULL;
  gboolean ok = TRUE;

  register_migration_functions (store, TRUE);
  for (guint i = from; i < migrations->len; i++)
    {
      g_autofree char *path = g_strconcat (SCHEMA_RESOURCE_DIR, g_ptr_array_index (migrations, i), NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *sql = NULL;

      g_assert (bytes != NULL);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_debug ("Migrating %s to schema version %u", _tally_store_get_display_name (store), i + 1);
      if (!(ok = _tally_store_exec (store, sql, error)))
        break;
    }
  register_migration_functions (store, FALSE);
  if (!ok)
    return FALSE;

  /* PRAGMA takes no parameters; the version is our own integer. */
  pragma = g_strdup_printf ("PRAGMA user_version = %u", migrations->len);
  return _tally_store_exec (store, pragma, error);
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
configure_connection (TallyStore  *store,
                      GError     **error)
{
  sqlite3 *db = _tally_store_get_db (store);

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);

  return _tally_store_exec (store,
                            "PRAGMA trusted_schema = OFF;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA cell_size_check = ON;",
                            error);
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

static TallyStore *
open_connection (const char  *path,
                 const char  *display_name,
                 GError     **error)
{
  g_autoptr(TallyStore) store = NULL;
  sqlite3 *db = NULL;
  int rc;

  configure_sqlite_once ();

  /* Each connection is used by one thread at a time; SQLite need not lock
   * around every call. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  store = _tally_store_new (db, display_name);
  if (rc != SQLITE_OK)
    {
      _tally_store_set_error (store, rc, error);
      return NULL;
    }

  if (!configure_connection (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static gboolean
query_uint (TallyStore  *store,
            const char  *sql,
            guint32     *out,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tally_store_set_error (store, rc, error);
      return FALSE;
    }

  *out = (guint32) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Within a write transaction, so that no other program can be half-way
 * through changing the file while we read its identity and migrate it. */
static gboolean
check_and_migrate (TallyStore  *store,
                   gboolean     read_only,
                   gboolean    *migrated,
                   GError     **error)
{
  const char *display_name = _tally_store_get_display_name (store);
  guint32 application_id = 0;
  guint32 version = 0;

  if (!query_uint (store, "PRAGMA application_id", &application_id, error) ||
      !query_uint (store, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id != TALLY_PROJECT_APPLICATION_ID || version == 0)
    {
      set_not_project_error (error, display_name);
      return FALSE;
    }

  if (version > tally_project_get_current_schema_version ())
    {
      set_newer_error (error, display_name, version);
      return FALSE;
    }

  if (version < tally_project_get_current_schema_version ())
    {
      if (read_only)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                       _("“%s” was made by an older version of Tally and must be updated, but it is read-only; copy it to a folder you can write to and open the copy."),
                       display_name);
          return FALSE;
        }
      if (!migrate (store, version, error))
        return FALSE;
      *migrated = TRUE;
    }

  return TRUE;
}

/* A migration that rebuilt a table leaves the old one's pages free in the
 * file: when they are more than a quarter of it, the file is rewritten
 * without them (VACUUM, itself atomic), so that it is not larger after
 * the migration than before. Should that fail (no room for the copy), the
 * project is no less whole, only larger, and opens all the same. */
static void
compact_after_migration (TallyStore *store)
{
  guint32 free_pages = 0, pages = 0;

  if (!query_uint (store, "PRAGMA freelist_count", &free_pages, NULL) ||
      !query_uint (store, "PRAGMA page_count", &pages, NULL) || (guint64) free_pages * 4 <= pages)
    return;

  if (sqlite3_exec (_tally_store_get_db (store), "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("%s: could not be compacted after its migration: %s", _tally_store_get_display_name (store),
             sqlite3_errmsg (_tally_store_get_db (store)));
}

/**
 * _tally_project_file_open:
 * @path: the project file
 * @display_name: its name as the person knows it
 * @read_only: (out): whether the file can only be read
 * @error: return location for a #TallyError
 *
 * Checks that @path is a project this Tally can read before SQLite touches
 * it, opens it, and migrates it forward inside a write transaction.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TallyStore *
_tally_project_file_open (const char  *path,
                          const char  *display_name,
                          gboolean    *read_only,
                          GError     **error)
{
  g_autoptr(TallyStore) store = NULL;
  gboolean migrated = FALSE;

  if (!check_header (path, display_name, error))
    return NULL;

  store = open_connection (path, display_name, error);
  if (store == NULL)
    return NULL;

  *read_only = sqlite3_db_readonly (_tally_store_get_db (store), "main") == 1;

  /* BEGIN IMMEDIATE takes the write lock: it fails, after the busy timeout,
   * when another program is writing the project. Taking it changes nothing
   * in the file. */
  if (!*read_only)
    {
      if (!_tally_store_begin (store, error))
        return NULL;
    }
  else if (!_tally_store_exec (store, "BEGIN", error))
    return NULL;

  if (!check_and_migrate (store, *read_only, &migrated, error))
    {
      _tally_store_rollback (store);
      return NULL;
    }

  if (*read_only)
    return _tally_store_exec (store, "COMMIT", error) ? g_steal_pointer (&store) : NULL;

  if (!_tally_store_commit (store, error))
    return NULL;
  if (migrated)
    compact_after_migration (store);
  return g_steal_pointer (&store);
}

/* Creating --------------------------------------------------------------- */

static gboolean
write_setting (TallyStore  *store,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (store,
                               "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, key);
  _tally_store_bind_text (stmt, 2, value);
  return _tally_store_step_done (store, stmt, error);
}

static gboolean
write_project_info (TallyStore  *store,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = g_date_time_format_iso8601 (now);
  const char *rows[][2] = {
    { "created_at", created_at },
    { "created_by", "Tally " PACKAGE_VERSION },
  };

  stmt = _tally_store_prepare (store,
                               "INSERT INTO project_info (key, value) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sqlite3_reset (stmt);
      _tally_store_bind_text (stmt, 1, rows[i][0]);
      _tally_store_bind_text (stmt, 2, rows[i][1]);
      if (!_tally_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
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
  g_autoptr(TallyStore) store = NULL;
  gboolean ok = FALSE;

  store = open_connection (tmp_path, display_name, error);
  if (store == NULL)
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA application_id = %u", TALLY_PROJECT_APPLICATION_ID);
  if (!_tally_store_exec (store, pragma, error) ||
      !_tally_store_exec (store, "BEGIN IMMEDIATE", error))
    goto out;

  if (!migrate (store, 0, error) ||
      !write_project_info (store, error) ||
      !_tally_dictionary_seed (store, error))
    goto rollback;

  g_hash_table_iter_init (&iter, settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!write_setting (store, key, value, error))
      goto rollback;

  ok = _tally_store_exec (store, "COMMIT", error);
  goto out;

rollback:
  sqlite3_exec (_tally_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
out:
  if (ok && _tally_store_close (g_steal_pointer (&store)) != SQLITE_OK)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” could not be created; check that you can write to its folder."),
                   display_name);
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
 * _tally_project_file_reserve:
 * @path: where a new file will go
 * @error: return location for a #TallyError
 *
 * Makes an empty file beside @path, hidden and uniquely named, to build
 * the new file in; _tally_project_file_publish() puts it in place.
 *
 * Returns: (transfer full): its path, or %NULL with @error set
 */
char *
_tally_project_file_reserve (const char  *path,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_basename (path);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” could not be created (%s); check that the folder exists and that you can write to it."),
                   display_name, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&tmp_path);
}

/* Puts a finished file in place without ever replacing one; @tmp_path is
 * gone afterwards either way. */
gboolean
_tally_project_file_publish (const char  *tmp_path,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);

  if (!publish_file (tmp_path, path, display_name, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * _tally_project_file_create:
 * @path: where the new project goes; it must not exist
 * @settings: (element-type utf8 utf8): every setting the file starts with
 * @error: return location for a #TallyError
 *
 * Builds the file beside its place and links it in, so that it appears
 * complete or not at all and never replaces a file.
 */
gboolean
_tally_project_file_create (const char  *path,
                            GHashTable  *settings,
                            GError     **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *tmp_path = _tally_project_file_reserve (path, error);

  if (tmp_path == NULL)
    return FALSE;

  if (!build_new_file (tmp_path, settings, display_name, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  return _tally_project_file_publish (tmp_path, path, error);
}
