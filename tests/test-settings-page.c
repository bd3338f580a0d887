/* test-settings-page.c: the Settings page, as a person edits it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new project in UTC and US dollars, its Settings page in a window; each
 * kind of editor is used as a person would (typing and Enter, picking from
 * a list, flipping a switch, adding and removing a fixed rate), then the
 * project is asked what it stores. A value the project refuses shows its
 * reason under the row and leaves the stored value as it was.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-choice-editor.h"
#include "tally-rates-editor.h"
#include "tally-setting-row.h"
#include "tally-settings-page.h"
#include "tally-test-gtk.h"
#include "tally-test-utils.h"

typedef struct
{
  char         *dir;
  TallyProject *project;
  GtkWidget    *window;
  GtkWidget    *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const settings[] = { "timezone", "UTC", "reporting_currency", "USD", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "settings.tally", NULL);
  fixture->project = tally_project_create (path, settings, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->page = g_object_new (TALLY_TYPE_SETTINGS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  tally_settings_page_set_project (TALLY_SETTINGS_PAGE (fixture->page), fixture->project);
  gtk_window_present (GTK_WINDOW (fixture->window));
  tally_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  tally_test_iterate ();
  g_clear_object (&fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static TallySettingRow *
find_row_under (GtkWidget  *widget,
                const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TallySettingRow *found;

      if (TALLY_IS_SETTING_ROW (child) && g_str_equal (tally_setting_row_get_key (TALLY_SETTING_ROW (child)), key))
        return TALLY_SETTING_ROW (child);
      if ((found = find_row_under (child, key)) != NULL)
        return found;
    }

  return NULL;
}

static TallySettingRow *
find_row (Fixture    *fixture,
          const char *key)
{
  TallySettingRow *row = find_row_under (fixture->page, key);

  if (row == NULL)
    g_error ("No row for %s on the page", key);
  return row;
}

/* The widget a person types in or picks from. */
static GtkWidget *
get_target (Fixture    *fixture,
            const char *key)
{
  return tally_setting_editor_get_target (tally_setting_row_get_editor (find_row (fixture, key)));
}

static char *
get_setting (Fixture    *fixture,
             const char *key)
{
  return tally_project_get_setting (fixture->project, key);
}

static void
type_and_enter (GtkWidget  *widget,
                const char *text)
{
  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_update (GTK_SPIN_BUTTON (widget));   /* what Enter does */
  else
    g_signal_emit_by_name (widget, "activate");           /* what Enter does */
  tally_test_iterate ();
}

static void
pick (GtkWidget  *dropdown,
      const char *label)
{
  GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          tally_test_iterate ();
          return;
        }
    }

  g_error ("The drop-down offers no “%s”", label);
}

/* GtkButton's activate emits "clicked" only after a pause. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  tally_test_iterate ();
}

static const char *
shown_choice (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* The client name: typed and saved; an empty name is refused. */
static void
test_entry (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *entry = get_target (fixture, "name");
  g_autofree char *name = NULL;
  g_autofree char *refused = NULL;

  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_true (tally_test_has_label (entry, "Client name"));

  type_and_enter (entry, "Acme Ltd");
  name = get_setting (fixture, "name");
  g_assert_cmpstr (name, ==, "Acme Ltd");
  g_assert_null (tally_setting_row_get_error (find_row (fixture, "name")));

  /* The API version wants "v" and two numbers with a dot. */
  entry = get_target (fixture, "meta_api_version");
  type_and_enter (entry, "v25");
  refused = get_setting (fixture, "meta_api_version");
  g_assert_cmpstr (refused, ==, "v25.0");
  g_assert_cmpstr (tally_setting_row_get_error (find_row (fixture, "meta_api_version")), ==,
                   "meta_api_version must be a Graph API version such as v25.0, not “v25”.");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "v25");

  /* Corrected, the error goes. */
  type_and_enter (entry, "v24.0");
  g_clear_pointer (&refused, g_free);
  refused = get_setting (fixture, "meta_api_version");
  g_assert_cmpstr (refused, ==, "v24.0");
  g_assert_null (tally_setting_row_get_error (find_row (fixture, "meta_api_version")));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
}

/* The tax rate: "0,16" is read as 0.16; 1.5 is over the top of 0 to 1. */
static void
test_number (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *spin = get_target (fixture, "tax_rate");
  TallySettingRow *row = find_row (fixture, "tax_rate");
  g_autofree char *rate = NULL;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.00");

  type_and_enter (spin, "0,16");
  rate = get_setting (fixture, "tax_rate");
  g_assert_cmpstr (rate, ==, "0.16");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.16");

  type_and_enter (spin, "1.5");
  g_clear_pointer (&rate, g_free);
  rate = get_setting (fixture, "tax_rate");
  g_assert_cmpstr (rate, ==, "0.16");
  g_assert_cmpstr (tally_setting_row_get_error (row), ==,
                   "tax_rate must be a number from 0 to 1 written with a dot, such as 0.16 for 16 %, not “1.5”.");
  /* The refused text stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1.5");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));

  /* Whole days only: 21 is saved as it is. */
  spin = get_target (fixture, "restatement_days");
  type_and_enter (spin, "21");
  g_clear_pointer (&rate, g_free);
  rate = get_setting (fixture, "restatement_days");
  g_assert_cmpstr (rate, ==, "21");
}

