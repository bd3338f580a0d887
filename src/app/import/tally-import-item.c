/* tally-import-item.c: one file of the import wizard, as a person sees it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Tally found in the file, the mapping a person chose for it, the
 * answers they gave, and what its last import said. The wizard and each
 * of its pages hold a reference.
 */
#define G_LOG_DOMAIN "tally-import-item"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-item.h"

static void
clear_item (TallyImportItem *item)
{
  g_free (item->path);
  g_clear_pointer (&item->preview, tally_import_preview_free);
  g_clear_pointer (&item->mapping, tally_mapping_free);
  g_free (item->preset_id);
  g_clear_pointer (&item->result, tally_import_result_free);
}

/**
 * tally_import_item_new:
 * @path: the file
 * @preview: (transfer full): what Tally found in it
 *
 * Returns: (transfer full): the file with the mapping the import would find
 */
TallyImportItem *
tally_import_item_new (const char         *path,
                       TallyImportPreview *preview)
{
  TallyImportItem *item = g_rc_box_new0 (TallyImportItem);

  item->path = g_strdup (path);
  item->preview = preview;
  tally_import_item_reset_mapping (item);
  return item;
}

TallyImportItem *
tally_import_item_ref (TallyImportItem *item)
{
  return g_rc_box_acquire (item);
}

void
tally_import_item_unref (TallyImportItem *item)
{
  g_rc_box_release_full (item, (GDestroyNotify) clear_item);
}

/* The mapping a file starts with: the preview's, as the import would find it. */
void
tally_import_item_reset_mapping (TallyImportItem *item)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (item != NULL);

  g_clear_pointer (&item->mapping, tally_mapping_free);
  if (item->preview->mapping == NULL)
    return;

  node = tally_mapping_to_json (item->preview->mapping);
  item->mapping = tally_mapping_from_json (node, (const char * const *) item->preview->headers,
                                           g_strv_length (item->preview->headers), item->preview->file_name, NULL);
}

/**
 * tally_import_item_get_options:
 * @item: the file
 * @options: (out caller-allocates): how to import it
 *
 * What the person saw is what is imported: a mapping they changed (then
 * kept for the next file with these columns), or the source they chose.
 *
 * Returns: (transfer full) (nullable): the mapping @options points to,
 *   for the caller to free once the import has copied it
 */
JsonNode *
tally_import_item_get_options (TallyImportItem    *item,
                               TallyImportOptions *options)
{
  JsonNode *mapping = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  *options = (TallyImportOptions) { 0 };
  options->decimal = item->decimal;
  options->date_order = item->date_order;
  options->skip_invalid = item->skip_invalid;
  if (item->preview->format == TALLY_IMPORT_FORMAT_TABLE && item->mapping != NULL && item->edited)
    mapping = tally_mapping_to_json (item->mapping);
  else if (item->preset_id != NULL)
    options->preset = item->preset_id;
  options->mapping = mapping;
  return mapping;
}

TallyImportPlace
tally_import_place_of (const TallyImportResult *result)
{
  if (g_strcmp0 (result->line_word, _("row")) == 0)
    return TALLY_IMPORT_PLACE_ROW;
  if (g_strcmp0 (result->line_word, _("entry")) == 0)
    return TALLY_IMPORT_PLACE_ENTRY;
  return TALLY_IMPORT_PLACE_LINE;
}

char *
tally_import_place_format (TallyImportPlace kind,
                           guint64          line)
{
  switch (kind)
    {
    case TALLY_IMPORT_PLACE_ROW:
      /* Translators: where a rejected row sits in a workbook */
      return g_strdup_printf (_("Row %" G_GUINT64_FORMAT), line);
    case TALLY_IMPORT_PLACE_ENTRY:
      /* Translators: where a rejected entry sits in a JSON file */
      return g_strdup_printf (_("Entry %" G_GUINT64_FORMAT), line);
    case TALLY_IMPORT_PLACE_LINE:
    default:
      /* Translators: where a rejected row sits in a text file */
      return g_strdup_printf (_("Line %" G_GUINT64_FORMAT), line);
    }
}

/* A count as ngettext takes it. */
gulong
tally_import_plural_n (guint64 n)
{
  return (gulong) MIN (n, G_MAXULONG);
}
