/* tally-report-page.c: the Report page: both views side by side
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per day, ISO week, month or campaign: what Meta attributes next
 * to what the CRM realized, the ROAS gap between them highlighted, frozen
 * periods marked, and "—" for a ratio with nothing to divide by. The
 * numbers come from the window's TallyReportModel, computed off the main
 * thread; this page only formats them.
 */
#define G_LOG_DOMAIN "tally-report-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-publications-dialog.h"
#include "tally-publish-dialog.h"
#include "tally-report-page.h"
#include "tally-restatements-dialog.h"
#include "tally-widget-util.h"

/* A row of the table, already formatted. */
#define TALLY_TYPE_REPORT_ITEM (tally_report_item_get_type ())
G_DECLARE_FINAL_TYPE (TallyReportItem, tally_report_item, TALLY, REPORT_ITEM, GObject)

struct _TallyReportItem
{
  GObject   parent_instance;
  GStrv     cells;
  double    gap;
  gboolean  frozen;
};

G_DEFINE_FINAL_TYPE (TallyReportItem, tally_report_item, G_TYPE_OBJECT)

static void
tally_report_item_finalize (GObject *object)
{
  g_strfreev (TALLY_REPORT_ITEM (object)->cells);
  G_OBJECT_CLASS (tally_report_item_parent_class)->finalize (object);
}

static void
tally_report_item_class_init (TallyReportItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_report_item_finalize;
}

static void
tally_report_item_init (TallyReportItem *self)
{
}

typedef enum
{
  KIND_KEY,
  KIND_MONEY,
  KIND_COUNT,
  KIND_RATIO,
} Kind;

/* The columns: Meta's, then the CRM's, then the gap and the costs. */
static const struct
{
  const char *metric;
  const char *title;
  Kind        kind;
} columns[] = {
  { NULL, N_("Period"), KIND_KEY },
  { "spend", N_("Spend"), KIND_MONEY },
  { "meta_purchases", N_("Meta purchases"), KIND_COUNT },
  { "meta_purchase_value", N_("Meta value"), KIND_MONEY },
  { "meta_roas", N_("Meta ROAS"), KIND_RATIO },
  { "new_customers", N_("CRM customers"), KIND_COUNT },
  { "revenue", N_("CRM revenue"), KIND_MONEY },
  { "crm_roas", N_("CRM ROAS"), KIND_RATIO },
  { "roas_gap", N_("ROAS gap"), KIND_RATIO },
  { "meta_cpa", N_("Meta CPA"), KIND_MONEY },
  { "crm_cac", N_("CRM CAC"), KIND_MONEY },
};

#define GAP_COLUMN 8

struct _TallyReportPage
{
  GtkWidget         parent_instance;

  TallyReportModel *model;
  GListStore       *store;
  GtkLabel         *total_labels[G_N_ELEMENTS (columns)];

  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkDropDown      *group_dropdown;
  GtkSpinner       *spinner;
  GtkLabel         *status_label;
  GtkStack         *content_stack;
  GtkColumnView    *report_view;
  GtkFlowBox       *totals_box;
  GtkLabel         *empty_title;
  GtkLabel         *empty_label;
  GtkRevealer      *pending_revealer;
  GtkLabel         *pending_label;
  GtkButton        *publish_button;
};

G_DEFINE_FINAL_TYPE (TallyReportPage, tally_report_page, GTK_TYPE_WIDGET)

static char *
format_value (TallyReport          *report,
              const TallyReportRow *row,
              guint                 column)
{
  guint decimals = tally_report_get_decimals (report);
  double value;

  if (columns[column].kind == KIND_KEY)
    return g_strdup (row->key);
  if (g_str_equal (columns[column].metric, "revenue"))
    value = tally_cell_revenue (&row->sum, report->engine->rules);
  else
    value = tally_report_metric (report, row, columns[column].metric);

  switch (columns[column].kind)
    {
    case KIND_MONEY:
      return tally_format_amount (value, decimals, TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS);
    case KIND_COUNT:
      return tally_format_amount (value, 0, TALLY_FORMAT_GROUPED);
    case KIND_RATIO:
      return tally_format_ratio (value, 2);
    case KIND_KEY:
    default:
      return g_strdup (row->key);
    }
}

