/* tally-timezone.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-timezone"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tally-timezone.h"

static const char *
get_zoneinfo_dir (void)
{
  const char *dir = g_getenv ("TZDIR");

  return dir != NULL && dir[0] != '\0' ? dir : "/usr/share/zoneinfo";
}

/* IANA names are made of ASCII letters, digits and "_+-", in segments
 * separated by "/"; anything else (a POSIX TZ string such as "EST5",
 * an offset such as "+03:00", a path) is not a zone name. */
static gboolean
has_zone_name_syntax (const char *name)
{
  gboolean segment_start = TRUE;

  if (!g_ascii_isalpha (name[0]))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (segment_start)
            return FALSE;
          segment_start = TRUE;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '+' && *p != '-')
        return FALSE;
      segment_start = FALSE;
    }

  return !segment_start;
}

/**
 * tally_timezone_is_valid:
 * @name: a candidate IANA time zone name
 *
 * A name is valid when it names a zone of the IANA database installed on the
 * system (what GLib and every other program here will read), such as
 * `America/Mexico_City`. POSIX TZ strings, raw offsets and the database's
 * internal files (`posixrules`, `Factory`, `posix/…`, `right/…`) are not.
 */
gboolean
tally_timezone_is_valid (const char *name)
{
  g_autofree char *path = NULL;
  char magic[4];
  FILE *file;
  gboolean ok;

  if (name == NULL || !has_zone_name_syntax (name) || strlen (name) > 64)
    return FALSE;

  if (g_str_equal (name, "posixrules") || g_str_equal (name, "localtime") ||
      g_str_equal (name, "Factory") || g_str_has_prefix (name, "posix/") ||
      g_str_has_prefix (name, "right/"))
    return FALSE;

  /* A real zone is a TZif file in the database. */
  path = g_build_filename (get_zoneinfo_dir (), name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  file = fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  ok = fread (magic, 1, sizeof magic, file) == sizeof magic &&
       memcmp (magic, "TZif", 4) == 0;
  fclose (file);

  return ok;
}

/**
 * tally_timezone_get_system:
 *
 * Returns: (transfer full): the IANA name of the system's time zone, or
 *   `UTC` when the system's zone has no such name
 */
char *
tally_timezone_get_system (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);

  if (id != NULL && id[0] == ':')
    id++;

  /* GLib may answer with a path to the zone file. */
  if (id != NULL && g_str_has_prefix (id, get_zoneinfo_dir ()))
    {
      id += strlen (get_zoneinfo_dir ());
      while (*id == '/')
        id++;
    }

  if (id != NULL && tally_timezone_is_valid (id))
    return g_strdup (id);

  return g_strdup ("UTC");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_zone (GPtrArray  *zones,
          GHashTable *seen,
          const char *name)
{
  if (g_hash_table_contains (seen, name) || !tally_timezone_is_valid (name))
    return;

  g_hash_table_add (seen, g_strdup (name));
  g_ptr_array_add (zones, g_strdup (name));
}

/**
 * tally_timezone_list:
 *
 * The canonical zones of the installed database (those of `zone1970.tab`),
 * plus `UTC`, sorted by name. This is what the settings page offers.
 *
 * Returns: (transfer full) (element-type utf8): the zone names
 */
GPtrArray *
tally_timezone_list (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_build_filename (get_zoneinfo_dir (), "zone1970.tab", NULL);
  g_autofree char *contents = NULL;
  GPtrArray *zones = g_ptr_array_new_with_free_func (g_free);

  add_zone (zones, seen, "UTC");

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            add_zone (zones, seen, fields[2]);
        }
    }

  g_ptr_array_sort (zones, compare_names);
  return zones;
}
