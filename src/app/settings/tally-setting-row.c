/* tally-setting-row.c: one setting of the Settings page, with its editor
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-setting-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-setting-row.h"

/* The core keeps ten significant digits of a number; a spin button never
 * needs more decimals than that to show a stored value exactly. */
#define MAX_DIGITS 10

struct _TallySettingRow
{
  GtkListBoxRow           parent_instance;

  TallyProject           *project;
  char                   *key;
  const TallySettingSpec *spec;          /* NULL in the add-a-rate row */

  GtkWidget              *editor;        /* the widget holding the value */
  GtkWidget              *rate_entry;    /* the add-a-rate row's rate */
  GtkStringList          *items;         /* drop-downs: what each item reads */
  GPtrArray              *values;        /* drop-downs: each item's value, "" unsets */
  char                   *shown;         /* the stored value the editor shows */
  char                   *pending_text;  /* spin buttons: refused text kept on screen */
  double                  pending_value;
  guint                   base_digits;
  gboolean                updating;      /* the row itself is changing the editor */
  gboolean                invalid;

  GtkLabel               *title_label;
  GtkLabel               *description_label;
  GtkBox                 *editor_box;
  GtkLabel               *error_label;
};

G_DEFINE_FINAL_TYPE (TallySettingRow, tally_setting_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
get_rate_currency (TallySettingRow *self)
{
  return self->key + strlen (TALLY_SETTING_FX_FIXED_PREFIX);
}

static char *
get_effective (TallySettingRow *self,
               const char      *key)
{
  char *value = tally_project_get_effective_setting (self->project, key);

  return value != NULL ? value : g_strdup ("");
}

/* The value the editor should show: the stored one, "" for an unset
 * optional key, or the default of a key the file does not hold yet. */
static char *
get_stored_value (TallySettingRow *self)
{
  char *value = tally_project_get_setting (self->project, self->key);

  if (value != NULL)
    return value;
  if (self->spec->optional)
    return g_strdup ("");

  value = tally_project_get_effective_setting (self->project, self->key);
  if (value == NULL)
    value = g_strdup (self->spec->default_value != NULL ? self->spec->default_value : "");
  return value;
}

static char *
make_title (TallySettingRow *self)
{
  if (self->spec == NULL)
    return g_strdup (_("Add a fixed rate"));
  if (tally_settings_is_fx_fixed_key (self->key))
    /* Translators: %s is a currency code such as EUR */
    return g_strdup_printf (_("Fixed rate for %s"), get_rate_currency (self));
  return g_strdup (_(self->spec->title));
}

/* Fixed rates are read against the reporting currency, so their rows say
 * which one it is and change when it does. */
static char *
make_description (TallySettingRow *self)
{
  g_autofree char *reporting = NULL;

  if (self->spec != NULL && !tally_settings_is_fx_fixed_key (self->key))
    return g_strdup (_(self->spec->description));

  reporting = get_effective (self, "reporting_currency");
  if (self->spec == NULL)
    /* Translators: %s is the reporting currency, such as MXN */
    return g_strdup_printf (_("Pick a currency and type how many %s one unit of it is worth."),
                            reporting);

  /* Translators: "1 EUR is worth this many MXN under the fixed rule." */
  return g_strdup_printf (_("1 %s is worth this many %s under the fixed rule."),
                          get_rate_currency (self), reporting);
}

/* The first item of an optional drop-down, which unsets the key. */
static char *
make_unset_label (TallySettingRow *self)
{
  const char *follows = self->spec->follows;
  g_autofree char *effective = NULL;

  if (follows == NULL)
    return g_strdup (_("None"));

  effective = get_effective (self, follows);
  if (g_str_equal (follows, "timezone"))
    /* Translators: an unset timezone; %s is the zone it follows */
    return g_strdup_printf (_("Same as the reporting timezone (%s)"), effective);
  if (g_str_equal (follows, "reporting_currency"))
    /* Translators: an unset currency; %s is the code it follows */
    return g_strdup_printf (_("Same as the reporting currency (%s)"), effective);

  /* Translators: an unset setting, "Same as “Setting” (value)" */
  return g_strdup_printf (_("Same as “%s” (%s)"), _(tally_settings_lookup (follows)->title),
                          effective);
}

static GtkWidget *
get_error_target (TallySettingRow *self)
{
  return self->rate_entry != NULL ? self->rate_entry : self->editor;
}

/* What assistive technologies read beside the title: the error while there
 * is one; a drop-down's choice, which GTK 4.8 does not expose by itself; or
 * the row's description. */
static void
describe_editor (TallySettingRow *self)
{
  GtkWidget *target = get_error_target (self);
  const char *text = gtk_label_get_label (self->description_label);

  if (GTK_IS_DROP_DOWN (self->editor))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->editor));
      const char *choice = item != NULL ? gtk_string_object_get_string (item) : "";

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->invalid && target == self->editor ?
                                        gtk_label_get_label (self->error_label) : choice,
                                      -1);
      if (target == self->editor)
        return;
    }

  if (self->invalid)
    text = gtk_label_get_label (self->error_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* Shows @message under the row and marks the editor, or clears both. */
static void
set_invalid (TallySettingRow *self,
             const char      *message)
{
  GtkWidget *target = get_error_target (self);

  if (!self->invalid && message == NULL)
    return;

  self->invalid = message != NULL;
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (target, "error");
  else
    gtk_widget_remove_css_class (target, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  describe_editor (self);
}

/* The project names itself in front of its errors; on its own Settings
 * page that is noise. */
static void
set_error (TallySettingRow *self,
           const GError    *error)
{
  const char *name = tally_project_get_display_name (self->project);
  const char *message = error->message;

  if (name != NULL && g_str_has_prefix (message, name) &&
      g_str_has_prefix (message + strlen (name), ": "))
    message += strlen (name) + 2;

  set_invalid (self, message);
}

/* "0,16" typed in a comma-decimal locale means 0.16. */
static char *
fix_decimal_comma (const char *text)
{
  char *fixed = g_strstrip (g_strdup (text));
  const char *comma = strchr (fixed, ',');

  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (fixed, '.') == NULL)
    g_strdelimit (fixed, ",", '.');
  return fixed;
}

/* The decimals a spin button needs to show @value exactly. */
static guint
get_digits (TallySettingRow *self,
            const char      *value)
{
  const char *point = strchr (value, '.');
  guint decimals = 0;

  if (strpbrk (value, "eE") != NULL)
    return MAX_DIGITS;
  if (point != NULL)
    decimals = strspn (point + 1, "0123456789");

  return CLAMP (decimals, self->base_digits, MAX_DIGITS);
}

static char *
format_spin_value (GtkSpinButton *spin)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always with a dot: that is how the core reads and writes numbers. */
  g_snprintf (format, sizeof format, "%%.%uf", gtk_spin_button_get_digits (spin));
  g_ascii_formatd (buffer, sizeof buffer, format, gtk_spin_button_get_value (spin));
  return g_strdup (buffer);
}

