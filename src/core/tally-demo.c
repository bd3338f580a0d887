/* tally-demo.c: the demo client
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo client is Casa Jacaranda, a Mexican home-goods retailer that
 * reports in MXN on Mexico City time while its Meta ad account bills in USD
 * on Pacific time and its HubSpot portal exports timestamps in UTC: the
 * everyday situation in which Meta and the CRM never agree. Its exports
 * are bundled under /demo in the core's resources and imported in order.
 */
#define G_LOG_DOMAIN "tally-demo"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tally-demo.h"
#include "tally-project-file.h"
#include "tally-error.h"
#include "tally-import.h"

#define DEMO_RESOURCE_DIR RESOURCE_PREFIX "/demo/"

static const char * const demo_settings[] = {
  "name", "Casa Jacaranda",
  "timezone", "America/Mexico_City",
  "meta_account_timezone", "America/Los_Angeles",
  "crm_timezone", "UTC",
  "reporting_currency", "MXN",
  "crm_currency", "MXN",
  "attribution_window", "7d_click_1d_view",
  "revenue_basis", "net",
  "tax_rate", "0.16",
  "default_country_code", "52",
  NULL
};

/* Rates first, so that spend converts; then Meta, then the CRM. The
 * design studio's form has no preset: it comes with the column mapping a
 * person made for it. */
static const struct
{
  const char *name;
  const char *mapping;
} demo_exports[] = {
  { "ecb-rates-usd-mxn-2026-07-31-2026-10-30.csv", NULL },
  { "Casa-Jacaranda-MX-Anuncios-1-ago-2026-31-oct-2026.csv", NULL },
  { "meta-insights-retargeting-2026-08-01-2026-10-31.json", NULL },
  { "hubspot-crm-exports-all-contacts-2026-11-02.csv", NULL },
  { "hubspot-crm-exports-all-deals-2026-11-02.csv", NULL },
  { "formulario-diseno-interiores-2026-08-01-2026-10-31.csv", "formulario-diseno-interiores.mapping.json" },
  { "ga4-traffic-acquisition-20260801-20261031.csv", NULL },
};

/**
 * tally_demo_list_exports:
 *
 * Returns: (transfer full): the resource paths of the demo client's
 *   bundled exports, in the order they are imported
 */
GStrv
tally_demo_list_exports (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (demo_exports); i++)
    {
      g_autofree char *path = g_strconcat (DEMO_RESOURCE_DIR, demo_exports[i].name, NULL);

      g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

/* Writes a bundled export to @dir under its own name, and imports it. */
static gboolean
import_export (TallyProject  *project,
               const char    *dir,
               const char    *name,
               const char    *mapping_name,
               GError       **error)
{
  g_autofree char *resource = g_strconcat (DEMO_RESOURCE_DIR, name, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr(JsonNode) mapping = NULL;
  TallyImportOptions options = { 0 };
  gboolean ok;

  if (bytes == NULL ||
      !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error))
    return FALSE;

  if (mapping_name != NULL)
    {
      g_autofree char *mapping_resource = g_strconcat (DEMO_RESOURCE_DIR, mapping_name, NULL);
      g_autoptr(GBytes) mapping_bytes = g_resources_lookup_data (mapping_resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

      if (mapping_bytes == NULL)
        return FALSE;
      mapping = json_from_string (g_bytes_get_data (mapping_bytes, NULL), error);
      if (mapping == NULL)
        return FALSE;
      options.mapping = mapping;
    }

  ok = tally_import_file (project, path, &options, NULL, NULL, NULL, NULL, error);
  g_unlink (path);
  return ok;
}

static gboolean
fill_project (const char  *path,
              GError     **error)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  gboolean ok = TRUE;

  project = tally_project_create (path, demo_settings, error);
  if (project == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("tally-demo-XXXXXX", &local_error);
  if (dir == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("The demo exports could not be unpacked (%s); check the space in the temporary folder."),
                   local_error->message);
      return FALSE;
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_exports); i++)
    ok = import_export (project, dir, demo_exports[i].name, demo_exports[i].mapping, error);

  g_rmdir (dir);
  return ok;
}

/**
 * tally_demo_create:
 * @path: where the demo project goes; it must not exist
 * @error: return location for a #TallyError
 *
 * Creates the demo client's project with its settings, its dictionary and
 * its bundled exports imported. Like any new project, it appears whole or
 * not at all.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
TallyProject *
tally_demo_create (const char  *path,
                   GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *tmp_path = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_basename (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_EXISTS,
                   _("“%s” already exists; choose another file name, or open the existing project."),
                   display_name);
      return NULL;
    }

  /* Built beside its final place, then linked in. */
  tmp_path = _tally_project_file_reserve (path, error);
  if (tmp_path == NULL)
    return NULL;
  g_unlink (tmp_path);

  if (!fill_project (tmp_path, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }

  if (!_tally_project_file_publish (tmp_path, path, error))
    return NULL;

  return tally_project_open (path, error);
}
