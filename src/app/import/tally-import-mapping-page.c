/* tally-import-mapping-page.c: the wizard's first step, a file's columns
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Tally recognizes in a file and a preview of its first rows, each
 * column with a drop-down of what it holds. A person may choose another
 * source, or the generic one and what the file holds; an import that
 * failed says why beneath. The page is complete once it has a file.
 */
#define G_LOG_DOMAIN "tally-import-mapping-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-mapping-page.h"
#include "tally-mapping-view.h"

struct _TallyImportMappingPage
{
  TallyImportPage   parent_instance;

  GPtrArray        *presets;      /* the table presets in the source drop-down */
  gboolean          filling;      /* drop-downs being set by code, not by a person */

  GtkLabel         *file_label;
  GtkLabel         *detected_label;
  GtkWidget        *source_box;
  GtkDropDown      *source_dropdown;
  GtkWidget        *target_title;
  GtkDropDown      *target_dropdown;
  GtkWidget        *mapping_hint;
  TallyMappingView *mapping_view;
  GtkLabel         *mapping_error;
};

G_DEFINE_FINAL_TYPE (TallyImportMappingPage, tally_import_mapping_page, TALLY_TYPE_IMPORT_PAGE)

/* In the order of the "Holds" drop-down. */
static const TallyTarget targets[] = {
  TALLY_TARGET_META, TALLY_TARGET_CRM, TALLY_TARGET_SESSIONS, TALLY_TARGET_FX,
};

static TallyImportItem *
current_item (TallyImportMappingPage *self)
{
  return tally_import_page_get_item (TALLY_IMPORT_PAGE (self));
}

static void
describe_detection (TallyImportMappingPage *self,
                    TallyImportItem        *file)
{
  g_autofree char *text = NULL;

  if (file->preview->format != TALLY_IMPORT_FORMAT_TABLE)
    {
      const TallyPreset *preset = tally_preset_lookup (file->preview->preset_id);

      text = g_strdup_printf (_("%s: Tally reads every entry as it is; there are no columns to map."),
                              tally_preset_get_name (preset));
    }
  else if (file->preview->mapping == NULL)
    text = g_strdup_printf (_("Tally does not recognize this file. Choose its source, or “%s” and what it holds, then say what each column is."),
                            tally_preset_get_name (tally_preset_lookup ("generic")));
  else if (file->preview->mapping_saved)
    text = g_strdup (_("Read with the columns you mapped for a file like this before."));
  else
    text = g_strdup_printf (_("Recognized as a %s (%.0f %% of its expected columns found)."),
                            tally_preset_get_name (file->preview->mapping->preset),
                            file->preview->mapping->confidence * 100);

  gtk_label_set_label (self->detected_label, text);
}

static void
fill_source_dropdown (TallyImportMappingPage *self,
                      TallyImportItem        *file)
{
  const TallyPreset *selected = file->mapping != NULL ? file->mapping->preset : tally_preset_lookup ("generic");
  gboolean generic = g_str_equal (tally_preset_get_id (selected), "generic");
  guint position = 0;

  self->filling = TRUE;
  for (guint i = 0; i < self->presets->len; i++)
    if (g_ptr_array_index (self->presets, i) == selected)
      position = i;
  gtk_drop_down_set_selected (self->source_dropdown, position);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (file->mapping != NULL && file->mapping->target == targets[i])
      gtk_drop_down_set_selected (self->target_dropdown, i);
  self->filling = FALSE;

  gtk_widget_set_visible (self->target_title, generic);
  gtk_widget_set_visible (GTK_WIDGET (self->target_dropdown), generic);
}

/* A table can be imported once every field its target needs has a
 * column; until then the page says which one is missing. */
static void
update_complete (TallyImportMappingPage *self,
                 TallyImportItem        *file)
{
  const char *missing = NULL;
  g_autofree char *hint = NULL;

  if (file != NULL && file->preview->format == TALLY_IMPORT_FORMAT_TABLE && file->mapping != NULL)
    missing = tally_mapping_missing_field (file->mapping);
  tally_import_page_set_complete (TALLY_IMPORT_PAGE (self), file != NULL && missing == NULL);
  if (missing != NULL)
    /* Translators: the name of a field, "Record ID" */
    hint = g_strdup_printf (_("Choose the column that holds “%s” to import this file."), missing);
  tally_import_mapping_page_set_problem (self, hint);
}

/* A file Tally does not recognize starts as the generic source, with its
 * columns to map, for the target the drop-down shows. */
static void
start_generic_mapping (TallyImportMappingPage *self,
                       TallyImportItem        *file)
{
  file->mapping = tally_mapping_for_preset (tally_preset_lookup ("generic"), (const char * const *) file->preview->headers,
                                            g_strv_length (file->preview->headers));
  file->mapping->target = targets[MIN (gtk_drop_down_get_selected (self->target_dropdown), G_N_ELEMENTS (targets) - 1)];
  g_clear_pointer (&file->preset_id, g_free);
  file->preset_id = g_strdup ("generic");
  file->edited = TRUE;
}

