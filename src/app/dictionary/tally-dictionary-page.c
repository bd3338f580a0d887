/* tally-dictionary-page.c: the Dictionary page: the KPI dictionary editor
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page lists the project's KPIs, filtered by a search, and adds, edits
 * and removes them through TallyKpiDialog and the core's dictionary calls,
 * which hold every rule. Each change it makes is remembered as its inverse
 * on an undo stack that lives as long as the page shows the same project:
 * an added KPI is removed again, an edited one gets its previous copy back,
 * a removed one is added back under its id.
 */
#define G_LOG_DOMAIN "tally-dictionary-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dictionary.h"
#include "tally-dictionary-page.h"
#include "tally-kpi-dialog.h"
#include "tally-widget-util.h"

typedef enum
{
  UNDO_ADD,       /* the KPI was added: remove it */
  UNDO_UPDATE,    /* the KPI was edited: write it back as it was */
  UNDO_REMOVE,    /* the KPI was removed: add it back */
} UndoKind;

typedef struct
{
  UndoKind  kind;
  TallyKpi *kpi;  /* a copy: as added, or as it was before the change */
} UndoStep;

struct _TallyDictionaryPage
{
  GtkWidget            parent_instance;

  TallyProject        *project;
  GListStore          *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  char                *needle;       /* the search, case-folded; NULL shows all */
  GPtrArray           *undo_stack;   /* UndoStep, the latest last */

  GtkSearchEntry      *search_entry;
  GtkStack            *content_stack;
  GtkColumnView       *dictionary_view;
  GtkColumnViewColumn *name_column;
  GtkLabel            *empty_label;
  GtkLabel            *count_label;
  GtkWidget           *remove_button;
  GtkWidget           *undo_button;
};

G_DEFINE_FINAL_TYPE (TallyDictionaryPage, tally_dictionary_page, GTK_TYPE_WIDGET)

static void
undo_step_free (UndoStep *step)
{
  g_clear_object (&step->kpi);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UndoStep, undo_step_free)

/* Helpers ---------------------------------------------------------------------- */

/* Text as the search compares it: normalized and case-folded. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

static TallyKpi *
get_selected (TallyDictionaryPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
show_error (TallyDictionaryPage *self,
            const char          *title,
            const char          *message)
{
  _tally_widget_show_error (GTK_WIDGET (self), title, message);
}

/* GtkColumnView has no scroll_to() before GTK 4.12; its list view, a child
 * of its own, has the "list.scroll-to-item" action since 4.0. */
static void
scroll_to (TallyDictionaryPage *self,
           guint                position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->dictionary_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* A button the focus was on can turn insensitive after a change, such as
 * Remove once its KPI is gone, and GTK then leaves the window without a
 * focus. The list takes it, so that Ctrl+Z and the arrows keep working. */
static void
keep_focus (TallyDictionaryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_sensitive (focus) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->dictionary_view));
}

/* Actions and labels ---------------------------------------------------------- */

