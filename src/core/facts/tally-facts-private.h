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

/* Strings of facts, each kept once (tally-facts.c). */
typedef struct _Interner Interner;
struct _Interner
{
  TallyFacts *facts;
  GHashTable *ids;
};

/* One CRM record as it is stored: what the facts take of it. Texts may be
 * NULL or empty for none. */
typedef struct
{
  const char   *origin;
  const char   *record_id;
  const char   *kind;
  const char   *contact_id;
  const char   *created;
  const char   *won;
  const char   *refunded;
  const char   *stage;
  const char   *currency;
  gint64        amount;
  gint64        refund;
  gint          term_months;
  gboolean      has_amount;
  const guint8 *sha256[2];          /* e-mail and phone hashes, 32 bytes */
  const char   *sha256_text[2];     /* or the text they were kept as */
  const char   *utm_source[N_TOUCHES];
  const char   *utm_campaign[N_TOUCHES];
  const char   *crm_source[N_TOUCHES];
  const char   *crm_detail[N_TOUCHES];
  const char   *fbclid;
  const char   *fbc;

  /* The ids of the texts above in the project's strings table (schema 6),
   * 0 where there is none: facts look each id up once. */
  gint64        stage_id;
  gint64        currency_id;
  gint64        utm_source_id[N_TOUCHES];
  gint64        utm_campaign_id[N_TOUCHES];
  gint64        crm_source_id[N_TOUCHES];
  gint64        crm_detail_id[N_TOUCHES];
} TallyCrmValues;

/* The records of one import, turned into facts as they are written. */
typedef struct _TallyCrmAppend TallyCrmAppend;

TallyCrmAppend *_tally_facts_crm_append_new  (guint                 expected);
void            _tally_facts_crm_append_add  (TallyCrmAppend       *append,
                                              const TallyCrmValues *values);
void            _tally_facts_crm_append_free (TallyCrmAppend       *append);
void            _tally_facts_adopt_crm       (Interner             *interner,
                                              TallyCrmAppend       *append);

TallyFacts *_tally_facts_new           (void);
TallyFacts *_tally_facts_build         (TallyProject *project,
                                        GError      **error);
void        _tally_facts_canonicalize  (TallyFacts   *facts);
Interner   *_tally_facts_interner_new  (TallyFacts   *facts);
guint32     _tally_facts_intern        (Interner     *interner,
                                        const char   *text);
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
                                        TallyCrmAppend   *crm,
                                        GError          **error);
TallyFacts *_tally_facts_build_before   (TallyProject     *project,
                                        TallyFactsTable   table,
                                        gint64            first,
                                        GError          **error);
gint64      _tally_facts_data_version  (TallyProject *project);
TallyFacts *_tally_facts_cache_read    (TallyProject *project,
                                        gint64        data_version);
void        _tally_facts_cache_write   (TallyProject *project,
                                        TallyFacts   *facts);

G_END_DECLS