/* Drop-downs: a choice, and a zone that the unset CRM zone follows. */
static void
test_choice (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window_dropdown = get_target (fixture, "attribution_window");
  GtkWidget *crm_zone = get_target (fixture, "crm_timezone");
  g_autofree char *window = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *crm = NULL;

  g_assert_true (GTK_IS_DROP_DOWN (window_dropdown));
  g_assert_cmpstr (shown_choice (window_dropdown), ==, "7-day click or 1-day view");
  pick (window_dropdown, "28-day click");
  window = get_setting (fixture, "attribution_window");
  g_assert_cmpstr (window, ==, "28d_click");

  g_assert_cmpstr (shown_choice (crm_zone), ==, "Same as the reporting timezone (UTC)");
  pick (get_target (fixture, "timezone"), "America/Bogota");
  zone = get_setting (fixture, "timezone");
  g_assert_cmpstr (zone, ==, "America/Bogota");
  /* Still unset, and saying what it follows now. */
  crm = get_setting (fixture, "crm_timezone");
  g_assert_null (crm);
  g_assert_cmpstr (shown_choice (crm_zone), ==, "Same as the reporting timezone (America/Bogota)");
}

static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *toggle = get_target (fixture, "store_raw_pii");
  g_autofree char *before = get_setting (fixture, "store_raw_pii");
  g_autofree char *after = NULL;

  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_cmpstr (before, ==, "false");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);     /* what a click does */
  tally_test_iterate ();
  after = get_setting (fixture, "store_raw_pii");
  g_assert_cmpstr (after, ==, "true");
}

/* The add-a-rate row: an empty rate is explained, "18,25" for EUR adds a
 * row for it, and its trash button takes it away again. */
static void
test_rates (Fixture       *fixture,
            gconstpointer  data)
{
  TallySettingRow *add_row = find_row (fixture, "fx_fixed.");
  GtkWidget *editor = GTK_WIDGET (tally_setting_row_get_editor (add_row));
  GtkWidget *currency = tally_test_find_widget (editor, GTK_TYPE_DROP_DOWN, "Currency of the new fixed rate");
  GtkWidget *rate = tally_test_find_widget (editor, GTK_TYPE_ENTRY, "Rate of the new fixed rate");
  GtkWidget *add = gtk_widget_get_ancestor (tally_test_find_label (editor, "_Add"), GTK_TYPE_BUTTON);
  TallySettingRow *eur_row;
  GtkWidget *remove;
  g_autofree char *stored = NULL;

  g_assert_true (TALLY_IS_RATES_EDITOR (editor));
  g_assert_nonnull (currency);
  g_assert_nonnull (rate);
  /* In a dollar project the first pick is the euro. */
  g_assert_cmpstr (shown_choice (currency), ==, "EUR — Euro");
  g_assert_null (find_row_under (fixture->page, "fx_fixed.EUR"));

  click (add);
  stored = get_setting (fixture, "fx_fixed.EUR");
  g_assert_null (stored);
  g_assert_cmpstr (tally_setting_row_get_error (add_row), ==, "Type how many USD one EUR is worth, such as 18.25.");

  gtk_editable_set_text (GTK_EDITABLE (rate), "18,25");
  click (add);
  stored = get_setting (fixture, "fx_fixed.EUR");
  g_assert_cmpstr (stored, ==, "18.25");
  g_assert_null (tally_setting_row_get_error (add_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rate)), ==, "");

  eur_row = find_row (fixture, "fx_fixed.EUR");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_target (fixture, "fx_fixed.EUR"))), ==, 18.25);
  remove = tally_test_find_widget (GTK_WIDGET (eur_row), GTK_TYPE_BUTTON, "Remove the fixed rate for EUR");
  g_assert_nonnull (remove);
  click (remove);
  g_clear_pointer (&stored, g_free);
  stored = get_setting (fixture, "fx_fixed.EUR");
  g_assert_null (stored);
  g_assert_null (find_row_under (fixture->page, "fx_fixed.EUR"));
}

int
main (int   argc,
      char *argv[])
{
  if (!tally_test_init_gtk (&argc, &argv))
    return g_test_run ();

  g_test_add ("/tally/settings-page/entry", Fixture, NULL, fixture_set_up, test_entry, fixture_tear_down);
  g_test_add ("/tally/settings-page/number", Fixture, NULL, fixture_set_up, test_number, fixture_tear_down);
  g_test_add ("/tally/settings-page/choice", Fixture, NULL, fixture_set_up, test_choice, fixture_tear_down);
  g_test_add ("/tally/settings-page/switch", Fixture, NULL, fixture_set_up, test_switch, fixture_tear_down);
  g_test_add ("/tally/settings-page/rates", Fixture, NULL, fixture_set_up, test_rates, fixture_tear_down);
  return g_test_run ();
}
