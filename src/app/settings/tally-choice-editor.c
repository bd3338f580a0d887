/* tally-choice-editor.c: a setting picked from a list (choices, zones, currencies)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-choice-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-choice-editor.h"
#include "tally-core.h"

struct _TallyChoiceEditor
{
  TallySettingEditor  parent_instance;

  GtkDropDown        *dropdown;
  GtkStringList      *items;       /* what each item reads */
  GPtrArray          *values;      /* each item's value; "" unsets */
  gboolean            searchable;
  gboolean            updating;    /* the editor itself moves the selection */
};

G_DEFINE_FINAL_TYPE (TallyChoiceEditor, tally_choice_editor, TALLY_TYPE_SETTING_EDITOR)

enum { PROP_0, PROP_SEARCHABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static guint
find_value (TallyChoiceEditor *self,
            const char        *value)
{
  for (guint i = 0; i < self->values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->values, i), value))
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Selects @value, adding it when the list lacks it (a zone name the
 * database knows under an older alias, say). */
static void
select_value (TallyChoiceEditor *self,
              const char        *value)
{
  guint position = find_value (self, value);

  if (position == GTK_INVALID_LIST_POSITION && value[0] != '\0')
    {
      tally_choice_editor_append (self, value, value);
      position = self->values->len - 1;
    }

  if (gtk_drop_down_get_selected (self->dropdown) != position)
    gtk_drop_down_set_selected (self->dropdown, position);
}

static void
dropdown_selected_cb (TallyChoiceEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->dropdown);

  if (self->updating || position == GTK_INVALID_LIST_POSITION || position >= self->values->len)
    return;

  _tally_setting_editor_commit (TALLY_SETTING_EDITOR (self), g_ptr_array_index (self->values, position));
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
search_activate_cb (GtkWidget         *search_entry,
                    TallyChoiceEditor *self)
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
        gtk_drop_down_set_selected (self->dropdown, i);
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
make_search_typeable (TallyChoiceEditor *self)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (self->dropdown), GTK_TYPE_POPOVER);
  GtkWidget *search_entry = NULL;

  if (popover != NULL)
    search_entry = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  if (search_entry == NULL)
    return;

  g_signal_connect_object (popover, "map", G_CALLBACK (popup_mapped_cb), search_entry,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect (search_entry, "activate", G_CALLBACK (search_activate_cb), self);
}

void
tally_choice_editor_append (TallyChoiceEditor *self,
                            const char        *label,
                            const char        *value)
{
  gboolean updating;

  g_return_if_fail (TALLY_IS_CHOICE_EDITOR (self));
  g_return_if_fail (label != NULL && value != NULL);

  /* The first item of an empty list gets selected on its own: that is no
   * one's choice. */
  updating = self->updating;
  self->updating = TRUE;
  g_ptr_array_add (self->values, g_strdup (value));
  gtk_string_list_append (self->items, label);
  self->updating = updating;
}

/**
 * tally_choice_editor_append_choices:
 * @self: an editor
 * @choices: a spec's choices, ending in one whose value is %NULL
 */
void
tally_choice_editor_append_choices (TallyChoiceEditor        *self,
                                    const TallySettingChoice *choices)
{
  g_return_if_fail (TALLY_IS_CHOICE_EDITOR (self));

  for (const TallySettingChoice *c = choices; c->value != NULL; c++)
    tally_choice_editor_append (self, _(c->label), c->value);
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

void
tally_choice_editor_append_timezones (TallyChoiceEditor *self)
{
  GPtrArray *zones = get_timezones ();

  g_return_if_fail (TALLY_IS_CHOICE_EDITOR (self));

  for (guint i = 0; i < zones->len; i++)
    tally_choice_editor_append (self, g_ptr_array_index (zones, i), g_ptr_array_index (zones, i));
}

void
tally_choice_editor_append_currencies (TallyChoiceEditor *self)
{
  guint n_currencies;
  const TallyCurrency *currencies = tally_currency_list (&n_currencies);

  g_return_if_fail (TALLY_IS_CHOICE_EDITOR (self));

  for (guint i = 0; i < n_currencies; i++)
    {
      /* Translators: a currency in a list, "MXN — Mexican Peso" */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), currencies[i].code,
                                                currencies[i].name);

      tally_choice_editor_append (self, label, currencies[i].code);
    }
}

/**
 * tally_choice_editor_set_unset_label:
 * @self: an editor whose first item unsets the key
 * @label: what that item reads now
 *
 * Follows a change of the key the unset item names ("Same as the reporting
 * timezone (UTC)"), keeping the selection and emitting nothing.
 */