static TallyReportItem *
item_new (TallyReport          *report,
          const TallyReportRow *row)
{
  TallyReportItem *item = g_object_new (TALLY_TYPE_REPORT_ITEM, NULL);

  item->cells = g_new0 (char *, G_N_ELEMENTS (columns) + 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    item->cells[c] = format_value (report, row, c);
  item->gap = tally_report_metric (report, row, "roas_gap");
  item->frozen = tally_report_row_is_frozen (row);
  return item;
}

/* The table's cells ---------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (column != 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  TallyReportItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (column == 0 && item->frozen)
    {
      /* Translators: a period whose numbers are published and kept */
      g_autofree char *text = g_strdup_printf (_("%s  (frozen)"), item->cells[0]);

      gtk_label_set_label (GTK_LABEL (label), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (label), item->cells[column]);

  gtk_widget_remove_css_class (label, "gap-positive");
  gtk_widget_remove_css_class (label, "gap-negative");
  if (column == GAP_COLUMN && isfinite (item->gap) && item->gap != 0)
    gtk_widget_add_css_class (label, item->gap > 0 ? "gap-positive" : "gap-negative");
}

static void
add_columns (TallyReportPage *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      if (c == GAP_COLUMN)
        gtk_column_view_column_set_expand (column, FALSE);
      gtk_column_view_append_column (self->report_view, column);
    }
}

/* The totals, each captioned, so that they read the same to a screen reader. */
static void
add_totals (TallyReportPage *self)
{
  for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *caption = gtk_label_new (_(columns[c].title));
      GtkWidget *value = gtk_label_new ("—");

      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (value, "title-4");
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), value);
      gtk_flow_box_append (self->totals_box, box);
      /* The totals are read, not picked: no focus ring on them. */
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
      self->total_labels[c] = GTK_LABEL (value);
    }
}

static void
set_total (TallyReportPage *self,
           guint            column,
           const char      *text)
{
  /* Translators: a total as a screen reader says it, "CRM revenue: 1,500.00" */
  g_autofree char *spoken = g_strdup_printf (_("Total %s: %s"), _(columns[column].title), text);

  gtk_label_set_label (self->total_labels[column], text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_labels[column]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/* Showing a report ----------------------------------------------------------- */

static void
show_run (TallyReportPage *self)
{
  TallyReportSession *session = tally_report_model_get_session (self->model);
  TallyReport *report = session != NULL ? tally_report_session_get_report (session) : NULL;
  const char *error = tally_report_model_get_error (self->model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  char from[11], to[11];

  gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button),
                            report != NULL && report->totals.n_days > 0 && tally_report_session_has_data (session));
  if (report == NULL)
    {
      g_list_store_remove_all (self->store);
      for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
        set_total (self, c, "—");
      gtk_label_set_label (self->status_label, error != NULL ? error : "");
      return;
    }

  for (guint i = 0; i < report->rows->len; i++)
    g_ptr_array_add (items, item_new (report, g_ptr_array_index (report->rows, i)));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *text = format_value (report, &report->totals, c);

      set_total (self, c, text);
    }

  /* The range the report covers, as placeholders of empty entries. */
  tally_day_format (report->from, from);
  tally_day_format (report->to, to);
  gtk_entry_set_placeholder_text (self->from_entry, from);
  gtk_entry_set_placeholder_text (self->to_entry, to);

  {
    g_autofree char *status = NULL;
    guint frozen = report->totals.n_frozen;

    if (frozen > 0)
      /* Translators: how many days of the report are published and kept */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day frozen by a publication, the others live",
                                             "%u days frozen by publications, the others live", frozen), frozen);
    else
      status = g_strdup (_("Live numbers: nothing in this period is published"));
    gtk_label_set_label (self->status_label, status);
  }

  {
    guint pending = tally_report_session_get_view (session)->pending->len;
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u published day has new data: it keeps showing its published numbers until you accept the restatement.",
                                                          "%u published days have new data: they keep showing their published numbers until you accept the restatements.",
                                                          pending),
                                             pending);

    gtk_label_set_label (self->pending_label, text);
    gtk_revealer_set_reveal_child (self->pending_revealer, pending > 0);
  }

  gtk_stack_set_visible_child_name (self->content_stack,
                                    tally_report_session_has_data (session) ? "table" : "empty");
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (self->report_view), 0);

    gtk_column_view_column_set_title (first, tally_report_model_get_group (self->model) == TALLY_GROUP_CAMPAIGN
                                               ? _("Campaign") : _("Period"));
  }
}

