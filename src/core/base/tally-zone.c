/* tally-zone.c: timezones: the offsets that turn instants into days, and
 * the zone names a person can choose from
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-zone"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tally-zone.h"

/* Zones ---------------------------------------------------------------- */

/* The offsets of a zone between its transitions, found once per zone by
 * bisecting GLib's answers, so that each lookup is a binary search here. */
typedef struct
{
  gint64 start;    /* UTC seconds from which @offset holds */
  gint32 offset;   /* seconds east of UTC */
} Span;

struct _TallyZone
{
  char       *identifier;
  GTimeZone  *zone;
  GArray     *spans;
  guint       last;
};

#define SPAN_FROM (G_GINT64_CONSTANT (946684800))    /* 2000-01-01 */
#define SPAN_TO   (G_GINT64_CONSTANT (2524608000))   /* 2050-01-01 */

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
}

/* Finds the first second after @lo (whose offset is @offset) at which the
 * offset changes, searching up to @hi. */
static gint64
find_change (GTimeZone *zone,
             gint64     lo,
             gint64     hi,
             gint32     offset)
{
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (zone, mid) == offset)
        lo = mid;
      else
        hi = mid;
    }

  return hi;
}

/* Today's date where @zone is. */
gint32
tally_zone_today (TallyZone *zone)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (zone->zone);

  return tally_day_from_civil (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now));
}

TallyZone *
tally_zone_new (const char *identifier)
{
  TallyZone *zone = g_new0 (TallyZone, 1);
  Span span;

  zone->identifier = g_strdup (identifier);
  zone->zone = g_time_zone_new_identifier (identifier);
  if (zone->zone == NULL)
    zone->zone = g_time_zone_new_utc ();
  zone->spans = g_array_new (FALSE, FALSE, sizeof (Span));

  /* Offsets change at most a few times a year: step by a week and bisect
   * where a step crosses a change. */
  span.start = G_MININT64;
  span.offset = offset_at (zone->zone, SPAN_FROM);
  g_array_append_val (zone->spans, span);
  for (gint64 t = SPAN_FROM; t < SPAN_TO; t += 7 * 86400)
    {
      gint32 next = offset_at (zone->zone, t + 7 * 86400);

      if (next != span.offset)
        {
          span.start = find_change (zone->zone, t, t + 7 * 86400, span.offset);
          span.offset = offset_at (zone->zone, span.start);
          g_array_append_val (zone->spans, span);
        }
    }

  return zone;
}

void
tally_zone_free (TallyZone *zone)
{
  if (zone == NULL)
    return;

  g_free (zone->identifier);
  g_time_zone_unref (zone->zone);
  g_array_unref (zone->spans);
  g_free (zone);
}

gboolean
tally_zone_equal (TallyZone *a,
                  TallyZone *b)
{
  return g_strcmp0 (a->identifier, b->identifier) == 0;
}

static gint32
zone_offset (TallyZone *zone,
             gint64     utc)
{
  const Span *spans = (const Span *) (gpointer) zone->spans->data;
  guint n = zone->spans->len, lo = 0, hi = n;

  if (utc < SPAN_FROM || utc >= SPAN_TO)
    return offset_at (zone->zone, utc);

  /* Consecutive lookups are usually in the same span. */
  if (zone->last < n && spans[zone->last].start <= utc && (zone->last + 1 == n || spans[zone->last + 1].start > utc))
    return spans[zone->last].offset;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].start <= utc)
        lo = mid;
      else
        hi = mid;
    }

  zone->last = lo;
  return spans[lo].offset;
}

static gint32
floor_day (gint64 seconds)
{
  return (gint32) (seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

/* The calendar day, in @zone, of an instant. */
gint32
tally_zone_day (TallyZone *zone,
                gint64     utc_seconds)
{
  return floor_day (utc_seconds + zone_offset (zone, utc_seconds));
}

int
tally_zone_offset_hours (TallyZone *zone,
                         gint64     utc_seconds)
{
  return zone_offset (zone, utc_seconds) / 3600;
}

/* The instant at which @zone's clocks show @local_seconds. A time that
 * does not exist (skipped by a change to summer time) moves forward; one
 * that exists twice is taken the first time. */
gint64
tally_zone_to_utc (TallyZone *zone,
                   gint64     local_seconds)
{
  gint64 guess = local_seconds - zone_offset (zone, local_seconds);
  gint64 utc = local_seconds - zone_offset (zone, guess);

  if (utc + zone_offset (zone, utc) != local_seconds)
    utc = guess;
  return utc;
}

/**
 * tally_moment_day:
 * @kind: the moment's kind
 * @value: its value
 * @reading: the zone a time without an offset was written in
 * @reporting: the zone whose days the report counts
 *
 * Returns: the moment's calendar day in @reporting, SPEC section 4: a date
 *   is that day; a time without an offset is read in @reading.
 */
gint32
tally_moment_day (TallyMomentKind  kind,
                  gint64           value,
                  TallyZone       *reading,
                  TallyZone       *reporting)
{
  switch (kind)
    {
    case TALLY_MOMENT_DATE:
      return (gint32) value;
    case TALLY_MOMENT_LOCAL:
      if (reading == reporting || tally_zone_equal (reading, reporting))
        return floor_day (value);
      return tally_zone_day (reporting, tally_zone_to_utc (reading, value));
    case TALLY_MOMENT_INSTANT:
      return tally_zone_day (reporting, value);
    case TALLY_MOMENT_NONE:
    default:
      return G_MININT32;
    }
}

/* Zone names ---------------------------------------------------------- */

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
