/* tally-application.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-application.h"
#include "tally-window.h"

#define MAX_RECENT 10

struct _TallyApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GMenu          *recent_menu;
};

G_DEFINE_FINAL_TYPE (TallyApplication, tally_application, GTK_TYPE_APPLICATION)

TallyApplication *
tally_application_new (void)
{
  return g_object_new (TALLY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
tally_application_get_settings (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * tally_application_get_recent_menu:
 *
 * Returns: (transfer none): a menu of the recent projects, kept up to date
 */
GMenuModel *
tally_application_get_recent_menu (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

static void
rebuild_recent_menu (TallyApplication *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GMenu) section = g_menu_new ();
  guint n = 0;

  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (paths[i], G_FILE_TEST_EXISTS))
        continue;

      label = g_filename_display_basename (paths[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (paths[i]));
      g_menu_append_item (section, item);
      n++;
    }

  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Projects"), "win.no-recent");

      g_menu_append_item (section, item);
    }

  g_menu_append_section (self->recent_menu, _("Recent Projects"), G_MENU_MODEL (section));
}

/**
 * tally_application_add_recent:
 * @self: the application
 * @path: a project that was just opened
 *
 * Puts @path first in the recent projects.
 */
void
tally_application_add_recent (TallyApplication *self,
                              const char       *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  g_return_if_fail (TALLY_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) paths);
}

/* Opens in the active window when it is still empty, else in a new one. */
static TallyWindow *
get_window_for_project (TallyApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TALLY_IS_WINDOW (window) && tally_window_get_project (TALLY_WINDOW (window)) == NULL)
    return TALLY_WINDOW (window);

  return tally_window_new (self);
}

static void
tally_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tally_window_new (TALLY_APPLICATION (app)));

  gtk_window_present (window);
}

static void
tally_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  TallyApplication *self = TALLY_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      TallyWindow *window = get_window_for_project (self);

      gtk_window_present (GTK_WINDOW (window));
      tally_window_load_file (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *authors[] = { "The Tally authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", _("Tally"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Reconciles Meta Ads with the CRM into one CAC and ROAS report."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "copyright", "© 2026 The Tally authors",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
recent_projects_changed_cb (TallyApplication *self)
{
  rebuild_recent_menu (self);
}

static void
tally_application_startup (GApplication *app)
{
  TallyApplication *self = TALLY_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const struct { const char *action; const char *accels[2]; } page_accels[] = {
    { "win.show-report", { "<Alt>1", NULL } },
    { "win.show-charts", { "<Alt>2", NULL } },
    { "win.show-mismatch", { "<Alt>3", NULL } },
    { "win.show-data", { "<Alt>4", NULL } },
    { "win.show-dictionary", { "<Alt>5", NULL } },
    { "win.show-settings", { "<Alt>6", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export-report-pdf", { "<Control>p", NULL } },
    { "win.export-report-csv", { "<Control>e", NULL } },
  };

  G_APPLICATION_CLASS (tally_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  for (guint i = 0; i < G_N_ELEMENTS (page_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), page_accels[i].action, page_accels[i].accels);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->settings = g_settings_new ("io.github.tallyapp.Tally");
  self->recent_menu = g_menu_new ();
  g_signal_connect_swapped (self->settings, "changed::recent-projects",
                            G_CALLBACK (recent_projects_changed_cb), self);
  rebuild_recent_menu (self);
}

static void
tally_application_dispose (GObject *object)
{
  TallyApplication *self = TALLY_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (tally_application_parent_class)->dispose (object);
}

static void
tally_application_class_init (TallyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tally_application_dispose;
  app_class->startup = tally_application_startup;
  app_class->activate = tally_application_activate;
  app_class->open = tally_application_open;
}

static void
tally_application_init (TallyApplication *self)
{
}
