/* tally-mapping-view.c: an export's first rows, with what each column holds
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grid: each column of the file under its header, with a drop-down of
 * the fields Tally reads, pre-filled from the mapping, above its first
 * values. Changing a drop-down changes the mapping (which the wizard owns)
 * and emits "changed".
 */
#define G_LOG_DOMAIN "tally-mapping-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-mapping-view.h"

#define MAX_PREVIEW_CHARS 24

struct _TallyMappingView
{
  GtkWidget           parent_instance;

  TallyImportPreview *preview;     /* borrowed from the wizard */
  TallyMapping       *mapping;     /* borrowed from the wizard */
  GtkWidget          *scroller;
  GtkWidget          *grid;
};

G_DEFINE_FINAL_TYPE (TallyMappingView, tally_mapping_view, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Item 0 is "ignore"; item n + 1 is field n of the target. */
static GtkStringList *
field_list (TallyTarget target)
{
  guint n_fields;
  const TallyFieldSpec *fields = tally_fields_get (target, &n_fields);
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("— Not imported —"));
  for (guint i = 0; i < n_fields; i++)
    gtk_string_list_append (list, _(fields[i].label));
  return list;
}

/* The drop-down's name says the column and what it holds now, for those
 * who do not see it: "What “Amount” holds: Amount". */
static void
describe_selection (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *header = g_object_get_data (G_OBJECT (dropdown), "header");
  /* Translators: the name of a column's drop-down, "What “Amount” holds: Amount" */
  g_autofree char *spoken = g_strdup_printf (_("What “%s” holds: %s"), header,
                                             item != NULL ? gtk_string_object_get_string (item) : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
field_selected_cb (GtkDropDown      *dropdown,
                   GParamSpec       *pspec,
                   TallyMappingView *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n_fields;
  const TallyFieldSpec *fields;

  describe_selection (dropdown);
  if (self->mapping == NULL || column >= self->mapping->n_columns)
    return;

  fields = tally_fields_get (self->mapping->target, &n_fields);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n_fields)
    tally_mapping_set_column (self->mapping, column, NULL);
  else
    tally_mapping_set_column (self->mapping, column, fields[selected - 1].name);

  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_PREVIEW_CHARS);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, header ? "heading" : "preview-cell");
  return label;
}

static void
rebuild (TallyMappingView *self)
{
  GtkGrid *grid;
  guint n_columns;

  if (self->grid != NULL)
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), NULL);
  self->grid = NULL;
  if (self->preview == NULL || self->preview->headers == NULL)
    return;

  self->grid = gtk_grid_new ();
  grid = GTK_GRID (self->grid);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_widget_set_margin_start (self->grid, 6);
  gtk_widget_set_margin_end (self->grid, 6);
  gtk_widget_set_margin_bottom (self->grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The file’s columns"), -1);

  n_columns = g_strv_length (self->preview->headers);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *header = self->preview->headers[c];

      gtk_grid_attach (grid, cell_label (header, TRUE), (int) c, 0, 1, 1);

      if (self->mapping != NULL)
        {
          g_autoptr(GtkStringList) fields = field_list (self->mapping->target);
          /* Searchable: a Meta export has some thirty fields to choose from. */
          GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&fields)),
                                                   gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
          int field = c < self->mapping->n_columns ? self->mapping->column_fields[c] : -1;
          /* Translators: the tooltip of a column's drop-down */
          g_autofree char *tooltip = g_strdup_printf (_("What “%s” holds"), header);

          g_object_set_data_full (G_OBJECT (dropdown), "header", g_strdup (header), g_free);
          g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (c));
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), field >= 0 ? (guint) field + 1 : 0);
          describe_selection (GTK_DROP_DOWN (dropdown));
          g_signal_connect (dropdown, "notify::selected", G_CALLBACK (field_selected_cb), self);
          gtk_widget_set_tooltip_text (dropdown, tooltip);
          gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
          gtk_grid_attach (grid, dropdown, (int) c, 1, 1, 1);
        }

      for (guint r = 0; r < self->preview->rows->len; r++)
        {
          GStrv row = g_ptr_array_index (self->preview->rows, r);
          const char *text = c < g_strv_length (row) ? row[c] : "";

          gtk_grid_attach (grid, cell_label (text, FALSE), (int) c, (int) r + 2, 1, 1);
        }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->grid);
}

/**
 * tally_mapping_view_set:
 * @self: a mapping view
 * @preview: (nullable): the file's first rows; the view keeps a pointer
 * @mapping: (nullable): the mapping to show and edit; the view keeps a pointer
 *
 * Shows @preview's columns with @mapping's fields. The caller keeps both
 * alive while they are shown.
 */
void
tally_mapping_view_set (TallyMappingView   *self,
                        TallyImportPreview *preview,
                        TallyMapping       *mapping)
{
  g_return_if_fail (TALLY_IS_MAPPING_VIEW (self));

  self->preview = preview;
  self->mapping = mapping;
  rebuild (self);
}

static void
tally_mapping_view_dispose (GObject *object)
{
  TallyMappingView *self = TALLY_MAPPING_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->grid = NULL;

  G_OBJECT_CLASS (tally_mapping_view_parent_class)->dispose (object);
}

static void
tally_mapping_view_class_init (TallyMappingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_mapping_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * TallyMappingView::changed:
   *
   * A column now holds another field.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_mapping_view_init (TallyMappingView *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
tally_mapping_view_new (void)
{
  return g_object_new (TALLY_TYPE_MAPPING_VIEW, NULL);
}