void
tally_choice_editor_set_unset_label (TallyChoiceEditor *self,
                                     const char        *label)
{
  g_return_if_fail (TALLY_IS_CHOICE_EDITOR (self));
  g_return_if_fail (label != NULL);

  if (self->values->len == 0 || !g_str_equal (g_ptr_array_index (self->values, 0), "") ||
      g_strcmp0 (label, gtk_string_list_get_string (self->items, 0)) == 0)
    return;

  self->updating = TRUE;
  gtk_string_list_splice (self->items, 0, 1, (const char * const[]) { label, NULL });
  /* Replacing the selected item may have moved the selection. */
  select_value (self, tally_setting_editor_get_value (TALLY_SETTING_EDITOR (self)));
  self->updating = FALSE;
}

static void
tally_choice_editor_show_value (TallySettingEditor *editor,
                                const char         *value)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (editor);

  self->updating = TRUE;
  select_value (self, value);
  self->updating = FALSE;
}

/* GTK 4.8 does not expose a drop-down's choice by itself. */
static const char *
tally_choice_editor_get_spoken_value (TallySettingEditor *editor)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (editor);
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : "";
}

static GtkWidget *
tally_choice_editor_get_target (TallySettingEditor *editor)
{
  return GTK_WIDGET (TALLY_CHOICE_EDITOR (editor)->dropdown);
}

static void
tally_choice_editor_constructed (GObject *object)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (object);

  G_OBJECT_CLASS (tally_choice_editor_parent_class)->constructed (object);

  /* Typing a zone or a code filters hundreds of items down to a few. */
  gtk_drop_down_set_enable_search (self->dropdown, self->searchable);
  if (self->searchable)
    make_search_typeable (self);
}

static void
tally_choice_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SEARCHABLE:
      self->searchable = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_choice_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SEARCHABLE:
      g_value_set_boolean (value, self->searchable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_choice_editor_finalize (GObject *object)
{
  TallyChoiceEditor *self = TALLY_CHOICE_EDITOR (object);

  g_clear_object (&self->items);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_choice_editor_parent_class)->finalize (object);
}

static void
tally_choice_editor_class_init (TallyChoiceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySettingEditorClass *editor_class = TALLY_SETTING_EDITOR_CLASS (klass);

  object_class->constructed = tally_choice_editor_constructed;
  object_class->set_property = tally_choice_editor_set_property;
  object_class->get_property = tally_choice_editor_get_property;
  object_class->finalize = tally_choice_editor_finalize;

  editor_class->show_value = tally_choice_editor_show_value;
  editor_class->get_target = tally_choice_editor_get_target;
  editor_class->get_spoken_value = tally_choice_editor_get_spoken_value;

  /**
   * TallyChoiceEditor:searchable:
   *
   * Whether the list opens with a search entry, for the long lists of
   * zones and currencies.
   */
  properties[PROP_SEARCHABLE] =
    g_param_spec_boolean ("searchable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_choice_editor_init (TallyChoiceEditor *self)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  self->items = gtk_string_list_new (NULL);
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->items)),
                                                     expression));
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
  g_signal_connect_swapped (self->dropdown, "notify::selected",
                            G_CALLBACK (dropdown_selected_cb), self);
}

/**
 * tally_choice_editor_new:
 * @searchable: whether the list opens with a search entry
 *
 * Returns: (transfer floating): an editor with no items yet
 */
TallySettingEditor *
tally_choice_editor_new (gboolean searchable)
{
  return g_object_new (TALLY_TYPE_CHOICE_EDITOR, "searchable", searchable, NULL);
}

/**
 * tally_choice_editor_new_for_spec:
 * @spec: a setting of kind choice, timezone or currency
 * @unset_label: (nullable): for an optional setting, what the item that
 *   unsets it reads
 *
 * Returns: (transfer floating): an editor offering what @spec allows
 */
TallySettingEditor *
tally_choice_editor_new_for_spec (const TallySettingSpec *spec,
                                  const char             *unset_label)
{
  TallyChoiceEditor *self;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->kind == TALLY_SETTING_CHOICE || spec->kind == TALLY_SETTING_TIMEZONE ||
                        spec->kind == TALLY_SETTING_CURRENCY, NULL);

  self = TALLY_CHOICE_EDITOR (tally_choice_editor_new (spec->kind != TALLY_SETTING_CHOICE));
  if (spec->optional)
    tally_choice_editor_append (self, unset_label != NULL ? unset_label : _("None"), "");

  if (spec->kind == TALLY_SETTING_CHOICE)
    tally_choice_editor_append_choices (self, spec->choices);
  else if (spec->kind == TALLY_SETTING_TIMEZONE)
    tally_choice_editor_append_timezones (self);
  else
    tally_choice_editor_append_currencies (self);

  return TALLY_SETTING_EDITOR (self);
}