static guint
find_value (TallySettingRow *self,
            const char      *value)
{
  for (guint i = 0; i < self->values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->values, i), value))
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
add_item (TallySettingRow *self,
          const char      *label,
          const char      *value)
{
  gtk_string_list_append (self->items, label);
  g_ptr_array_add (self->values, g_strdup (value));
}

/* Selects @value, adding it when the list lacks it (a zone name the
 * database knows under an older alias, say). */
static void
select_value (TallySettingRow *self,
              const char      *value)
{
  guint position = find_value (self, value);

  if (position == GTK_INVALID_LIST_POSITION && value[0] != '\0')
    {
      add_item (self, value, value);
      position = self->values->len - 1;
    }

  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->editor)) != position)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor), position);
}

static void
show_number (TallySettingRow *self,
             const char      *value)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (self->editor);

  g_clear_pointer (&self->pending_text, g_free);
  gtk_spin_button_set_digits (spin, get_digits (self, value));
  gtk_spin_button_set_value (spin, g_ascii_strtod (value, NULL));
}

/* Puts the stored value in the editor without saving it back. */
static void
show_value (TallySettingRow *self)
{
  self->updating = TRUE;

  if (GTK_IS_DROP_DOWN (self->editor))
    select_value (self, self->shown);
  else if (GTK_IS_SPIN_BUTTON (self->editor))
    show_number (self, self->shown);
  else if (GTK_IS_SWITCH (self->editor))
    gtk_switch_set_active (GTK_SWITCH (self->editor), g_str_equal (self->shown, "true"));
  else if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->editor)), self->shown) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->editor), self->shown);

  self->updating = FALSE;
  describe_editor (self);
}