static void
tally_import_mapping_page_item_changed (TallyImportPage *page)
{
  TallyImportMappingPage *self = TALLY_IMPORT_MAPPING_PAGE (page);
  TallyImportItem *file = current_item (self);
  gboolean table;

  tally_import_mapping_page_set_problem (self, NULL);
  tally_import_page_set_complete (page, file != NULL);
  if (file == NULL)
    {
      tally_mapping_view_set (self->mapping_view, NULL, NULL);
      return;
    }

  /* Leaving rows out holds for the rows a person was shown: after a look
   * at the columns the next import lists them again. */
  file->skip_invalid = FALSE;
  table = file->preview->format == TALLY_IMPORT_FORMAT_TABLE;
  gtk_label_set_label (self->file_label, file->preview->file_name);
  describe_detection (self, file);
  gtk_widget_set_visible (self->source_box, table);
  gtk_widget_set_visible (self->mapping_hint, table);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_view), table);
  if (table && file->mapping == NULL)
    start_generic_mapping (self, file);
  if (table)
    fill_source_dropdown (self, file);
  tally_mapping_view_set (self->mapping_view, table ? file->preview : NULL, file->mapping);
  if (file->mapping != NULL || !table)
    update_complete (self, file);
}

static void
source_changed_cb (TallyImportMappingPage *self)
{
  TallyImportItem *file = current_item (self);
  guint position = gtk_drop_down_get_selected (self->source_dropdown);
  const TallyPreset *preset;

  if (self->filling || file == NULL || position >= self->presets->len)
    return;

  preset = g_ptr_array_index (self->presets, position);
  g_clear_pointer (&file->mapping, tally_mapping_free);
  g_clear_pointer (&file->preset_id, g_free);

  if (file->preview->mapping != NULL && preset == file->preview->mapping->preset)
    tally_import_item_reset_mapping (file);
  else
    {
      file->mapping = tally_mapping_for_preset (preset, (const char * const *) file->preview->headers,
                                                g_strv_length (file->preview->headers));
      file->preset_id = g_strdup (tally_preset_get_id (preset));
      if (g_str_equal (tally_preset_get_id (preset), "generic"))
        file->mapping->target = targets[MIN (gtk_drop_down_get_selected (self->target_dropdown), 3u)];
    }
  file->edited = g_str_equal (tally_preset_get_id (preset), "generic");

  fill_source_dropdown (self, file);
  tally_mapping_view_set (self->mapping_view, file->preview, file->mapping);
  update_complete (self, file);
}

static void
target_changed_cb (TallyImportMappingPage *self)
{
  TallyImportItem *file = current_item (self);
  guint position = gtk_drop_down_get_selected (self->target_dropdown);

  if (self->filling || file == NULL || file->mapping == NULL || position >= G_N_ELEMENTS (targets) ||
      !g_str_equal (tally_preset_get_id (file->mapping->preset), "generic"))
    return;

  /* Another target has other fields: start its columns afresh. */
  g_clear_pointer (&file->mapping, tally_mapping_free);
  file->mapping = tally_mapping_for_preset (tally_preset_lookup ("generic"),
                                            (const char * const *) file->preview->headers,
                                            g_strv_length (file->preview->headers));
  file->mapping->target = targets[position];
  file->edited = TRUE;
  tally_mapping_view_set (self->mapping_view, file->preview, file->mapping);
  update_complete (self, file);
}

static void
mapping_edited_cb (TallyImportMappingPage *self)
{
  TallyImportItem *file = current_item (self);

  if (file != NULL)
    file->edited = TRUE;
  update_complete (self, file);
}

/**
 * tally_import_mapping_page_set_problem:
 * @self: the page
 * @problem: (nullable): why the file's last import failed
 */
void
tally_import_mapping_page_set_problem (TallyImportMappingPage *self,
                                       const char             *problem)
{
  g_return_if_fail (TALLY_IS_IMPORT_MAPPING_PAGE (self));

  gtk_label_set_label (self->mapping_error, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), problem != NULL);
}

/* The presets for tables; the generic one, mapped by hand, last. */
static void
fill_presets (TallyImportMappingPage *self)
{
  g_autoptr(GPtrArray) all = tally_preset_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->presets = g_ptr_array_new ();
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < all->len; i++)
      {
        const TallyPreset *preset = g_ptr_array_index (all, i);
        gboolean generic = g_str_equal (tally_preset_get_id (preset), "generic");

        if (!g_str_equal (tally_preset_get_format (preset), "table") || generic != (pass == 1))
          continue;
        g_ptr_array_add (self->presets, (gpointer) preset);
        gtk_string_list_append (names, tally_preset_get_name (preset));
      }
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
}

static void
tally_import_mapping_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_IMPORT_MAPPING_PAGE);

  G_OBJECT_CLASS (tally_import_mapping_page_parent_class)->dispose (object);
}

static void
tally_import_mapping_page_finalize (GObject *object)
{
  TallyImportMappingPage *self = TALLY_IMPORT_MAPPING_PAGE (object);

  g_clear_pointer (&self->presets, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_import_mapping_page_parent_class)->finalize (object);
}

static void
tally_import_mapping_page_class_init (TallyImportMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TallyImportPageClass *page_class = TALLY_IMPORT_PAGE_CLASS (klass);

  object_class->dispose = tally_import_mapping_page_dispose;
  object_class->finalize = tally_import_mapping_page_finalize;
  page_class->item_changed = tally_import_mapping_page_item_changed;

  g_type_ensure (TALLY_TYPE_MAPPING_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, detected_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, source_box);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, target_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, mapping_hint);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, mapping_view);
  gtk_widget_class_bind_template_child (widget_class, TallyImportMappingPage, mapping_error);
}

static void
tally_import_mapping_page_init (TallyImportMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_presets (self);

  g_signal_connect_swapped (self->source_dropdown, "notify::selected", G_CALLBACK (source_changed_cb), self);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->mapping_view, "changed", G_CALLBACK (mapping_edited_cb), self);
}

GtkWidget *
tally_import_mapping_page_new (void)
{
  return g_object_new (TALLY_TYPE_IMPORT_MAPPING_PAGE, NULL);
}