static void
review_clicked_cb (TallyReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TallyRestatementsDialog *dialog;

  if (self->model == NULL)
    return;
  dialog = tally_restatements_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->model);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_clicked_cb (TallyReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->model != NULL && tally_report_model_get_session (self->model) != NULL)
    gtk_window_present (GTK_WINDOW (tally_publish_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              self->model)));
}

static void
publications_clicked_cb (TallyReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->model != NULL)
    gtk_window_present (GTK_WINDOW (tally_publications_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                   self->model)));
}

static void
model_changed_cb (TallyReportPage *self)
{
  show_run (self);
}

static void
busy_changed_cb (TallyReportPage *self)
{
  gtk_spinner_set_spinning (self->spinner, tally_report_model_get_busy (self->model));
}

/* Controls ------------------------------------------------------------------ */

static gboolean
read_day (TallyReportPage *self,
          GtkEntry        *entry,
          gint32          *day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (text[0] == '\0')
    {
      *day = TALLY_DAY_UNSET;
      return TRUE;
    }
  if (strlen (text) == 10 && tally_day_parse (text, day))
    return TRUE;

  {
    g_autofree char *problem = g_strdup_printf (_("“%s” is not a day: write it as YYYY-MM-DD, such as 2026-08-14."), text);

    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    gtk_label_set_label (self->status_label, problem);
  }
  return FALSE;
}

static void
range_entry_activate_cb (TallyReportPage *self)
{
  gint32 from, to;

  if (self->model == NULL || !read_day (self, self->from_entry, &from) || !read_day (self, self->to_entry, &to))
    return;

  if (from != TALLY_DAY_UNSET && to != TALLY_DAY_UNSET && from > to)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      gtk_label_set_label (self->status_label, _("The last day comes before the first: swap them."));
      return;
    }

  tally_report_model_set_range (self->model, from, to);
}

static void
group_changed_cb (TallyReportPage *self)
{
  static const TallyGroup groups[] = { TALLY_GROUP_DAY, TALLY_GROUP_WEEK, TALLY_GROUP_MONTH, TALLY_GROUP_CAMPAIGN };
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);

  if (self->model != NULL && selected < G_N_ELEMENTS (groups))
    tally_report_model_set_group (self->model, groups[selected]);
}

void
tally_report_page_set_model (TallyReportPage  *self,
                             TallyReportModel *model)
{
  g_return_if_fail (TALLY_IS_REPORT_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model == NULL)
    return;

  g_signal_connect_object (model, "changed", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::busy", G_CALLBACK (busy_changed_cb), self, G_CONNECT_SWAPPED);
  show_run (self);
  busy_changed_cb (self);
}

static void
tally_report_page_dispose (GObject *object)
{
  TallyReportPage *self = TALLY_REPORT_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_REPORT_PAGE);
  _tally_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (tally_report_page_parent_class)->dispose (object);
}

static void
tally_report_page_class_init (TallyReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_report_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, report_view);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, range_entry_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, TallyReportPage, publish_button);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, publications_clicked_cb);
}

static void
tally_report_page_init (TallyReportPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (TALLY_TYPE_REPORT_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_column_view_set_model (self->report_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
  add_totals (self);
}
