/* tally-window-export.c: the main window's exports: the report as PDF
 * and CSV, the KPI dictionary as CSV and Markdown
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export asks for a file, then writes what the report session or the
 * project holds; the PDF may publish its period first, as
 * `tally-cli pdf --publish` does. A file that cannot be written is said in
 * one sentence, never as a raw error.
 */
#define G_LOG_DOMAIN "tally-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-report-pdf.h"
#include "tally-widget-util.h"
#include "tally-window-private.h"

static void
show_error (TallyWindow *self,
            const char  *title,
            const char  *message)
{
  _tally_widget_show_error (GTK_WIDGET (self), title, message);
}

static void
show_no_report (TallyWindow *self)
{
  show_error (self, _("There is no report to export yet"), _("Wait for the report to be computed, then export it."));
}

static void
save_text (TallyWindow *self,
           GFile       *file,
           const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("“%s” could not be written (%s); choose another folder."),
                                                  name, error->message);

      show_error (self, _("The file could not be saved"), message);
    }
}

/* The report as a PDF, publishing the period it shows first when asked:
 * the session then holds the days it froze. */
static void
export_pdf (TallyWindow *self,
            GFile       *file,
            gboolean     publish)
{
  TallyReportSession *session = tally_report_model_get_session (self->report_model);
  g_autofree char *pdf_path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  gint64 publication = 0;

  if (session == NULL || pdf_path == NULL)
    {
      show_no_report (self);
      return;
    }

  if (publish)
    {
      TallyReport *shown = tally_report_session_get_report (session);

      publication = tally_report_model_publish (self->report_model, shown->from, shown->to, NULL, &error);
      if (publication == 0)
        {
          show_error (self, _("The period could not be published"), error->message);
          return;
        }
      session = tally_report_model_get_session (self->report_model);
      if (session == NULL)
        {
          show_no_report (self);
          return;
        }
    }

  if (!tally_report_pdf_write (session, publication, pdf_path, &error))
    show_error (self, _("The PDF could not be saved"), error->message);
}

/* The text of a CSV or Markdown export, or NULL with the error shown. */
static char *
export_text (TallyWindow *self,
             const char  *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kpis = NULL;
  g_autofree char *name = NULL;

  if (g_str_equal (what, "report"))
    {
      TallyReportSession *session = tally_report_model_get_session (self->report_model);

      if (session == NULL)
        {
          show_no_report (self);
          return NULL;
        }
      return tally_report_to_csv (tally_report_session_get_report (session));
    }

  kpis = tally_dictionary_list (self->project, &error);
  if (kpis == NULL)
    {
      show_error (self, _("The KPI dictionary could not be read"), error->message);
      return NULL;
    }
  name = tally_project_get_setting (self->project, "name");
  return g_str_equal (what, "dictionary-csv") ? tally_dictionary_to_csv (kpis)
                                              : tally_dictionary_to_markdown (kpis, name);
}

static void
export_response_cb (TallyWindow          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  const char *what = g_object_get_data (G_OBJECT (chooser), "what");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && self->project != NULL && g_str_equal (what, "report-pdf"))
    {
      const char *publish = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "publish");

      export_pdf (self, file, g_strcmp0 (publish, "true") == 0);
    }
  else if (file != NULL && self->project != NULL)
    {
      g_autofree char *text = export_text (self, what);

      if (text != NULL)
        save_text (self, file, text);
    }

  g_clear_object (&self->chooser);
}

void
_tally_window_export_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  g_autofree char *client = tally_project_get_setting (self->project, "name");
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  const char *what;

  if (g_str_equal (action_name, "win.export-report-pdf"))
    {
      what = "report-pdf";
      /* Translators: the suggested file name of an exported report */
      suggested = g_strdup_printf (_("%s report.pdf"), client);
    }
  else if (g_str_equal (action_name, "win.export-report-csv"))
    {
      what = "report";
      /* Translators: the suggested file name of an exported report */
      suggested = g_strdup_printf (_("%s report.csv"), client);
    }
  else if (g_str_equal (action_name, "win.export-dictionary-csv"))
    {
      what = "dictionary-csv";
      suggested = g_strdup_printf (_("%s KPI dictionary.csv"), client);
    }
  else
    {
      what = "dictionary-markdown";
      suggested = g_strdup_printf (_("%s KPI dictionary.md"), client);
    }

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "what", (gpointer) what);
  if (g_str_equal (what, "report-pdf"))
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "publish",
                                 _("Publish this period (its days that are old enough freeze)"), NULL, NULL);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (export_response_cb), self);

  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}
