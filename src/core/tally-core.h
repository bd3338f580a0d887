/* tally-core.h: everything the app and the CLI use of the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-batches.h"
#include "tally-currency.h"
#include "tally-days.h"
#include "tally-demo.h"
#include "tally-diagnostics.h"
#include "tally-dictionary.h"
#include "tally-engine.h"
#include "tally-error.h"
#include "tally-facts.h"
#include "tally-fields.h"
#include "tally-formula.h"
#include "tally-freeze.h"
#include "tally-fx.h"
#include "tally-import.h"
#include "tally-import-preview.h"
#include "tally-import-session.h"
#include "tally-kpi.h"
#include "tally-normalize.h"
#include "tally-preset.h"
#include "tally-project.h"
#include "tally-pull.h"
#include "tally-pull-job.h"
#include "tally-project-job.h"
#include "tally-publish.h"
#include "tally-format.h"
#include "tally-report.h"
#include "tally-report-export.h"
#include "tally-report-session.h"
#include "tally-setting-save.h"
#include "tally-settings.h"
#include "tally-table-reader.h"
#include "tally-zone.h"

G_BEGIN_DECLS

void tally_core_init_i18n (void);

G_END_DECLS
