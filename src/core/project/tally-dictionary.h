/* tally-dictionary.h: the project's KPI dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tally-kpi.h"
#include "tally-project.h"

G_BEGIN_DECLS

const char * const *tally_dictionary_get_sources (void);
const char * const *tally_dictionary_get_units   (void);

GPtrArray *tally_dictionary_list     (TallyProject  *project,
                                      GError       **error);
TallyKpi  *tally_dictionary_lookup   (TallyProject  *project,
                                      const char    *id,
                                      GError       **error);
gboolean   tally_dictionary_add      (TallyProject  *project,
                                      TallyKpi      *kpi,
                                      GError       **error);
gboolean   tally_dictionary_update   (TallyProject  *project,
                                      TallyKpi      *kpi,
                                      GError       **error);
gboolean   tally_dictionary_remove   (TallyProject  *project,
                                      const char    *id,
                                      GError       **error);
JsonNode  *tally_dictionary_to_json  (GPtrArray     *kpis);
char      *tally_dictionary_to_csv   (GPtrArray     *kpis);
char      *tally_dictionary_to_markdown (GPtrArray  *kpis,
                                      const char    *title);
GStrv      tally_dictionary_split_join_keys (const char *join_keys);

G_END_DECLS
