/* tally-import-problems-page.c: the rows a file's import cannot read
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row the import rejected, with its line, column, reason and text,
 * before anything of the file is written. Its rows are left out only by
 * an explicit choice, the page's own button, which says how many: the
 * page is complete when some rows of the file can be read, and committing
 * it leaves the others out. Back returns to the columns.
 */
#define G_LOG_DOMAIN "tally-import-problems-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-import-problems-page.h"
#include "tally-widget-util.h"

#define MAX_PROBLEMS 300   /* rejected rows listed; the rest are counted */
#define MAX_RAW      200   /* characters of a cell shown as written */

struct _TallyImportProblemsPage
{
  TallyImportPage  parent_instance;

  GtkLabel        *problems_title;
  GtkLabel        *problems_hint;
  GtkListBox      *problems_list;
  GtkButton       *back_button;
  GtkButton       *skip_rows_button;
};

G_DEFINE_FINAL_TYPE (TallyImportProblemsPage, tally_import_problems_page, TALLY_TYPE_IMPORT_PAGE)

/* @text on one line, at most @max characters of it: the fonts at hand
 * lack the pictures of control characters (U+2400…), so a line break
 * shows as ↵, a tab as →, the rest as �. */
static char *
visible_text (const char *text,
              glong       max)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *p = text;

  for (glong length = 0; *p != '\0' && length < max; p = g_utf8_next_char (p), length++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\n' || c == '\r')
        g_string_append (shown, "↵");
      else if (c == '\t')
        g_string_append (shown, "→");
      else if (c < 0x20 || c == 0x7f)
        g_string_append (shown, "�");
      else
        g_string_append_unichar (shown, c);
    }
  if (*p != '\0')
    g_string_append (shown, "…");
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* The cell as the file wrote it, when the reason does not already quote
 * it whole. */
static char *
visible_raw (const TallyImportIssue *issue)
{
  g_autofree char *quoted = NULL;

  if (issue->raw == NULL || !g_utf8_validate (issue->raw, -1, NULL))
    return NULL;
  /* The quotes the core's reasons put around a value. */
  quoted = g_strdup_printf ("“%s”", issue->raw);
  if (issue->reason != NULL && strstr (issue->reason, quoted) != NULL)
    return NULL;

  return visible_text (issue->raw, MAX_RAW);
}

/* What a screen reader says of a rejected row, in one sentence. */
static char *
spoken_problem (const char             *place,
                const TallyImportIssue *issue,
                const char             *raw)
{
  gboolean has_column = issue->column != NULL && issue->column[0] != '\0';
  g_autofree char *sentence = NULL;

  /* Translators: a rejected row as a screen reader says it: "Line 3, “Amount”: “diez” is not an amount" */
  sentence = has_column ? g_strdup_printf (_("%s, “%s”: %s"), place, issue->column, issue->reason)
                        : g_strdup_printf (_("%s: %s"), place, issue->reason);
  if (raw == NULL)
    return g_steal_pointer (&sentence);

  /* Translators: the end of a rejected row's sentence: "…; as written: 12abc" */
  return g_strdup_printf (_("%s; as written: %s"), sentence, raw);
}

/* Which column, why, and what the cell held. */
static GtkWidget *
problem_details (const TallyImportIssue *issue,
                 const char             *raw)
{
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *shown_reason = NULL;
  GtkWidget *reason;

  gtk_widget_set_hexpand (details, TRUE);
  if (issue->column != NULL && issue->column[0] != '\0')
    gtk_box_append (GTK_BOX (details), _tally_widget_wrapped_label (issue->column, "heading"));
  /* A reason quoting a long cell is cut short on screen; the row's
   * accessible name keeps it whole. */
  shown_reason = visible_text (issue->reason != NULL ? issue->reason : "", G_MAXLONG);
  reason = _tally_widget_wrapped_label (shown_reason, NULL);
  gtk_label_set_lines (GTK_LABEL (reason), 4);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (details), reason);
  if (raw != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("%s <tt>%s</tt>", _("As written:"), raw);
      GtkWidget *written = _tally_widget_wrapped_label (NULL, "dim-label");

      gtk_label_set_markup (GTK_LABEL (written), markup);
      gtk_box_append (GTK_BOX (details), written);
    }
  return details;
}

/* One rejected row: where, which column, why, and what the cell held. A
 * screen reader reads the row as one sentence. */
