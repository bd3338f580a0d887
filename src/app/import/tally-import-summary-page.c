/* tally-import-summary-page.c: what the wizard imported, and how the totals moved
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file with what it added, replaced and skipped, the rows it left out
 * and what its import warns about; the files that could not be read; and
 * the project's totals before and after the session. The page is complete
 * once it shows all that: Done closes the wizard.
 */
#define G_LOG_DOMAIN "tally-import-summary-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-format.h"
#include "tally-import-summary-page.h"
#include "tally-widget-util.h"

#define MAX_LEFT_OUT 10    /* line numbers the summary names */

struct _TallyImportSummaryPage
{
  TallyImportPage  parent_instance;

  GtkLabel        *summary_title;
  GtkListBox      *files_list;
  GtkGrid         *totals_grid;
};

G_DEFINE_FINAL_TYPE (TallyImportSummaryPage, tally_import_summary_page, TALLY_TYPE_IMPORT_PAGE)

/* "3, 7 and 9", or "3, 4, …, 12 and 5 more" past MAX_LEFT_OUT numbers. */
static char *
join_lines (GArray  *lines,
            guint64  total)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint listed = MIN (lines->len, MAX_LEFT_OUT);
  guint64 more = total > listed ? total - listed : 0;
  /* When nothing is left over, the last number joins with "and". */
  guint commas = more > 0 ? listed : listed - 1;
  g_autofree char *last = NULL;

  g_assert (listed > 0);
  for (guint i = 0; i < commas; i++)
    {
      if (i > 0)
        /* Translators: between the line numbers of a list, "3, 7 and 9" */
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%" G_GUINT64_FORMAT, g_array_index (lines, guint64, i));
    }

  if (more > 0)
    /* Translators: the end of a list of line numbers: "3, 4, 5 and 12 more" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %" G_GUINT64_FORMAT " more",
                                         "%s and %" G_GUINT64_FORMAT " more", tally_import_plural_n (more)),
                            text->str, more);
  if (commas == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (lines, guint64, 0));

  last = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (lines, guint64, listed - 1));
  /* Translators: the last two of a list of line numbers, "3, 7 and 9" */
  return g_strdup_printf (_("%s and %s"), text->str, last);
}

/* "lines 3 and 5", in the file's word for where a row sits. */
static char *
describe_places (const TallyImportResult *result,
                 const char              *numbers)
{
  gulong n = tally_import_plural_n (result->n_rejected);

  switch (tally_import_place_of (result))
    {
    case TALLY_IMPORT_PLACE_ROW:
      /* Translators: "rows 3, 7 and 9" in a workbook */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "row %s", "rows %s", n), numbers);
    case TALLY_IMPORT_PLACE_ENTRY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "entry %s", "entries %s", n), numbers);
    case TALLY_IMPORT_PLACE_LINE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "line %s", "lines %s", n), numbers);
    }
}

/* What an import with skipped rows left out: "2 rows were left out: lines
 * 3 and 5"; NULL when it left out nothing. */
static char *
describe_left_out (const TallyImportResult *result)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *numbers = NULL;
  g_autofree char *places = NULL;
  gulong n = tally_import_plural_n (result->n_rejected);

  if (result->n_rejected == 0)
    return NULL;

  for (guint i = 0; i < result->issues->len && lines->len < MAX_LEFT_OUT; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->severity == TALLY_ISSUE_REJECTED &&
          (lines->len == 0 || g_array_index (lines, guint64, lines->len - 1) != issue->line))
        g_array_append_val (lines, issue->line);
    }
  if (lines->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " row was left out",
                                         "%" G_GUINT64_FORMAT " rows were left out", n),
                            result->n_rejected);

  numbers = join_lines (lines, result->n_rejected);
  places = describe_places (result, numbers);
  /* Translators: under a file in the summary: "2 rows were left out: lines 3 and 5" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " row was left out: %s",
                                       "%" G_GUINT64_FORMAT " rows were left out: %s", n),
                          result->n_rejected, places);
}

/* Beneath a file in the summary: what it left out, then each thing the
 * import warns about (a currency with no rate, a file that can never give
 * a customer), one per line. */
static char *
describe_notes (const TallyImportResult *result)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *left_out = describe_left_out (result);

  if (left_out != NULL)
    g_string_append (notes, left_out);

  for (guint i = 0; i < result->issues->len; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);
      gunichar first;

      if (issue->severity != TALLY_ISSUE_WARNING || issue->reason[0] == '\0')
        continue;
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      first = g_utf8_get_char (issue->reason);
      g_string_append_unichar (notes, g_unichar_toupper (first));
      g_string_append (notes, g_utf8_next_char (issue->reason));
      g_string_append_c (notes, '.');
    }

  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}

