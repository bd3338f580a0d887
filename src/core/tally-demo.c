/* tally-demo.c: the demo client
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo client is Casa Jacaranda, a Mexican home-goods retailer that
 * reports in MXN on Mexico City time while its Meta ad account bills in USD
 * on Pacific time: the everyday situation in which Meta and the CRM never
 * agree. Its exports are bundled under /demo in the core's resources.
 */
#define G_LOG_DOMAIN "tally-demo"

#include "config.h"

#include <gio/gio.h>

#include "tally-demo.h"

#define DEMO_RESOURCE_DIR RESOURCE_PREFIX "/demo/"

static const char * const demo_settings[] = {
  "name", "Casa Jacaranda",
  "timezone", "America/Mexico_City",
  "meta_account_timezone", "America/Los_Angeles",
  /* Its HubSpot portal exports timestamps in UTC. */
  "crm_timezone", "UTC",
  "reporting_currency", "MXN",
  "crm_currency", "MXN",
  "attribution_window", "7d_click_1d_view",
  "revenue_basis", "net",
  "tax_rate", "0.16",
  "default_country_code", "52",
  NULL
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tally_demo_list_exports:
 *
 * Returns: (transfer full): the resource paths of the demo client's
 *   bundled exports, sorted by name
 */
GStrv
tally_demo_list_exports (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (DEMO_RESOURCE_DIR,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (paths, g_strconcat (DEMO_RESOURCE_DIR, names[i], NULL));
  g_ptr_array_sort (paths, compare_names);
  g_ptr_array_add (paths, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

/**
 * tally_demo_create:
 * @path: where the demo project goes; it must not exist
 * @error: return location for a #TallyError
 *
 * Creates the demo client's project with its settings and dictionary.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
TallyProject *
tally_demo_create (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return tally_project_create (path, demo_settings, error);
}