static GtkWidget *
problem_row (TallyImportPlace        kind,
             const TallyImportIssue *issue)
{
  g_autofree char *place = tally_import_place_format (kind, issue->line);
  g_autofree char *raw = visible_raw (issue);
  g_autofree char *sentence = spoken_problem (place, issue, raw);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *where = _tally_widget_wrapped_label (place, "dim-label");

  gtk_label_set_wrap (GTK_LABEL (where), FALSE);
  gtk_label_set_width_chars (GTK_LABEL (where), 10);
  gtk_widget_set_valign (where, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), problem_details (issue, raw));

  _tally_widget_set_list_margins (box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

/* The last row, past MAX_PROBLEMS: how many more there are. */
static GtkWidget *
more_row (guint64 more)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "And %" G_GUINT64_FORMAT " more row Tally cannot read, not listed here",
                                                        "And %" G_GUINT64_FORMAT " more rows Tally cannot read, not listed here",
                                                        tally_import_plural_n (more)),
                                           more);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = _tally_widget_list_label (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
fill_list (TallyImportProblemsPage *self,
           TallyImportResult       *result)
{
  TallyImportPlace kind = tally_import_place_of (result);
  GtkWidget *child;
  guint64 shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < result->issues->len && shown < MAX_PROBLEMS; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->severity != TALLY_ISSUE_REJECTED)
        continue;
      gtk_list_box_append (self->problems_list, problem_row (kind, issue));
      shown++;
    }

  if (result->n_rejected > shown)
    gtk_list_box_append (self->problems_list, more_row (result->n_rejected - shown));
}

/* The title, the hint and the button: how many rows, and what can be done. */
static void
describe (TallyImportProblemsPage *self,
          TallyImportItem         *file)
{
  TallyImportResult *result = file->result;
  g_autofree char *title = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *skip = NULL;
  guint64 readable = 0;

  /* Translators: the problems step's title: "“ads.csv” has 2 rows Tally cannot read" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” has %" G_GUINT64_FORMAT " row Tally cannot read",
                                        "“%s” has %" G_GUINT64_FORMAT " rows Tally cannot read",
                                        tally_import_plural_n (result->n_rejected)),
                           file->preview->file_name, result->n_rejected);
  gtk_label_set_label (self->problems_title, title);

  /* Summary and footer lines are read, and are not data. */
  if (result->rows_read > result->n_rejected + result->rows_ignored)
    readable = result->rows_read - result->n_rejected - result->rows_ignored;
  if (readable > 0)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Nothing is imported yet. Skip the rows below to import the other %" G_GUINT64_FORMAT " row, or go back to check what each column holds.",
                                         "Nothing is imported yet. Skip the rows below to import the other %" G_GUINT64_FORMAT " rows, or go back to check what each column holds.",
                                         tally_import_plural_n (readable)),
                            readable);
  else
    hint = g_strdup (_("Nothing is imported yet. None of its rows can be read: go back to check what each column holds, or skip this file."));
  gtk_label_set_label (self->problems_hint, hint);

  /* Translators: the button that leaves the rejected rows out; keep the mnemonic off S, which Skip This File has */
  skip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "S_kip %" G_GUINT64_FORMAT " Row and Import the Rest",
                                       "S_kip %" G_GUINT64_FORMAT " Rows and Import the Rest",
                                       tally_import_plural_n (result->n_rejected)),
                          result->n_rejected);
  gtk_button_set_label (self->skip_rows_button, skip);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_rows_button), readable > 0);
  tally_import_page_set_complete (TALLY_IMPORT_PAGE (self), readable > 0);
}

static void
tally_import_problems_page_item_changed (TallyImportPage *page)
{
  TallyImportProblemsPage *self = TALLY_IMPORT_PROBLEMS_PAGE (page);
  TallyImportItem *file = tally_import_page_get_item (page);

  if (file == NULL || file->result == NULL)
    {
      tally_import_page_set_complete (page, FALSE);
      return;
    }

  fill_list (self, file->result);
  describe (self, file);
}

/* The one way past the page: the rows listed are left out, and the
 * batch records them. */
static void
tally_import_problems_page_commit (TallyImportPage *page)
{
  TallyImportItem *file = tally_import_page_get_item (page);

  g_return_if_fail (tally_import_page_get_complete (page));

  file->skip_invalid = TRUE;
}

static GtkWidget *
tally_import_problems_page_get_default_widget (TallyImportPage *page)
{
  TallyImportProblemsPage *self = TALLY_IMPORT_PROBLEMS_PAGE (page);

  return GTK_WIDGET (tally_import_page_get_complete (page) ? self->skip_rows_button : self->back_button);
}

static void
tally_import_problems_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_IMPORT_PROBLEMS_PAGE);

  G_OBJECT_CLASS (tally_import_problems_page_parent_class)->dispose (object);
}

static void
tally_import_problems_page_class_init (TallyImportProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TallyImportPageClass *page_class = TALLY_IMPORT_PAGE_CLASS (klass);

  object_class->dispose = tally_import_problems_page_dispose;
  page_class->item_changed = tally_import_problems_page_item_changed;
  page_class->commit = tally_import_problems_page_commit;
  page_class->get_default_widget = tally_import_problems_page_get_default_widget;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportProblemsPage, problems_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportProblemsPage, problems_hint);
  gtk_widget_class_bind_template_child (widget_class, TallyImportProblemsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportProblemsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportProblemsPage, skip_rows_button);
}

static void
tally_import_problems_page_init (TallyImportProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tally_import_problems_page_new (void)
{
  return g_object_new (TALLY_TYPE_IMPORT_PROBLEMS_PAGE, NULL);
}
