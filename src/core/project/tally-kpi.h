/* tally-kpi.h: one entry of the KPI dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TALLY_TYPE_KPI (tally_kpi_get_type ())
G_DECLARE_FINAL_TYPE (TallyKpi, tally_kpi, TALLY, KPI, GObject)

TallyKpi   *tally_kpi_new            (void);
TallyKpi   *tally_kpi_copy           (TallyKpi   *self);

const char *tally_kpi_get_id         (TallyKpi   *self);
void        tally_kpi_set_id         (TallyKpi   *self,
                                      const char *id);
const char *tally_kpi_get_name       (TallyKpi   *self);
void        tally_kpi_set_name       (TallyKpi   *self,
                                      const char *name);
const char *tally_kpi_get_definition (TallyKpi   *self);
void        tally_kpi_set_definition (TallyKpi   *self,
                                      const char *definition);
const char *tally_kpi_get_formula    (TallyKpi   *self);
void        tally_kpi_set_formula    (TallyKpi   *self,
                                      const char *formula);
const char *tally_kpi_get_source     (TallyKpi   *self);
void        tally_kpi_set_source     (TallyKpi   *self,
                                      const char *source);
const char *tally_kpi_get_source_note (TallyKpi  *self);
void        tally_kpi_set_source_note (TallyKpi  *self,
                                      const char *source_note);
const char *tally_kpi_get_grain      (TallyKpi   *self);
void        tally_kpi_set_grain      (TallyKpi   *self,
                                      const char *grain);
const char *tally_kpi_get_join_keys  (TallyKpi   *self);
void        tally_kpi_set_join_keys  (TallyKpi   *self,
                                      const char *join_keys);
const char *tally_kpi_get_unit       (TallyKpi   *self);
void        tally_kpi_set_unit       (TallyKpi   *self,
                                      const char *unit);
gboolean    tally_kpi_get_core       (TallyKpi   *self);
void        tally_kpi_set_core       (TallyKpi   *self,
                                      gboolean    core);

G_END_DECLS