/* Saves @value; a refused value stays in the editor, explained under it. */
static gboolean
save (TallySettingRow *self,
      const char      *value)
{
  g_autoptr(TallySettingRow) hold = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return FALSE;

  /* Removing a fixed rate takes its row off the page while we are here. */
  hold = g_object_ref (self);

  if (!tally_setting_save (self->project, self->key, value, &error))
    {
      set_error (self, error);
      return FALSE;
    }

  /* "setting-changed" has refreshed the row when the value changed; an
   * equal value written differently ("usd") still shows in its canonical
   * form. */
  set_invalid (self, NULL);
  if (self->shown != NULL && self->project != NULL)
    show_value (self);
  return TRUE;
}

static void
dropdown_selected_cb (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      TallySettingRow *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  describe_editor (self);

  /* The add-a-rate row's currency is saved by its Add button. */
  if (self->updating || self->spec == NULL ||
      position == GTK_INVALID_LIST_POSITION || position >= self->values->len)
    return;

  save (self, g_ptr_array_index (self->values, position));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
popup_mapped_cb (GtkWidget *search_entry)
{
  /* Each opening starts from the whole list. */
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "");
  gtk_widget_grab_focus (search_entry);
}

/* Enter in the search entry picks the first zone or currency that matches. */
static void
search_activate_cb (GtkWidget       *search_entry,
                    TallySettingRow *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (search_entry, GTK_TYPE_POPOVER);
  GtkWidget *list = popover != NULL ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GListModel *matches = NULL;
  g_autoptr(GtkStringObject) first = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (list != NULL)
    matches = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  if (matches == NULL || (first = g_list_model_get_item (matches, 0)) == NULL)
    return;

  for (guint i = 0; i < n_items; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->items, i),
                   gtk_string_object_get_string (first)) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor), i);
        break;
      }

  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* GTK 4.8 leaves the focus in the popup's list, where typing does nothing,
 * and Enter in its search entry picks nothing: the search entry takes the
 * focus when the popup opens, and Enter there picks the first match, so a
 * zone is chosen by typing its name. Without those widgets (another GTK),
 * the drop-down works as GTK made it. */
static void
make_search_typeable (TallySettingRow *self,
                      GtkWidget       *dropdown)
{
  GtkWidget *popover = find_descendant (dropdown, GTK_TYPE_POPOVER);
  GtkWidget *search_entry = NULL;

  if (popover != NULL)
    search_entry = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  if (search_entry == NULL)
    return;

  g_signal_connect_object (popover, "map", G_CALLBACK (popup_mapped_cb), search_entry,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect (search_entry, "activate", G_CALLBACK (search_activate_cb), self);
}

static GtkWidget *
create_dropdown (TallySettingRow *self,
                 gboolean         searchable)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->items)), expression);

  /* Typing a zone or a code filters hundreds of items down to a few. */
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), searchable);
  if (searchable)
    make_search_typeable (self, dropdown);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (dropdown_selected_cb), self);
  return dropdown;
}

static void
fill_choices (TallySettingRow *self)
{
  for (const TallySettingChoice *c = self->spec->choices; c->value != NULL; c++)
    add_item (self, _(c->label), c->value);
}

/* The installed zones, read once: three rows offer them, and they are made
 * again for every project opened. */
static GPtrArray *
get_timezones (void)
{
  static GPtrArray *zones = NULL;

  if (g_once_init_enter (&zones))
    g_once_init_leave (&zones, tally_timezone_list ());
  return zones;
}

static void
fill_timezones (TallySettingRow *self)
{
  GPtrArray *zones = get_timezones ();

  for (guint i = 0; i < zones->len; i++)
    add_item (self, g_ptr_array_index (zones, i), g_ptr_array_index (zones, i));
}

static void
fill_currencies (TallySettingRow *self)
{
  guint n_currencies;
  const TallyCurrency *currencies = tally_currency_list (&n_currencies);

  for (guint i = 0; i < n_currencies; i++)
    {
      /* Translators: a currency in a list, "MXN — Mexican Peso" */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), currencies[i].code,
                                                currencies[i].name);

      add_item (self, label, currencies[i].code);
    }
}

static void
init_items (TallySettingRow *self)
{
  self->items = gtk_string_list_new (NULL);
  self->values = g_ptr_array_new_with_free_func (g_free);
}

