/* tally-window.c: the main window
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is spread over two files that share tally-window-private.h:
 * this one (pages, projects, actions, life) and tally-window-export.c.
 */
#define G_LOG_DOMAIN "tally-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-connect-dialog.h"
#include "tally-import-wizard.h"
#include "tally-pull-dialog.h"
#include "tally-widget-util.h"
#include "tally-window-private.h"


static const char * const page_actions[] = {
  "win.show-report", "win.show-charts", "win.show-mismatch", "win.show-data", "win.show-dictionary", "win.show-settings",
  "win.import", "win.connect-meta", "win.pull-meta", "win.update-fx", "win.export-report-pdf", "win.export-report-csv", "win.export-dictionary-csv",
  "win.export-dictionary-markdown", NULL
};

G_DEFINE_FINAL_TYPE (TallyWindow, tally_window, GTK_TYPE_APPLICATION_WINDOW)

static TallyApplication *
get_application (TallyWindow *self)
{
  return TALLY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
show_error (TallyWindow *self,
            const char  *title,
            const char  *message)
{
  _tally_widget_show_error (GTK_WIDGET (self), title, message);
}

/* The rules in force, always above the numbers. */
static void
update_rules (TallyWindow *self)
{
  const TallySettingSpec *window_spec = tally_settings_lookup ("attribution_window");
  const TallySettingSpec *basis_spec = tally_settings_lookup ("revenue_basis");
  g_autofree char *name = tally_project_get_setting (self->project, "name");
  g_autofree char *window = tally_project_get_setting (self->project, "attribution_window");
  g_autofree char *timezone = tally_project_get_setting (self->project, "timezone");
  g_autofree char *currency = tally_project_get_setting (self->project, "reporting_currency");
  g_autofree char *basis = tally_project_get_setting (self->project, "revenue_basis");
  g_autofree char *rules = NULL;
  g_autofree char *title = NULL;

  /* Translators: the rules every number of the report follows */
  rules = g_strdup_printf (_("Attribution: %s  ·  Timezone: %s  ·  Currency: %s  ·  Revenue: %s"),
                           tally_settings_get_choice_label (window_spec, window), timezone, currency,
                           tally_settings_get_choice_label (basis_spec, basis));
  gtk_label_set_label (self->rules_label, rules);
  gtk_label_set_label (self->client_label, name);

  /* Translators: the window title, "<client> — Tally" */
  title = g_strdup_printf (_("%s — Tally"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
setting_changed_cb (TallyWindow  *self,
                    const char   *key,
                    TallyProject *project)
{
  update_rules (self);
}

static void
set_project (TallyWindow  *self,
             TallyProject *project)
{
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);

  g_signal_connect_object (project, "setting-changed", G_CALLBACK (setting_changed_cb),
                           self, G_CONNECT_SWAPPED);

  tally_report_model_set_project (self->report_model, project);
  tally_data_page_set_project (self->data_page, project);
  tally_dictionary_page_set_project (self->dictionary_page, project);
  tally_settings_page_set_project (self->settings_page, project);
  update_rules (self);

  gtk_stack_set_visible_child_name (self->main_stack, "project");
  gtk_stack_set_visible_child_name (self->title_stack, "switcher");
  gtk_stack_set_visible_child_name (self->pages_stack, "report");
  for (guint i = 0; page_actions[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), page_actions[i], TRUE);

  tally_application_add_recent (get_application (self), tally_project_get_path (project));
}

/* Loads @project here, or in a new window when this one shows a project. */
static void
present_project (TallyWindow  *self,
                 TallyProject *project)
{
  TallyWindow *target = self;

  if (self->project != NULL)
    target = tally_window_new (get_application (self));

  set_project (target, project);
  gtk_window_present (GTK_WINDOW (target));
}

/**
 * tally_window_load_file:
 * @self: a window
 * @file: a project file
 *
 * Opens @file in this window, or shows why it cannot be opened.
 *
 * Returns: whether the project was opened
 */
gboolean
tally_window_load_file (TallyWindow *self,
                        GFile       *file)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TALLY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      show_error (self, _("The project could not be opened"), uri);
      return FALSE;
    }

  project = tally_project_open (path, &error);
  if (project == NULL)
    {
      show_error (self, _("The project could not be opened"), error->message);
      return FALSE;
    }

  present_project (self, project);
  return TRUE;
}

TallyProject *
tally_window_get_project (TallyWindow *self)
{
  g_return_val_if_fail (TALLY_IS_WINDOW (self), NULL);

  return self->project;
}

/* File choosers ---------------------------------------------------------- */

static GtkFileFilter *
new_project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tally projects"));
  gtk_file_filter_add_pattern (filter, "*.tally");
  gtk_file_filter_add_mime_type (filter, "application/x-tally-project");
  return filter;
}