static void
update_actions (TallyDictionaryPage *self)
{
  TallyKpi *kpi = get_selected (self);
  gboolean has_project = self->project != NULL;
  gboolean core = kpi != NULL && tally_kpi_get_core (kpi);
  g_autofree char *undo_tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dictionary.add", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dictionary.edit", has_project && kpi != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dictionary.remove", has_project && kpi != NULL && !core);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dictionary.undo", has_project && self->undo_stack->len > 0);

  gtk_widget_set_tooltip_text (self->remove_button,
                               core ? _("Core KPIs come with every project and cannot be removed")
                                    : _("Remove the selected custom KPI"));

  if (self->undo_stack->len > 0)
    {
      UndoStep *step = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
      const char *name = tally_kpi_get_name (step->kpi);

      switch (step->kind)
        {
        case UNDO_ADD:
          undo_tooltip = g_strdup_printf (_("Undo adding “%s” (Ctrl+Z)"), name);
          break;
        case UNDO_UPDATE:
          undo_tooltip = g_strdup_printf (_("Undo the edit of “%s” (Ctrl+Z)"), name);
          break;
        case UNDO_REMOVE:
          undo_tooltip = g_strdup_printf (_("Undo removing “%s” (Ctrl+Z)"), name);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  gtk_widget_set_tooltip_text (self->undo_button,
                               undo_tooltip != NULL ? undo_tooltip : _("Nothing to undo"));
}

static void
update_count (TallyDictionaryPage *self)
{
  GListModel *all = G_LIST_MODEL (self->store);
  guint total = g_list_model_get_n_items (all);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint custom = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(TallyKpi) kpi = g_list_model_get_item (all, i);

      if (!tally_kpi_get_core (kpi))
        custom++;
    }

  if (self->needle == NULL)
    /* Translators: the size of the KPI dictionary; the plural follows the first number */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KPI: %u core, %u custom",
                                          "%u KPIs: %u core, %u custom", total),
                             total, total - custom, custom);
  else
    /* Translators: how many KPIs a search shows; the plural follows the second number */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u of %u KPI",
                                          "Showing %u of %u KPIs", total),
                             shown, total);
  gtk_label_set_label (self->count_label, count);

  if (shown == 0 && total > 0)
    {
      g_autofree char *empty = NULL;

      empty = g_strdup_printf (_("No KPI matches “%s”. The search looks at names, ids, definitions and formulas."),
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      gtk_label_set_label (self->empty_label, empty);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

/* Filling and searching ------------------------------------------------------- */

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  TallyDictionaryPage *self = user_data;
  TallyKpi *kpi = item;
  const char *fields[] = {
    tally_kpi_get_id (kpi), tally_kpi_get_name (kpi),
    tally_kpi_get_definition (kpi), tally_kpi_get_formula (kpi),
  };

  if (self->needle == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fold (fields[i]);

      if (strstr (folded, self->needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
set_needle (TallyDictionaryPage *self,
            const char          *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (stripped[0] != '\0')
    self->needle = fold (stripped);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
search_changed_cb (TallyDictionaryPage *self,
                   GtkSearchEntry      *entry)
{
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (TallyDictionaryPage *self,
                GtkSearchEntry      *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Selects the KPI @id and brings it into view; when the search hides it,
 * the search is cleared first, so that a KPI just added or brought back
 * can be seen. */
static void
select_id (TallyDictionaryPage *self,
           const char          *id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(TallyKpi) kpi = g_list_model_get_item (model, i);

          if (g_strcmp0 (tally_kpi_get_id (kpi), id) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              scroll_to (self, i);
              return;
            }
        }

      if (self->needle == NULL)
        return;

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      set_needle (self, "");
    }
}

static void
assign (TallyKpi *kpi,
        TallyKpi *from)
{
  tally_kpi_set_name (kpi, tally_kpi_get_name (from));
  tally_kpi_set_definition (kpi, tally_kpi_get_definition (from));
  tally_kpi_set_formula (kpi, tally_kpi_get_formula (from));
  tally_kpi_set_source (kpi, tally_kpi_get_source (from));
  tally_kpi_set_source_note (kpi, tally_kpi_get_source_note (from));
  tally_kpi_set_grain (kpi, tally_kpi_get_grain (from));
  tally_kpi_set_join_keys (kpi, tally_kpi_get_join_keys (from));
  tally_kpi_set_unit (kpi, tally_kpi_get_unit (from));
  tally_kpi_set_core (kpi, tally_kpi_get_core (from));
}

static gboolean
same_id_at (GListModel *model,
            guint       position,
            GPtrArray  *kpis,
            guint       index)
{
  g_autoptr(TallyKpi) kpi = g_list_model_get_item (model, position);

  return g_str_equal (tally_kpi_get_id (kpi), tally_kpi_get_id (g_ptr_array_index (kpis, index)));
}

/* Brings the store in line with @kpis, keeping the objects of the KPIs at
 * either end that stay: their rows, the selection and the scroll position
 * stay put, and an edited KPI only updates its labels. */
static void
merge (TallyDictionaryPage *self,
       GPtrArray           *kpis)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = kpis->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < n_new && same_id_at (model, prefix, kpis, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         same_id_at (model, n_old - 1 - suffix, kpis, n_new - 1 - suffix))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    {
      g_autoptr(TallyKpi) kpi = g_list_model_get_item (model, i);

      assign (kpi, g_ptr_array_index (kpis, i));
    }
  for (guint i = 0; i < suffix; i++)
    {
      g_autoptr(TallyKpi) kpi = g_list_model_get_item (model, n_old - 1 - i);

      assign (kpi, g_ptr_array_index (kpis, n_new - 1 - i));
    }

  g_list_store_splice (self->store, prefix, n_old - prefix - suffix,
                       kpis->pdata + prefix, n_new - prefix - suffix);
}

static void
fill (TallyDictionaryPage *self)
{
  g_autoptr(GPtrArray) kpis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_id = NULL;
  TallyKpi *selected;

  if (self->project == NULL)
    {
      g_list_store_remove_all (self->store);
      update_count (self);
      update_actions (self);
      return;
    }

  kpis = tally_dictionary_list (self->project, &error);
  if (kpis == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  selected = get_selected (self);
  if (selected != NULL)
    selected_id = g_strdup (tally_kpi_get_id (selected));

  merge (self, kpis);
  /* An edit can make a KPI match the search, or stop matching it. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  selected = get_selected (self);
  if (selected_id != NULL && (selected == NULL || !g_str_equal (tally_kpi_get_id (selected), selected_id)))
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
        {
          g_autoptr(TallyKpi) kpi = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

          if (g_str_equal (tally_kpi_get_id (kpi), selected_id))
            gtk_single_selection_set_selected (self->selection, i);
        }
    }

  update_count (self);
  update_actions (self);
}

/* The undo stack ---------------------------------------------------------------- */

static void
push_undo (TallyDictionaryPage *self,
           UndoKind             kind,
           TallyKpi            *kpi)
{
  UndoStep *step = g_new0 (UndoStep, 1);

  step->kind = kind;
  step->kpi = tally_kpi_copy (kpi);
  g_ptr_array_add (self->undo_stack, step);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyDictionaryPage *self = TALLY_DICTIONARY_PAGE (widget);
  g_autoptr(UndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (self->project == NULL || self->undo_stack->len == 0)
    return;

  /* The step leaves the stack even when it fails: one that cannot be
   * undone now, such as removing a KPI that a later formula uses, would
   * only stand in front of the older ones. */
  step = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  switch (step->kind)
    {
    case UNDO_ADD:
      done = tally_dictionary_remove (self->project, tally_kpi_get_id (step->kpi), &error);
      break;
    case UNDO_UPDATE:
      done = tally_dictionary_update (self->project, step->kpi, &error);
      break;
    case UNDO_REMOVE:
      done = tally_dictionary_add (self->project, step->kpi, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (done)
    select_id (self, tally_kpi_get_id (step->kpi));
  else
    show_error (self, _("The change could not be undone"), error->message);

  update_actions (self);
  keep_focus (self);
}

static void
clear_undo (TallyDictionaryPage *self)
{
  g_ptr_array_set_size (self->undo_stack, 0);
}

/* Adding, editing, removing ---------------------------------------------------- */

static void
kpi_saved_cb (TallyDictionaryPage *self,
              TallyKpi            *before,
              TallyKpi            *after,
              TallyKpiDialog      *dialog)
{
  if (before == NULL)
    push_undo (self, UNDO_ADD, after);
  else
    push_undo (self, UNDO_UPDATE, before);

  select_id (self, tally_kpi_get_id (after));
}

static void
open_dialog (TallyDictionaryPage *self,
             TallyKpi            *kpi)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TallyKpiDialog *dialog;

  if (self->project == NULL)
    return;

  dialog = tally_kpi_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->project, kpi);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (kpi_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (TALLY_DICTIONARY_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyDictionaryPage *self = TALLY_DICTIONARY_PAGE (widget);
  TallyKpi *kpi = get_selected (self);

  if (kpi != NULL)
    open_dialog (self, kpi);
}

static void
activate_cb (TallyDictionaryPage *self,
             guint                position,
             GtkColumnView       *view)
{
  g_autoptr(TallyKpi) kpi = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (kpi == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  open_dialog (self, kpi);
}

static void
remove_response_cb (TallyDictionaryPage *self,
                    int                  response,
                    GtkDialog           *dialog)
{
  TallyKpi *kpi = g_object_get_data (G_OBJECT (dialog), "kpi");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      if (tally_dictionary_remove (self->project, tally_kpi_get_id (kpi), &error))
        {
          push_undo (self, UNDO_REMOVE, kpi);
          keep_focus (self);
        }
      else
        show_error (self, _("The KPI could not be removed"), error->message);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TallyDictionaryPage *self = TALLY_DICTIONARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  TallyKpi *kpi = get_selected (self);
  GtkWidget *dialog, *remove;

  if (kpi == NULL || tally_kpi_get_core (kpi))
    return;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove the KPI “%s”?"), tally_kpi_get_name (kpi));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("It leaves this project’s dictionary. "
                                              "Until you close Tally, Undo (Ctrl+Z) brings it back."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  remove = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  /* The KPI as it is now, for the removal and for its undo. */
  g_object_set_data_full (G_OBJECT (dialog), "kpi", tally_kpi_copy (kpi), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TALLY_DICTIONARY_PAGE (widget)->search_entry));
}

/* The Name column: the name, the id below it, and a tag on core KPIs ---------- */

static GtkWidget *
make_label (GtkListItem *list_item,
            const char  *property,
            const char  *first_class,
            ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *expression = gtk_property_expression_new (TALLY_TYPE_KPI, item, property);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  gtk_expression_bind (expression, label, "label", list_item);
  return label;
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tag = gtk_label_new (_("core"));
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *core = gtk_property_expression_new (TALLY_TYPE_KPI, item, "core");

  gtk_widget_set_tooltip_text (tag, _("A core KPI: Tally computes its formula"));
  gtk_widget_add_css_class (tag, "dim-label");
  gtk_widget_add_css_class (tag, "caption");
  gtk_expression_bind (core, tag, "visible", list_item);

  gtk_box_append (GTK_BOX (box), make_label (list_item, "name", NULL));
  gtk_box_append (GTK_BOX (line), make_label (list_item, "id", "dim-label", "caption", "monospace", NULL));
  gtk_box_append (GTK_BOX (line), tag);
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_item_set_child (list_item, box);
}

/* GObject ------------------------------------------------------------------- */

/**
 * tally_dictionary_page_set_project:
 * @self: a dictionary page
 * @project: (nullable): the project whose dictionary to show
 *
 * Shows @project's dictionary. The undo stack belongs to one project: it is
 * cleared when another one comes.
 */
void
tally_dictionary_page_set_project (TallyDictionaryPage *self,
                                   TallyProject        *project)
{
  g_return_if_fail (TALLY_IS_DICTIONARY_PAGE (self));
  g_return_if_fail (project == NULL || TALLY_IS_PROJECT (project));

  if (self->project != project)
    clear_undo (self);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);

  if (project != NULL)
    g_signal_connect_object (project, "dictionary-changed", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);

  fill (self);
}

static void
tally_dictionary_page_dispose (GObject *object)
{
  TallyDictionaryPage *self = TALLY_DICTIONARY_PAGE (object);
  GtkWidget *child;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_DICTIONARY_PAGE);
  /* dispose_template() unparents only the bound children; the page's box
   * is not one of them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  /* The filter calls back into the page: it must not outlive it. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_dictionary_page_parent_class)->dispose (object);
}

static void
tally_dictionary_page_finalize (GObject *object)
{
  g_free (TALLY_DICTIONARY_PAGE (object)->needle);

  G_OBJECT_CLASS (tally_dictionary_page_parent_class)->finalize (object);
}

static void
tally_dictionary_page_class_init (TallyDictionaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_dictionary_page_dispose;
  object_class->finalize = tally_dictionary_page_finalize;

  g_type_ensure (TALLY_TYPE_KPI);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-dictionary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, dictionary_view);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TallyDictionaryPage, undo_button);

  gtk_widget_class_install_action (widget_class, "dictionary.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "dictionary.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "dictionary.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "dictionary.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "dictionary.search", NULL, search_action);

  /* Page shortcuts: they work while the focus is inside the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "dictionary.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "dictionary.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "dictionary.remove", NULL);
}

static void
tally_dictionary_page_init (TallyDictionaryPage *self)
{
  g_autoptr(GtkListItemFactory) name_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->store = g_list_store_new (TALLY_TYPE_KPI);
  self->filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->dictionary_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (name_factory, "setup", G_CALLBACK (setup_name_cb), NULL);
  gtk_column_view_column_set_factory (self->name_column, name_factory);

  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dictionary_view, "activate", G_CALLBACK (activate_cb),
                           self, G_CONNECT_SWAPPED);

  update_count (self);
  update_actions (self);
}
