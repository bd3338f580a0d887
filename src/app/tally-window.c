/* tally-window.c: the main window
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-setting-item.h"
#include "tally-window.h"

struct _TallyWindow
{
  GtkApplicationWindow  parent_instance;

  TallyProject         *project;
  GListStore           *settings_store;
  GListStore           *dictionary_store;
  GtkNativeDialog      *chooser;

  /* Template widgets */
  GtkStack             *main_stack;
  GtkStack             *title_stack;
  GtkStack             *pages_stack;
  GtkMenuButton        *recent_button;
  GtkColumnView        *settings_view;
  GtkColumnView        *dictionary_view;
  GtkLabel             *client_label;
  GtkLabel             *rules_label;
};

G_DEFINE_FINAL_TYPE (TallyWindow, tally_window, GTK_TYPE_APPLICATION_WINDOW)

static TallyApplication *
get_application (TallyWindow *self)
{
  return TALLY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* Shows @message, the same sentence tally-cli prints, in a modal dialog. */
static void
show_error (TallyWindow *self,
            const char  *title,
            const char  *message)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
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
fill_settings (TallyWindow *self)
{
  g_auto(GStrv) keys = tally_project_list_setting_keys (self->project);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (items, tally_setting_item_new (self->project, keys[i]));

  g_list_store_splice (self->settings_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->settings_store)),
                       items->pdata, items->len);
}

static void
fill_dictionary (TallyWindow *self)
{
  g_autoptr(GPtrArray) kpis = NULL;
  g_autoptr(GError) error = NULL;

  kpis = tally_dictionary_list (self->project, &error);
  if (kpis == NULL)
    {
      show_error (self, _("The KPI dictionary could not be read"), error->message);
      return;
    }

  g_list_store_splice (self->dictionary_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->dictionary_store)),
                       kpis->pdata, kpis->len);
}

static void
setting_changed_cb (TallyWindow  *self,
                    const char   *key,
                    TallyProject *project)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->settings_store));

  /* Unset keys follow others, so every row may read differently now. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallySettingItem) item = g_list_model_get_item (G_LIST_MODEL (self->settings_store), i);

      tally_setting_item_refresh (item, project);
    }

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
  g_signal_connect_object (project, "dictionary-changed", G_CALLBACK (fill_dictionary),
                           self, G_CONNECT_SWAPPED);

  fill_settings (self);
  fill_dictionary (self);
  update_rules (self);

  gtk_stack_set_visible_child_name (self->main_stack, "project");
  gtk_stack_set_visible_child_name (self->title_stack, "switcher");
  gtk_stack_set_visible_child_name (self->pages_stack, "settings");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-settings", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-dictionary", TRUE);

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

  if (g_str_equal (action_name, "win.show-settings"))
    gtk_stack_set_visible_child_name (self->pages_stack, "settings");
  else
    gtk_stack_set_visible_child_name (self->pages_stack, "dictionary");
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
  g_clear_object (&self->settings_store);
  g_clear_object (&self->dictionary_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_WINDOW);

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

  g_type_ensure (TALLY_TYPE_KPI);
  g_type_ensure (TALLY_TYPE_SETTING_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, settings_view);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, dictionary_view);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, client_label);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, rules_label);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-settings", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-dictionary", NULL, show_page_action);
}

static void
tally_window_init (TallyWindow *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings_store = g_list_store_new (TALLY_TYPE_SETTING_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->settings_store)));
  gtk_column_view_set_model (self->settings_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  self->dictionary_store = g_list_store_new (TALLY_TYPE_KPI);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->dictionary_store)));
  gtk_column_view_set_model (self->dictionary_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-settings", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-dictionary", FALSE);
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
