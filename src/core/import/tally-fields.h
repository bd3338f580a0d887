/* tally-fields.h: the canonical fields exports are mapped onto
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a file brings: Meta delivery, CRM records, web sessions or rates. */
typedef enum
{
  TALLY_TARGET_META,
  TALLY_TARGET_CRM,
  TALLY_TARGET_SESSIONS,
  TALLY_TARGET_FX,
  TALLY_N_TARGETS
} TallyTarget;

typedef enum
{
  TALLY_FIELD_TEXT,
  TALLY_FIELD_ID,
  TALLY_FIELD_COUNT,
  TALLY_FIELD_MONEY,
  TALLY_FIELD_DECIMAL,
  TALLY_FIELD_DATE,
  TALLY_FIELD_TIMESTAMP,
  TALLY_FIELD_CURRENCY,
  TALLY_FIELD_EMAIL,
  TALLY_FIELD_PHONE,
  TALLY_FIELD_URL,
} TallyFieldType;

typedef struct
{
  const char     *name;
  TallyFieldType  type;
  gboolean        breakdown;   /* a Meta breakdown column (age, gender…) */
  const char     *label;       /* translatable */
} TallyFieldSpec;

/* Meta fields, in the order of tally_fields_get (TALLY_TARGET_META). */
enum
{
  META_DATE_START, META_DATE_END, META_DAY, META_ACCOUNT_ID, META_ACCOUNT_NAME,
  META_CAMPAIGN_ID, META_CAMPAIGN_NAME, META_ADSET_ID, META_ADSET_NAME, META_AD_ID, META_AD_NAME,
  META_ATTRIBUTION_SETTING, META_CURRENCY, META_SPEND, META_IMPRESSIONS, META_REACH,
  META_FREQUENCY, META_ALL_CLICKS, META_LINK_CLICKS, META_LANDING_PAGE_VIEWS, META_PURCHASES,
  META_PURCHASE_VALUE, META_LEADS, META_RESULTS, META_RESULT_INDICATOR,
  META_AGE, META_GENDER, META_COUNTRY, META_REGION, META_PLACEMENT, META_PLATFORM, META_DEVICE,
  META_PRODUCT_ID,
  META_N_FIELDS
};

enum
{
  CRM_RECORD_ID, CRM_CONTACT_ID, CRM_KIND, CRM_CREATED_AT, CRM_WON_AT, CRM_STAGE, CRM_AMOUNT,
  CRM_CURRENCY, CRM_REFUNDED_AMOUNT, CRM_REFUNDED_AT, CRM_TERM_MONTHS, CRM_EMAIL, CRM_PHONE,
  CRM_UTM_SOURCE, CRM_UTM_MEDIUM, CRM_UTM_CAMPAIGN, CRM_UTM_CONTENT, CRM_UTM_TERM,
  CRM_LATEST_UTM_SOURCE, CRM_LATEST_UTM_MEDIUM, CRM_LATEST_UTM_CAMPAIGN, CRM_LATEST_UTM_CONTENT,
  CRM_LATEST_UTM_TERM, CRM_LANDING_URL, CRM_FBCLID, CRM_FBC, CRM_FBP, CRM_SOURCE,
  CRM_SOURCE_DETAIL, CRM_SOURCE_CAMPAIGN, CRM_LATEST_SOURCE, CRM_LATEST_SOURCE_DETAIL,
  CRM_LATEST_SOURCE_CAMPAIGN,
  CRM_N_FIELDS
};

enum
{
  SESSIONS_DAY, SESSIONS_SOURCE, SESSIONS_MEDIUM, SESSIONS_SOURCE_MEDIUM, SESSIONS_CAMPAIGN,
  SESSIONS_SESSIONS, SESSIONS_ENGAGED,
  SESSIONS_N_FIELDS
};

enum
{
  FX_DAY, FX_CURRENCY, FX_RATE, FX_BASE,
  FX_N_FIELDS
};

#define TALLY_MAX_FIELDS META_N_FIELDS

const TallyFieldSpec *tally_fields_get          (TallyTarget  target,
                                                 guint       *n_fields);
int                   tally_fields_find         (TallyTarget  target,
                                                 const char  *name);
const char           *tally_target_to_string    (TallyTarget  target);
gboolean              tally_target_from_string  (const char  *text,
                                                 TallyTarget *target);

G_END_DECLS