static GtkWidget *
create_list_editor (TallySettingRow *self)
{
  init_items (self);

  if (self->spec->optional)
    {
      g_autofree char *unset = make_unset_label (self);

      add_item (self, unset, "");
    }

  switch (self->spec->kind)
    {
    case TALLY_SETTING_CHOICE:
      fill_choices (self);
      return create_dropdown (self, FALSE);

    case TALLY_SETTING_TIMEZONE:
      fill_timezones (self);
      return create_dropdown (self, TRUE);

    case TALLY_SETTING_CURRENCY:
      fill_currencies (self);
      return create_dropdown (self, TRUE);

    default:
      g_assert_not_reached ();
    }
}

/* GTK reads a spin button's text here; the core says whether it is allowed
 * and why not, and a refused text stays on screen to be corrected. */
static int
spin_input_cb (GtkSpinButton   *spin,
               double          *new_value,
               TallySettingRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  *new_value = gtk_spin_button_get_value (spin);

  text = self->spec->kind == TALLY_SETTING_INTEGER ?
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)))) :
    fix_decimal_comma (gtk_editable_get_text (GTK_EDITABLE (spin)));

  /* An emptied spin button goes back to the stored number. */
  if (text[0] == '\0')
    {
      g_clear_pointer (&self->pending_text, g_free);
      set_invalid (self, NULL);
      *new_value = g_ascii_strtod (self->shown, NULL);
      return TRUE;
    }

  normalized = tally_settings_normalize (self->key, text, &error);
  if (normalized == NULL)
    {
      g_free (self->pending_text);
      self->pending_text = g_steal_pointer (&text);
      self->pending_value = *new_value;
      set_invalid (self, error->message);
      return TRUE;
    }

  g_clear_pointer (&self->pending_text, g_free);
  set_invalid (self, NULL);
  self->updating = TRUE;
  gtk_spin_button_set_digits (spin, get_digits (self, normalized));
  self->updating = FALSE;
  *new_value = g_ascii_strtod (normalized, NULL);
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton   *spin,
                TallySettingRow *self)
{
  g_autofree char *text = NULL;

  text = self->pending_text != NULL ? g_strdup (self->pending_text) : format_spin_value (spin);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
spin_value_changed_cb (GtkSpinButton   *spin,
                       TallySettingRow *self)
{
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  /* GTK emits this again while it puts a refused text back. */
  if (self->pending_text != NULL && gtk_spin_button_get_value (spin) == self->pending_value)
    return;

  if (self->pending_text != NULL)
    {
      g_clear_pointer (&self->pending_text, g_free);
      spin_output_cb (spin, self);
    }

  text = format_spin_value (spin);
  save (self, text);
}

/* The wheel over a spin button that is not being edited scrolls the page:
 * scrolling down the settings must never change one of them. */
static gboolean
spin_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                TallySettingRow          *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  double delta = dy;

  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return GDK_EVENT_PROPAGATE;

  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* The step GtkScrolledWindow takes for one notch of the wheel. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);

  return GDK_EVENT_STOP;
}

static GtkWidget *
create_spin (TallySettingRow *self)
{
  GtkAdjustment *adjustment;
  GtkEventController *scroll;
  GtkWidget *spin;
  double step = 1;
  double page = 10;

  switch (self->spec->kind)
    {
    case TALLY_SETTING_FRACTION:
      step = 0.01;
      page = 0.1;
      self->base_digits = 2;
      break;

    case TALLY_SETTING_NUMBER:
      step = 0.1;
      page = 1;
      self->base_digits = 1;
      break;

    case TALLY_SETTING_RATE:
      step = 0.01;
      page = 1;
      self->base_digits = 2;
      break;

    case TALLY_SETTING_INTEGER:
    default:
      self->base_digits = 0;
      break;
    }

  adjustment = gtk_adjustment_new (self->spec->min, self->spec->min, self->spec->max,
                                   step, page, 0);
  spin = gtk_spin_button_new (adjustment, step, self->base_digits);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin),
                                self->spec->kind == TALLY_SETTING_RATE ? 10 : 6);
  gtk_editable_set_alignment (GTK_EDITABLE (spin), 1.0);

  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), self);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (spin_scroll_cb), self);
  gtk_widget_add_controller (spin, scroll);

  return spin;
}

static void
switch_active_cb (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  TallySettingRow *self)
{
  if (self->updating)
    return;

  save (self, gtk_switch_get_active (toggle) ? "true" : "false");
}

