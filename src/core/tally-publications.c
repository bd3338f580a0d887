/* tally-publications.c: the publications a project keeps, SPEC section 8
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-store.h"
#include "tally-days.h"
#include "tally-freeze.h"
#include "tally-json-writer.h"
#include "tally-project-private.h"

void
tally_publication_free (TallyPublication *publication)
{
  if (publication == NULL)
    return;

  g_free (publication->kind);
  g_free (publication->who);
  g_free (publication->published_at);
  g_free (publication->note);
  g_free (publication->settings);
  g_free (publication->totals);
  g_free (publication->bridge);
  g_free (publication);
}

static gint32
column_day (sqlite3_stmt *stmt,
            int           column)
{
  gint32 day;

  return tally_day_parse (_tally_store_column_text (stmt, column), &day) ? day : G_MININT32;
}

/**
 * tally_publications_list:
 * @project: a project
 * @error: return location for a #TallyError
 *
 * Returns: (transfer container) (element-type TallyPublication): every
 *   publication, the oldest first, or %NULL with @error set
 */
GPtrArray *
tally_publications_list (TallyProject  *project,
                         GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_publication_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT id, kind, from_day, to_day, as_of, who, published_at, note, settings, totals, "
                               "bridge, frozen_days FROM publications ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TallyPublication *publication = g_new0 (TallyPublication, 1);

      publication->id = sqlite3_column_int64 (stmt, 0);
      publication->kind = g_strdup (_tally_store_column_text (stmt, 1));
      publication->from = column_day (stmt, 2);
      publication->to = column_day (stmt, 3);
      publication->as_of = column_day (stmt, 4);
      publication->who = g_strdup (_tally_store_column_text (stmt, 5));
      publication->published_at = g_strdup (_tally_store_column_text (stmt, 6));
      publication->note = g_strdup (_tally_store_column_text (stmt, 7));
      publication->settings = g_strdup (_tally_store_column_text (stmt, 8));
      publication->totals = g_strdup (_tally_store_column_text (stmt, 9));
      publication->bridge = g_strdup (_tally_store_column_text (stmt, 10));
      publication->frozen_days = (guint) CLAMP (sqlite3_column_int64 (stmt, 11), 0, G_MAXUINT);
      g_ptr_array_add (list, publication);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * tally_publication_describe:
 * @publication: a publication
 *
 * Returns: (transfer full): "Published on 2026-03-20 (publication 2)", as
 *   the PDF cover and the app say it
 */
char *
tally_publication_describe (const TallyPublication *publication)
{
  g_autofree char *day = g_strndup (publication->published_at != NULL ? publication->published_at : "", 10);

  if (g_strcmp0 (publication->kind, "migrated") == 0)
    /* Translators: the days an earlier Tally froze as reports showed them */
    return g_strdup_printf (_("Frozen by viewing reports before publishing existed (publication %" G_GINT64_FORMAT ")"),
                            publication->id);
  return g_strdup_printf (_("Published on %s (publication %" G_GINT64_FORMAT ")"), day, publication->id);
}

/* Whether @publication's period has a day in [@from, @to]. */
gboolean
tally_publication_overlaps (const TallyPublication *publication,
                            gint32                  from,
                            gint32                  to)
{
  return publication->from <= to && publication->to >= from;
}

static void
write_day (TallyJsonWriter *writer,
           const char      *name,
           gint32           day)
{
  char text[11];

  tally_json_member (writer, name);
  if (day == G_MININT32)
    {
      tally_json_null (writer);
      return;
    }
  tally_day_format (day, text);
  tally_json_string (writer, text);
}

/**
 * tally_publication_write:
 * @publication: a publication
 * @writer: where to
 * @full: whether to write the settings, totals and bridge it stored too
 *
 * Writes the object `report --json` and `publications --json` print.
 */
void
tally_publication_write (const TallyPublication *publication,
                         TallyJsonWriter        *writer,
                         gboolean                full)
{
  g_autofree char *label = tally_publication_describe (publication);

  tally_json_begin_object (writer);
  tally_json_member (writer, "id");
  tally_json_int (writer, publication->id);
  tally_json_member (writer, "kind");
  tally_json_string (writer, publication->kind);
  tally_json_member (writer, "label");
  tally_json_string (writer, label);
  write_day (writer, "from", publication->from);
  write_day (writer, "to", publication->to);
  write_day (writer, "as_of", publication->as_of);
  tally_json_member (writer, "published_at");
  tally_json_string (writer, publication->published_at);
  tally_json_member (writer, "who");
  tally_json_string (writer, publication->who);
  tally_json_member (writer, "note");
  tally_json_string (writer, publication->note);
  tally_json_member (writer, "frozen_days");
  tally_json_int (writer, publication->frozen_days);
  if (full)
    {
      tally_json_member (writer, "settings");
      tally_json_raw (writer, publication->settings);
      tally_json_member (writer, "totals");
      tally_json_raw (writer, publication->totals);
      tally_json_member (writer, "bridge");
      tally_json_raw (writer, publication->bridge);
    }
  tally_json_end_object (writer);
}
