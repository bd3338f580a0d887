/* tally-publications-dialog.c: the list of publications
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tally-cli publications` lists: each publication with its period,
 * who published it, how many days it froze and its note. The days frozen
 * by viewing before publishing existed are one publication of their own.
 */
#define G_LOG_DOMAIN "tally-publications-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-publications-dialog.h"
#include "tally-widget-util.h"

struct _TallyPublicationsDialog
{
  GtkWindow   parent_instance;

  GtkLabel   *intro_label;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (TallyPublicationsDialog, tally_publications_dialog, GTK_TYPE_WINDOW)

static char *
describe (const TallyPublication *p)
{
  g_autofree char *label = tally_publication_describe (p);
  g_autofree char *froze = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "froze %u day", "froze %u days", p->frozen_days),
                                            p->frozen_days);
  char from[11] = "?", to[11] = "?";

  if (p->from != G_MININT32)
    tally_day_format (p->from, from);
  if (p->to != G_MININT32)
    tally_day_format (p->to, to);
  /* Translators: a publication: its label; its period, who published it, how many days it froze; its note */
  return g_strdup_printf (_("%s\n%s to %s · by %s · %s%s%s"), label, from, to, p->who, froze,
                          p->note[0] != '\0' ? "\n" : "", p->note);
}

static void
tally_publications_dialog_class_init (TallyPublicationsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-publications-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPublicationsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPublicationsDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_publications_dialog_init (TallyPublicationsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tally_publications_dialog_new:
 * @parent: (nullable): the window
 * @model: the report model, whose session lists the publications
 *
 * Returns: (transfer none): the dialog, to present
 */
TallyPublicationsDialog *
tally_publications_dialog_new (GtkWindow        *parent,
                               TallyReportModel *model)
{
  TallyPublicationsDialog *self = g_object_new (TALLY_TYPE_PUBLICATIONS_DIALOG, "transient-for", parent, NULL);
  TallyReportSession *session = tally_report_model_get_session (model);
  GPtrArray *list = session != NULL ? tally_report_session_get_view (session)->publications : NULL;
  guint n = list != NULL ? list->len : 0;

  gtk_label_set_label (self->intro_label,
                       n == 0 ? _("Nothing is published yet: every number is live and follows each import. Publish a period from the Report page when you share it.")
                              : _("Each publication froze the days of its period that were old enough; later data waits as a restatement until you accept it."));
  /* The newest first. */
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *text = describe (g_ptr_array_index (list, i - 1));

      gtk_list_box_append (self->list, _tally_widget_list_label (text));
    }
  return self;
}
