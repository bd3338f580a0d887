/* tally-settings-page.c: the Settings page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-settings.h"
#include "tally-setting-row.h"
#include "tally-settings-page.h"

struct _TallySettingsPage
{
  GtkWidget          parent_instance;

  TallyProject      *project;
  GPtrArray         *rows;              /* every TallySettingRow on the page */
  GtkListBox        *fixed_rates_list;
  TallySettingRow   *add_rate_row;

  GtkScrolledWindow *scrolled_window;
  GtkLabel          *read_only_label;
  GtkBox            *sections_box;
};

G_DEFINE_FINAL_TYPE (TallySettingsPage, tally_settings_page, GTK_TYPE_WIDGET)

typedef struct
{
  const char         *title;
  const char * const *keys;
} Section;

/* SPEC section 3 grouped by what an analyst sets together. The bare
 * `fx_fixed.` prefix stands for the fixed rates and the row adding one. */
static const char * const client_keys[] = { "name", "scope", NULL };
static const char * const time_keys[] = {
  "timezone", "meta_account_timezone", "crm_timezone", "restatement_days", NULL
};
static const char * const attribution_keys[] = {
  "attribution_window", "meta_conversion_event", "clicks_definition", "meta_source_values",
  "crm_attribution_model", NULL
};
static const char * const money_keys[] = {
  "reporting_currency", "crm_currency", "fx_rule", "tax_rate", "fee_rate", NULL
};
static const char * const fixed_rate_keys[] = { TALLY_SETTING_FX_FIXED_PREFIX, NULL };
static const char * const revenue_keys[] = { "revenue_basis", "refund_policy", NULL };
static const char * const crm_keys[] = { "customer_stages", "lead_dedup_days", NULL };
static const char * const privacy_keys[] = { "store_raw_pii", "default_country_code", NULL };
static const char * const threshold_keys[] = {
  "meta_crm_tolerance", "lpv_ratio_min", "match_quality_drop_points", "view_through_share_max",
  "all_clicks_ratio_max", "sessions_ratio_min", "utm_missing_share_max", "unmatched_share_max",
  "duplicate_lead_share_max", "refund_share_max", "day_shift_share_max", NULL
};
static const char * const connection_keys[] = {
  "meta_account_id", "meta_api_base_url", "meta_api_version", "fx_feed_url", NULL
};

static const Section sections[] = {
  { N_("Client"), client_keys },
  { N_("Time"), time_keys },
  { N_("Attribution and conversions"), attribution_keys },
  { N_("Money"), money_keys },
  { N_("Fixed exchange rates"), fixed_rate_keys },
  { N_("Revenue"), revenue_keys },
  { N_("CRM"), crm_keys },
  { N_("Privacy"), privacy_keys },
  { N_("Mismatch map thresholds"), threshold_keys },
  { N_("Connections"), connection_keys },
};

static char *
describe_section (const char * const *keys)
{
  const TallySettingSpec *fx_rule = tally_settings_lookup ("fx_rule");

  if (keys == fixed_rate_keys)
    /* Translators: %s is the choice "Fixed rates" of the exchange rate rule */
    return g_strdup_printf (_("Used when the exchange rate rule is “%s”."),
                            tally_settings_get_choice_label (fx_rule, "fixed"));
  if (keys == threshold_keys)
    return g_strdup (_("How far the numbers may drift before a check of the mismatch map warns."));

  return NULL;
}

/* A heading and a framed list, in the look of a GNOME preferences group. */
static GtkListBox *
add_section (TallySettingsPage *self,
             const char        *title,
             const char        *description)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 18);
  gtk_box_append (self->sections_box, heading);

  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->sections_box, label);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_show_separators (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  /* The list's square corners stay inside the frame's round ones. */
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_margin_top (frame, 6);
  gtk_frame_set_child (GTK_FRAME (frame), list);
  gtk_box_append (self->sections_box, frame);

  return GTK_LIST_BOX (list);
}

static TallySettingRow *
create_row (TallySettingsPage *self,
            const char        *key)
{
  TallySettingRow *row = tally_setting_row_new (self->project, key);

  g_ptr_array_add (self->rows, g_object_ref (row));
  return row;
}

static void
add_fixed_rates (TallySettingsPage *self,
                 GtkListBox        *list)
{
  g_auto(GStrv) keys = tally_project_list_setting_keys (self->project);

  self->fixed_rates_list = list;
  for (guint i = 0; keys[i] != NULL; i++)
    if (tally_settings_is_fx_fixed_key (keys[i]))
      gtk_list_box_append (list, GTK_WIDGET (create_row (self, keys[i])));

  self->add_rate_row = create_row (self, TALLY_SETTING_FX_FIXED_PREFIX);
  gtk_list_box_append (list, GTK_WIDGET (self->add_rate_row));
}

