/* tally-formula.h: the arithmetic of custom KPIs
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TallyFormulaLookup:
 * @identifier: a KPI id named in the formula
 * @value: (out): its value; NAN when it is undefined
 * @user_data: the caller's data
 *
 * Returns: %FALSE when @identifier is unknown
 */
typedef gboolean (*TallyFormulaLookup) (const char *identifier,
                                        double     *value,
                                        gpointer    user_data);

gboolean tally_formula_parse    (const char          *formula,
                                 GStrv               *identifiers,
                                 GError             **error);
gboolean tally_formula_evaluate (const char          *formula,
                                 TallyFormulaLookup   lookup,
                                 gpointer             user_data,
                                 double              *result,
                                 GError             **error);

G_END_DECLS