/* A file's row in the summary, with what it left out beneath. */
static GtkWidget *
summary_row (const char *text,
             const char *left_out)
{
  GtkWidget *box;
  GtkWidget *label;

  if (left_out == NULL)
    return _tally_widget_list_label (text);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  _tally_widget_set_list_margins (box);
  gtk_box_append (GTK_BOX (box), _tally_widget_wrapped_label (text, NULL));
  label = _tally_widget_wrapped_label (left_out, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* Returns how many files went in. */
static guint
fill_files (TallyImportSummaryPage *self,
            GPtrArray              *items,
            GPtrArray              *unreadable)
{
  guint imported = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      TallyImportItem *file = g_ptr_array_index (items, i);
      g_autofree char *text = NULL;
      g_autofree char *left_out = NULL;

      if (file->imported)
        {
          imported++;
          /* Translators: a file's line in the summary */
          text = g_strdup_printf (_("%s — %s: %" G_GUINT64_FORMAT " rows added, %" G_GUINT64_FORMAT " replaced, %" G_GUINT64_FORMAT " skipped"),
                                  file->preview->file_name, file->result->preset_name,
                                  file->result->rows_added, file->result->rows_replaced, file->result->rows_skipped);
          left_out = describe_notes (file->result);
        }
      else
        text = g_strdup_printf (_("%s — not imported"), file->preview->file_name);

      gtk_list_box_append (self->files_list, summary_row (text, left_out));
    }

  for (guint i = 0; unreadable != NULL && i < unreadable->len; i++)
    gtk_list_box_append (self->files_list, _tally_widget_list_label (g_ptr_array_index (unreadable, i)));

  return imported;
}

static void
add_total_row (TallyImportSummaryPage *self,
               int                     row,
               const char             *title,
               char                   *before,
               char                   *after)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *from = gtk_label_new (before);
  GtkWidget *to = gtk_label_new (after);
  /* Translators: how a total moved, as a screen reader says it: "CRM revenue: 0.00 to 1,500.00" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s to %s"), title, before, after);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (from), 1);
  gtk_label_set_xalign (GTK_LABEL (to), 1);
  gtk_widget_add_css_class (from, "dim-label");
  gtk_widget_add_css_class (to, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (to), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_grid_attach (self->totals_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->totals_grid, from, 1, row, 1, 1);
  gtk_grid_attach (self->totals_grid, gtk_label_new ("→"), 2, row, 1, 1);
  gtk_grid_attach (self->totals_grid, to, 3, row, 1, 1);
  g_free (before);
  g_free (after);
}

/* Published days keep their numbers until a person reviews them. */
static void
add_pending_note (TallyImportSummaryPage *self,
                  guint                   pending)
{
  g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u published day has new numbers: it keeps the ones already reported until you review it on the Report page.",
                                                        "%u published days have new numbers: they keep the ones already reported until you review them on the Report page.",
                                                        pending),
                                           pending);
  GtkWidget *label = gtk_label_new (note);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->totals_grid, label, 0, 4, 4, 1);
}

static void
fill_totals (TallyImportSummaryPage  *self,
             TallyImportSession      *session)
{
  const TallyImportTotals *before = tally_import_session_get_totals_before (session);
  const TallyImportTotals *after = tally_import_session_get_totals_after (session);
  guint decimals = tally_import_session_get_decimals (session);
  TallyFormatFlags money = TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS;

  if (!before->valid || !after->valid)
    return;

  add_total_row (self, 0, _("Spend"), tally_format_amount (before->spend, decimals, money),
                 tally_format_amount (after->spend, decimals, money));
  add_total_row (self, 1, _("Meta purchase value"), tally_format_amount (before->meta_value, decimals, money),
                 tally_format_amount (after->meta_value, decimals, money));
  add_total_row (self, 2, _("CRM revenue"), tally_format_amount (before->revenue, decimals, money),
                 tally_format_amount (after->revenue, decimals, money));
  add_total_row (self, 3, _("New customers"),
                 tally_format_amount ((double) before->new_customers, 0, TALLY_FORMAT_GROUPED),
                 tally_format_amount ((double) after->new_customers, 0, TALLY_FORMAT_GROUPED));
  if (after->pending > 0)
    add_pending_note (self, after->pending);
}

/**
 * tally_import_summary_page_show:
 * @self: the page
 * @items: (element-type TallyImportItem): the files, imported or not
 * @unreadable: (element-type utf8) (nullable): why files could not even be previewed
 * @session: (nullable): the session, committed, for the totals
 */
void
tally_import_summary_page_show (TallyImportSummaryPage *self,
                                GPtrArray              *items,
                                GPtrArray              *unreadable,
                                TallyImportSession     *session)
{
  g_autofree char *title = NULL;
  GtkWidget *child;
  guint imported;

  g_return_if_fail (TALLY_IS_IMPORT_SUMMARY_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_list))) != NULL)
    gtk_list_box_remove (self->files_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_grid))) != NULL)
    gtk_grid_remove (self->totals_grid, child);

  imported = fill_files (self, items, unreadable);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file imported", "%u files imported", imported), imported);
  gtk_label_set_label (self->summary_title, title);
  if (session != NULL)
    fill_totals (self, session);
  tally_import_page_set_complete (TALLY_IMPORT_PAGE (self), TRUE);
}

static void
tally_import_summary_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_IMPORT_SUMMARY_PAGE);

  G_OBJECT_CLASS (tally_import_summary_page_parent_class)->dispose (object);
}

static void
tally_import_summary_page_class_init (TallyImportSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_import_summary_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportSummaryPage, summary_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportSummaryPage, files_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportSummaryPage, totals_grid);
}

static void
tally_import_summary_page_init (TallyImportSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tally_import_summary_page_new (void)
{
  return g_object_new (TALLY_TYPE_IMPORT_SUMMARY_PAGE, NULL);
}