static void
fill (TallySettingsPage *self)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  const TallySettingSpec *specs;
  GtkListBox *others = NULL;
  gboolean read_only = tally_project_is_read_only (self->project);
  guint n_specs;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *description = describe_section (sections[i].keys);
      GtkListBox *list = add_section (self, _(sections[i].title), description);

      for (const char * const *key = sections[i].keys; *key != NULL; key++)
        {
          if (g_str_equal (*key, TALLY_SETTING_FX_FIXED_PREFIX))
            add_fixed_rates (self, list);
          else if (tally_settings_lookup (*key) != NULL)
            gtk_list_box_append (list, GTK_WIDGET (create_row (self, *key)));
          g_hash_table_add (placed, (gpointer) *key);
        }
    }

  /* A setting the core gains later still gets a row. */
  specs = tally_settings_get_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      if (g_hash_table_contains (placed, specs[i].key))
        continue;
      if (others == NULL)
        others = add_section (self, _("Other"), NULL);
      gtk_list_box_append (others, GTK_WIDGET (create_row (self, specs[i].key)));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->sections_box), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), read_only);
}

static void
unbind_rows (TallySettingsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    tally_setting_row_unbind (g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
clear (TallySettingsPage *self)
{
  GtkWidget *child;

  unbind_rows (self);
  self->fixed_rates_list = NULL;
  self->add_rate_row = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
}

static TallySettingRow *
find_row (TallySettingsPage *self,
          const char        *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      TallySettingRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (tally_setting_row_get_key (row), key))
        return row;
    }

  return NULL;
}

/* Fixed rates stay sorted by currency, above the row that adds one. */
static int
find_rate_position (TallySettingsPage *self,
                    const char        *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->fixed_rates_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!TALLY_IS_SETTING_ROW (child) || child == GTK_WIDGET (self->add_rate_row))
        continue;
      if (g_strcmp0 (tally_setting_row_get_key (TALLY_SETTING_ROW (child)), key) > 0)
        return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (child));
    }

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->add_rate_row));
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
remove_rate_row (TallySettingsPage *self,
                 TallySettingRow   *row)
{
  gboolean had_focus = contains_focus (GTK_WIDGET (row));

  tally_setting_row_unbind (row);
  gtk_list_box_remove (self->fixed_rates_list, GTK_WIDGET (row));
  g_ptr_array_remove (self->rows, row);

  /* The remove button had the focus: keep the keyboard in the list. */
  if (had_focus)
    gtk_widget_child_focus (GTK_WIDGET (self->add_rate_row), GTK_DIR_TAB_FORWARD);
}

/* A fixed rate was added, changed or removed. */
static void
sync_fixed_rate (TallySettingsPage *self,
                 const char        *key)
{
  g_autofree char *value = tally_project_get_setting (self->project, key);
  TallySettingRow *row = find_row (self, key);

  if (value == NULL && row != NULL)
    remove_rate_row (self, row);
  else if (value != NULL && row == NULL)
    gtk_list_box_insert (self->fixed_rates_list, GTK_WIDGET (create_row (self, key)),
                         find_rate_position (self, key));
}

static void
setting_changed_cb (TallySettingsPage *self,
                    const char        *key,
                    TallyProject      *project)
{
  if (self->fixed_rates_list != NULL && tally_settings_is_fx_fixed_key (key))
    sync_fixed_rate (self, key);

  /* Unset keys follow others and fixed rates name the reporting currency,
   * so any row may read differently now; each one changes its editor only
   * when what it shows differs, and never saves while doing so. */
  for (guint i = 0; i < self->rows->len; i++)
    tally_setting_row_refresh (g_ptr_array_index (self->rows, i));
}

/**
 * tally_settings_page_set_project:
 * @self: the page
 * @project: (nullable): the project whose settings to edit, or %NULL
 */
void
tally_settings_page_set_project (TallySettingsPage *self,
                                 TallyProject      *project)
{
  g_return_if_fail (TALLY_IS_SETTINGS_PAGE (self));
  g_return_if_fail (project == NULL || TALLY_IS_PROJECT (project));

  if (project != NULL && project == self->project)
    {
      setting_changed_cb (self, "", project);
      return;
    }

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  clear (self);
  g_set_object (&self->project, project);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (project == NULL)
    return;

  g_signal_connect_object (project, "setting-changed", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  fill (self);
}

static void
tally_settings_page_dispose (GObject *object)
{
  TallySettingsPage *self = TALLY_SETTINGS_PAGE (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->rows != NULL)
    unbind_rows (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->fixed_rates_list = NULL;
  self->add_rate_row = NULL;
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (tally_settings_page_parent_class)->dispose (object);
}

static void
tally_settings_page_class_init (TallySettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_settings_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/tally-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallySettingsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TallySettingsPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TallySettingsPage, sections_box);
}

static void
tally_settings_page_init (TallySettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}
