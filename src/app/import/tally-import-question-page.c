/* tally-import-question-page.c: how a file's numbers or dates read
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question a file raises when a column reads two ways: its decimal
 * separator, or the order of day and month. The first answer is chosen
 * until the person picks the other; committing the page writes it into
 * the file's item for the next import.
 */
#define G_LOG_DOMAIN "tally-import-question-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-question-page.h"

struct _TallyImportQuestionPage
{
  TallyImportPage  parent_instance;

  GtkLabel        *question_title;
  GtkLabel        *question_label;
  GtkCheckButton  *answer_first;
  GtkCheckButton  *answer_second;
};

G_DEFINE_FINAL_TYPE (TallyImportQuestionPage, tally_import_question_page, TALLY_TYPE_IMPORT_PAGE)

static void
tally_import_question_page_item_changed (TallyImportPage *page)
{
  TallyImportQuestionPage *self = TALLY_IMPORT_QUESTION_PAGE (page);
  TallyImportItem *file = tally_import_page_get_item (page);
  g_autofree char *text = NULL;

  /* A page asks only what the file's last import could not tell. */
  tally_import_page_set_complete (page, file != NULL && file->result != NULL &&
                                        file->result->question != TALLY_QUESTION_NONE);
  if (!tally_import_page_get_complete (page))
    return;

  if (file->result->question == TALLY_QUESTION_DECIMAL)
    {
      gtk_label_set_label (self->question_title, _("Which decimal separator does this file use?"));
      text = g_strdup_printf (_("The column “%s” has numbers such as “%s”, which read two ways."),
                              file->result->question_column, file->result->question_example);
      gtk_check_button_set_label (self->answer_first, _("A _point: 1,500.25 is one thousand five hundred"));
      gtk_check_button_set_label (self->answer_second, _("A _comma: 1.500,25 is one thousand five hundred"));
    }
  else
    {
      gtk_label_set_label (self->question_title, _("How are this file’s dates written?"));
      text = g_strdup_printf (_("The column “%s” has dates such as “%s”, which read two ways."),
                              file->result->question_column, file->result->question_example);
      gtk_check_button_set_label (self->answer_first, _("_Day first: 3/4/2026 is the 3rd of April"));
      gtk_check_button_set_label (self->answer_second, _("_Month first: 3/4/2026 is March the 4th"));
    }
  gtk_label_set_label (self->question_label, text);
  gtk_check_button_set_active (self->answer_first, TRUE);
}

static void
tally_import_question_page_commit (TallyImportPage *page)
{
  TallyImportQuestionPage *self = TALLY_IMPORT_QUESTION_PAGE (page);
  TallyImportItem *file = tally_import_page_get_item (page);
  gboolean first = gtk_check_button_get_active (self->answer_first);

  g_return_if_fail (tally_import_page_get_complete (page));

  if (file->result->question == TALLY_QUESTION_DECIMAL)
    file->decimal = first ? TALLY_DECIMAL_POINT : TALLY_DECIMAL_COMMA;
  else
    file->date_order = first ? TALLY_DATE_ORDER_DMY : TALLY_DATE_ORDER_MDY;
}

static void
tally_import_question_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_IMPORT_QUESTION_PAGE);

  G_OBJECT_CLASS (tally_import_question_page_parent_class)->dispose (object);
}

static void
tally_import_question_page_class_init (TallyImportQuestionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TallyImportPageClass *page_class = TALLY_IMPORT_PAGE_CLASS (klass);

  object_class->dispose = tally_import_question_page_dispose;
  page_class->item_changed = tally_import_question_page_item_changed;
  page_class->commit = tally_import_question_page_commit;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-question-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportQuestionPage, question_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportQuestionPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportQuestionPage, answer_first);
  gtk_widget_class_bind_template_child (widget_class, TallyImportQuestionPage, answer_second);
}

static void
tally_import_question_page_init (TallyImportQuestionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tally_import_question_page_new (void)
{
  return g_object_new (TALLY_TYPE_IMPORT_QUESTION_PAGE, NULL);
}