static GtkWidget *
create_switch (TallySettingRow *self)
{
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), self);
  return toggle;
}

static void
commit_entry (TallySettingRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editor));

  if (self->updating || self->project == NULL)
    return;

  /* Leaving an untouched entry saves nothing. */
  if (!self->invalid && g_strcmp0 (text, self->shown) == 0)
    return;

  save (self, text);
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                TallySettingRow         *self)
{
  commit_entry (self);
}

static GtkWidget *
create_entry (TallySettingRow *self)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  int width = 24;

  switch (self->spec->kind)
    {
    case TALLY_SETTING_LIST:
      width = 28;
      break;

    case TALLY_SETTING_URL:
      width = 30;
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
      break;

    case TALLY_SETTING_API_VERSION:
      width = 8;
      break;

    case TALLY_SETTING_COUNTRY_CODE:
      width = 6;
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
      break;

    case TALLY_SETTING_TEXT:
    default:
      break;
    }

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width);
  if (self->spec->optional)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("None"));

  g_signal_connect_swapped (entry, "activate", G_CALLBACK (commit_entry), self);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
remove_rate_cb (TallySettingRow *self)
{
  save (self, "");
}

static GtkWidget *
create_remove_button (TallySettingRow *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a currency code such as EUR */
  g_autofree char *spoken = g_strdup_printf (_("Remove the fixed rate for %s"),
                                             get_rate_currency (self));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove this fixed rate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_rate_cb), self);
  return button;
}

static void
add_rate_cb (TallySettingRow *self)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->editor));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rate_entry));
  g_autofree char *rate = fix_decimal_comma (text);
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  const char *code;

  if (self->project == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  code = g_ptr_array_index (self->values, position);
  if (rate[0] == '\0')
    {
      g_autofree char *reporting = get_effective (self, "reporting_currency");
      g_autofree char *message = NULL;

      /* Translators: "Type how many MXN one EUR is worth, such as 18.25." */
      message = g_strdup_printf (_("Type how many %s one %s is worth, such as 18.25."),
                                 reporting, code);

      set_invalid (self, message);
      return;
    }

  key = g_strconcat (TALLY_SETTING_FX_FIXED_PREFIX, code, NULL);
  if (!tally_setting_save (self->project, key, rate, &error))
    {
      set_error (self, error);
      return;
    }

  set_invalid (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->rate_entry), "");
}

/* The last row of the fixed rates: a currency, a rate and an Add button. */
static void
create_add_rate_editors (TallySettingRow *self)
{
  g_autofree char *reporting = get_effective (self, "reporting_currency");
  GtkWidget *button;
  guint position;

  init_items (self);
  fill_currencies (self);
  self->editor = create_dropdown (self, TRUE);
  /* A likely first pick: the other of USD and EUR. */
  position = find_value (self, g_str_equal (reporting, "USD") ? "EUR" : "USD");
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor), position);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Currency of the new fixed rate"), -1);

  self->rate_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->rate_entry), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->rate_entry), _("Rate"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->rate_entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rate_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rate of the new fixed rate"), -1);
  g_signal_connect_swapped (self->rate_entry, "activate", G_CALLBACK (add_rate_cb), self);

  button = gtk_button_new_with_mnemonic (_("_Add"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_rate_cb), self);

  gtk_box_append (self->editor_box, self->editor);
  gtk_box_append (self->editor_box, self->rate_entry);
  gtk_box_append (self->editor_box, button);
}

