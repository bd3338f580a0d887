/* tally-rates-editor.h: a new fixed exchange rate, its currency and its rate
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-setting-editor.h"

G_BEGIN_DECLS

#define TALLY_TYPE_RATES_EDITOR (tally_rates_editor_get_type ())
G_DECLARE_FINAL_TYPE (TallyRatesEditor, tally_rates_editor, TALLY, RATES_EDITOR, TallySettingEditor)

TallySettingEditor *tally_rates_editor_new                    (const char       *reporting_currency);
const char         *tally_rates_editor_get_currency           (TallyRatesEditor *self);
const char         *tally_rates_editor_get_reporting_currency (TallyRatesEditor *self);
void                tally_rates_editor_set_reporting_currency (TallyRatesEditor *self,
                                                               const char       *reporting_currency);

G_END_DECLS