static void
new_response_cb (TallyWindow          *self,
                 int                   response,
                 GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, ".tally"))
    {
      char *with_extension = g_strconcat (path, ".tally", NULL);

      g_free (path);
      path = with_extension;
    }

  if (path == NULL)
    {
      show_error (self, _("The project could not be created"),
                  _("Choose a folder on this computer for the project file."));
      return;
    }

  project = tally_project_create (path, NULL, &error);
  if (project == NULL)
    {
      show_error (self, _("The project could not be created"), error->message);
      return;
    }

  present_project (self, project);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Client.tally"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), new_project_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (new_response_cb), self);

  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
open_response_cb (TallyWindow          *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    tally_window_load_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), new_project_filter ());
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (open_response_cb), self);

  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  tally_window_load_file (TALLY_WINDOW (widget), file);
}

/* The demo client lives in the user's data folder; it is made on first use
 * and opened as it is afterwards. */
static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tally", NULL);
  g_autofree char *path = g_build_filename (dir, "Casa Jacaranda (demo).tally", NULL);
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    project = tally_project_open (path, &error);
  else if (g_mkdir_with_parents (dir, 0700) == 0)
    project = tally_demo_create (path, &error);
  else
    g_set_error (&error, TALLY_ERROR, TALLY_ERROR_IO,
                 _("The folder “%s” could not be created; check that you can write to your home folder."), dir);

  if (project == NULL)
    {
      show_error (self, _("The demo client could not be opened"), error->message);
      return;
    }

  present_project (self, project);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  /* "win.show-report" shows the page "report". */
  gtk_stack_set_visible_child_name (self->pages_stack, action_name + strlen ("win.show-"));
}

/* Import ------------------------------------------------------------------ */

/**
 * tally_window_import_files:
 * @self: a window showing a project
 * @files: (element-type GFile): exports to import
 *
 * Opens the import wizard on @files.
 */
void
tally_window_import_files (TallyWindow *self,
                           GPtrArray   *files)
{
  TallyImportWizard *wizard;

  g_return_if_fail (TALLY_IS_WINDOW (self));

  if (self->project == NULL)
    {
      show_error (self, _("There is no project to import into"),
                  _("Create a project for the client, or open one, then import its exports."));
      return;
    }

  wizard = tally_import_wizard_new (GTK_WINDOW (self), self->project, files);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
import_response_cb (TallyWindow          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (files == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  if (list->len > 0)
    tally_window_import_files (self, list);
}

static void
connect_meta_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (tally_connect_dialog_new (GTK_WINDOW (self), self->project)));
}

