/* tally-facts-private.h: the facts and their cache, inside the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-facts.h"

G_BEGIN_DECLS

/* The tables facts are read from. */
typedef enum
{
  TALLY_FACTS_CRM,
  TALLY_FACTS_META,
  TALLY_FACTS_SESSIONS,
  TALLY_FACTS_RATES,
  TALLY_FACTS_N_TABLES,
} TallyFactsTable;

typedef struct _Interner Interner;

TallyFacts *_tally_facts_new           (void);
TallyFacts *_tally_facts_build         (TallyProject *project,
                                        GError      **error);
void        _tally_facts_canonicalize  (TallyFacts   *facts);
Interner   *_tally_facts_interner_new  (TallyFacts   *facts);
void        _tally_facts_interner_free (Interner     *interner);
gboolean    _tally_facts_load_table    (TallyProject     *project,
                                        Interner         *interner,
                                        TallyFactsTable   table,
                                        gint64            first,
                                        gint64            last,
                                        GError          **error);
gboolean    _tally_facts_cache_store   (TallyProject *project,
                                        TallyFacts   *facts,
                                        GError      **error);
gboolean    _tally_facts_keep_current  (TallyProject     *project,
                                        TallyFactsTable   table,
                                        gint64            first_row_id,
                                        gint64            last_row_id,
                                        guint64           rows_replaced,
                                        gint64            version_before,
                                        GError          **error);
gint64      _tally_facts_data_version  (TallyProject *project);
TallyFacts *_tally_facts_cache_read    (TallyProject *project,
                                        gint64        data_version);
void        _tally_facts_cache_write   (TallyProject *project,
                                        TallyFacts   *facts);

G_END_DECLS
