/* tally-import-result.c: what an import reports: its issues and locale
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-import-private.h"

/* Results ------------------------------------------------------------------ */

static void
issue_free (TallyImportIssue *issue)
{
  g_free (issue->column);
  g_free (issue->reason);
  g_free (issue->raw);
  g_free (issue);
}

TallyImportResult *
_tally_import_result_new (const char *path)
{
  TallyImportResult *result = g_new0 (TallyImportResult, 1);

  result->file_name = g_filename_display_basename (path);
  result->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  result->line_word = _("line");
  result->batch_id = -1;
  return result;
}

void
tally_import_result_free (TallyImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->file_name);
  g_free (result->sha256);
  g_free (result->preset_id);
  g_free (result->preset_name);
  g_free (result->reader);
  g_free (result->question_column);
  g_free (result->question_example);
  g_ptr_array_unref (result->issues);
  g_free (result);
}

/**
 * tally_import_describe_locale:
 *
 * Returns: (transfer full): how numbers and dates were read, such as
 *   "decimal comma, day/month/year (detected)"
 */
char *
tally_import_describe_locale (const TallyImportResult *result)
{
  const char *decimal = result->decimal == TALLY_DECIMAL_COMMA ? _("decimal comma") : _("decimal point");
  const char *order;

  switch (result->date_order)
    {
    case TALLY_DATE_ORDER_DMY:
      order = _("day/month/year");
      break;
    case TALLY_DATE_ORDER_MDY:
      order = _("month/day/year");
      break;
    case TALLY_DATE_ORDER_UNKNOWN:
    default:
      order = _("ISO dates");
      break;
    }

  return g_strdup_printf ("%s%s, %s%s", decimal, result->decimal_detected ? _(" (detected)") : "",
                          order, result->date_order_detected ? _(" (detected)") : "");
}

int
_tally_import_compare_issues (gconstpointer a,
                gconstpointer b)
{
  const TallyImportIssue *x = *(TallyImportIssue * const *) a;
  const TallyImportIssue *y = *(TallyImportIssue * const *) b;

  if (x->severity != y->severity)
    return x->severity == TALLY_ISSUE_REJECTED ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}