/* "win.pull-meta" and "win.update-fx": a pull, in a dialog of its own. */
static void
pull_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  TallyPullKind kind = g_str_equal (action_name, "win.pull-meta") ? TALLY_PULL_META : TALLY_PULL_FX;

  gtk_window_present (GTK_WINDOW (tally_pull_dialog_new (GTK_WINDOW (self), self->project, kind)));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *exports = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose Files to Import"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  /* Exports usually sit beside the client's project. */
  {
    g_autoptr(GFile) project_file = g_file_new_for_path (tally_project_get_path (self->project));
    g_autoptr(GFile) folder = g_file_get_parent (project_file);

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_file_filter_set_name (exports, _("Exports (CSV, Excel, JSON, XML)"));
  for (const char * const *p = (const char * const[]) { "*.csv", "*.CSV", "*.tsv", "*.txt", "*.xlsx", "*.json", "*.xml", NULL };
       *p != NULL; p++)
    gtk_file_filter_add_pattern (exports, *p);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (import_response_cb), self);

  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* Dropped files: a project opens; exports go to the import wizard. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TallyWindow   *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) exports = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".tally"))
        tally_window_load_file (self, l->data);
      else
        g_ptr_array_add (exports, g_object_ref (l->data));
    }

  if (exports->len > 0)
    tally_window_import_files (self, exports);
  return TRUE;
}

/* Window life ------------------------------------------------------------ */

static gboolean
tally_window_close_request (GtkWindow *window)
{
  TallyWindow *self = TALLY_WINDOW (window);
  GSettings *settings = tally_application_get_settings (get_application (self));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (tally_window_parent_class)->close_request (window);
}

/* The application is set after construction, so the window's saved size
 * and the recent menu are applied once it is known. */
static void
restore_state (TallyWindow *self)
{
  TallyApplication *app = get_application (self);
  GSettings *settings = tally_application_get_settings (app);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_menu_button_set_menu_model (self->recent_button, tally_application_get_recent_menu (app));

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
tally_window_dispose (GObject *object)
{
  TallyWindow *self = TALLY_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  if (self->report_model != NULL)
    tally_report_model_set_project (self->report_model, NULL);
  g_clear_object (&self->report_model);

  /* GtkWindow itself drops its child and titlebar: unparenting them here
   * as well would leave it a dangling pointer. */

  G_OBJECT_CLASS (tally_window_parent_class)->dispose (object);
}

static void
tally_window_class_init (TallyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tally_window_dispose;
  window_class->close_request = tally_window_close_request;

  g_type_ensure (TALLY_TYPE_REPORT_PAGE);
  g_type_ensure (TALLY_TYPE_CHARTS_PAGE);
  g_type_ensure (TALLY_TYPE_MISMATCH_PAGE);
  g_type_ensure (TALLY_TYPE_DATA_PAGE);
  g_type_ensure (TALLY_TYPE_DICTIONARY_PAGE);
  g_type_ensure (TALLY_TYPE_SETTINGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, charts_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, mismatch_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, dictionary_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, settings_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, client_label);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, rules_label);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.connect-meta", NULL, connect_meta_action);
  gtk_widget_class_install_action (widget_class, "win.pull-meta", NULL, pull_action);
  gtk_widget_class_install_action (widget_class, "win.update-fx", NULL, pull_action);
  gtk_widget_class_install_action (widget_class, "win.export-report-pdf", NULL, _tally_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-report-csv", NULL, _tally_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-dictionary-csv", NULL, _tally_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-dictionary-markdown", NULL, _tally_window_export_action);
  for (guint i = 0; i < 6; i++)
    gtk_widget_class_install_action (widget_class, page_actions[i], NULL, show_page_action);
}

static void
tally_window_init (TallyWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->report_model = tally_report_model_new ();
  tally_report_page_set_model (self->report_page, self->report_model);
  tally_charts_page_set_model (self->charts_page, self->report_model);
  tally_mismatch_page_set_model (self->mismatch_page, self->report_model);
  g_object_bind_property (self->report_model, "busy", self->busy_spinner, "spinning", G_BINDING_SYNC_CREATE);

  for (guint i = 0; page_actions[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), page_actions[i], FALSE);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

TallyWindow *
tally_window_new (TallyApplication *application)
{
  TallyWindow *self;

  g_return_val_if_fail (TALLY_IS_APPLICATION (application), NULL);

  self = g_object_new (TALLY_TYPE_WINDOW, "application", application, NULL);
  restore_state (self);
  return self;
}