static void
create_editor (TallySettingRow *self)
{
  g_autofree char *title = make_title (self);

  switch (self->spec->kind)
    {
    case TALLY_SETTING_CHOICE:
    case TALLY_SETTING_TIMEZONE:
    case TALLY_SETTING_CURRENCY:
      self->editor = create_list_editor (self);
      break;

    case TALLY_SETTING_INTEGER:
    case TALLY_SETTING_FRACTION:
    case TALLY_SETTING_NUMBER:
    case TALLY_SETTING_RATE:
      self->editor = create_spin (self);
      break;

    case TALLY_SETTING_BOOLEAN:
      self->editor = create_switch (self);
      break;

    case TALLY_SETTING_TEXT:
    case TALLY_SETTING_LIST:
    case TALLY_SETTING_URL:
    case TALLY_SETTING_API_VERSION:
    case TALLY_SETTING_COUNTRY_CODE:
    default:
      self->editor = create_entry (self);
      break;
    }

  /* End-to-end tests and screen readers find each editor by its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_box_append (self->editor_box, self->editor);

  if (tally_settings_is_fx_fixed_key (self->key))
    gtk_box_append (self->editor_box, create_remove_button (self));
}

/* Follows a change of the key this row's unset item names. */
static void
update_unset_label (TallySettingRow *self)
{
  g_autofree char *label = NULL;

  if (self->values == NULL || self->spec == NULL || !self->spec->optional)
    return;

  label = make_unset_label (self);
  if (g_strcmp0 (label, gtk_string_list_get_string (self->items, 0)) == 0)
    return;

  self->updating = TRUE;
  gtk_string_list_splice (self->items, 0, 1, (const char * const[]) { label, NULL });
  /* Replacing the selected item may have moved the selection. */
  select_value (self, self->shown != NULL ? self->shown : "");
  self->updating = FALSE;
  describe_editor (self);
}

static void
update_description (TallySettingRow *self)
{
  g_autofree char *description = make_description (self);

  if (g_strcmp0 (description, gtk_label_get_label (self->description_label)) == 0)
    return;

  gtk_label_set_label (self->description_label, description);
  describe_editor (self);
}

/**
 * tally_setting_row_refresh:
 * @self: a row
 *
 * Rereads the setting after a "setting-changed" of any key. The editor
 * changes only when the value it should show does, so that what a person is
 * typing elsewhere and where the focus is stay as they are.
 */
void
tally_setting_row_refresh (TallySettingRow *self)
{
  g_autofree char *value = NULL;

  g_return_if_fail (TALLY_IS_SETTING_ROW (self));

  if (self->project == NULL)
    return;

  update_description (self);
  if (self->spec == NULL)
    return;

  update_unset_label (self);

  value = get_stored_value (self);
  if (g_strcmp0 (value, self->shown) == 0)
    return;

  g_free (self->shown);
  self->shown = g_steal_pointer (&value);
  set_invalid (self, NULL);
  show_value (self);
}

/**
 * tally_setting_row_unbind:
 * @self: a row
 *
 * Lets go of the project before the row leaves the page, so that a focused
 * entry losing its focus on the way out saves nothing.
 */
void
tally_setting_row_unbind (TallySettingRow *self)
{
  g_return_if_fail (TALLY_IS_SETTING_ROW (self));

  g_clear_object (&self->project);
}

const char *
tally_setting_row_get_key (TallySettingRow *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ROW (self), NULL);

  return self->key;
}

/**
 * tally_setting_row_new:
 * @project: the project the setting belongs to
 * @key: a setting key, an `fx_fixed.` key, or `fx_fixed.` alone for the row
 *   that adds a fixed rate
 *
 * Returns: (transfer floating): a row with the editor that fits the
 *   setting's kind
 */
TallySettingRow *
tally_setting_row_new (TallyProject *project,
                       const char   *key)
{
  gboolean adds_rate;
  const TallySettingSpec *spec;
  TallySettingRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  adds_rate = g_str_equal (key, TALLY_SETTING_FX_FIXED_PREFIX);
  spec = adds_rate ? NULL : tally_settings_lookup (key);
  g_return_val_if_fail (adds_rate || spec != NULL, NULL);

  self = g_object_new (TALLY_TYPE_SETTING_ROW, NULL);
  self->project = g_object_ref (project);
  self->key = g_strdup (key);
  self->spec = spec;

  title = make_title (self);
  gtk_label_set_label (self->title_label, title);

  if (adds_rate)
    create_add_rate_editors (self);
  else
    create_editor (self);

  tally_setting_row_refresh (self);
  describe_editor (self);
  return self;
}

static void
tally_setting_row_dispose (GObject *object)
{
  TallySettingRow *self = TALLY_SETTING_ROW (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_SETTING_ROW);

  G_OBJECT_CLASS (tally_setting_row_parent_class)->dispose (object);
}

static void
tally_setting_row_finalize (GObject *object)
{
  TallySettingRow *self = TALLY_SETTING_ROW (object);

  g_clear_object (&self->items);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->pending_text, g_free);

  G_OBJECT_CLASS (tally_setting_row_parent_class)->finalize (object);
}

static void
tally_setting_row_class_init (TallySettingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_setting_row_dispose;
  object_class->finalize = tally_setting_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/tally-setting-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, editor_box);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, error_label);
}

static void
tally_setting_row_init (TallySettingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
