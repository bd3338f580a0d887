/* tally-fields.c: the canonical fields exports are mapped onto
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-fields"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-fields.h"

static const TallyFieldSpec meta_fields[] = {
  { "date_start", TALLY_FIELD_DATE, FALSE, N_("Reporting starts") },
  { "date_end", TALLY_FIELD_DATE, FALSE, N_("Reporting ends") },
  { "day", TALLY_FIELD_DATE, FALSE, N_("Day") },
  { "account_id", TALLY_FIELD_ID, FALSE, N_("Account ID") },
  { "account_name", TALLY_FIELD_TEXT, FALSE, N_("Account name") },
  { "campaign_id", TALLY_FIELD_ID, FALSE, N_("Campaign ID") },
  { "campaign_name", TALLY_FIELD_TEXT, FALSE, N_("Campaign name") },
  { "adset_id", TALLY_FIELD_ID, FALSE, N_("Ad set ID") },
  { "adset_name", TALLY_FIELD_TEXT, FALSE, N_("Ad set name") },
  { "ad_id", TALLY_FIELD_ID, FALSE, N_("Ad ID") },
  { "ad_name", TALLY_FIELD_TEXT, FALSE, N_("Ad name") },
  { "attribution_setting", TALLY_FIELD_TEXT, FALSE, N_("Attribution setting") },
  { "currency", TALLY_FIELD_CURRENCY, FALSE, N_("Currency") },
  { "spend", TALLY_FIELD_MONEY, FALSE, N_("Amount spent") },
  { "impressions", TALLY_FIELD_COUNT, FALSE, N_("Impressions") },
  { "reach", TALLY_FIELD_COUNT, FALSE, N_("Reach") },
  { "frequency", TALLY_FIELD_DECIMAL, FALSE, N_("Frequency") },
  { "all_clicks", TALLY_FIELD_COUNT, FALSE, N_("Clicks (all)") },
  { "link_clicks", TALLY_FIELD_COUNT, FALSE, N_("Link clicks") },
  { "landing_page_views", TALLY_FIELD_COUNT, FALSE, N_("Landing page views") },
  { "purchases", TALLY_FIELD_COUNT, FALSE, N_("Purchases") },
  { "purchase_value", TALLY_FIELD_MONEY, FALSE, N_("Purchases conversion value") },
  { "leads", TALLY_FIELD_COUNT, FALSE, N_("Leads") },
  { "results", TALLY_FIELD_COUNT, FALSE, N_("Results") },
  { "result_indicator", TALLY_FIELD_TEXT, FALSE, N_("Result indicator") },
  { "age", TALLY_FIELD_TEXT, TRUE, N_("Age") },
  { "gender", TALLY_FIELD_TEXT, TRUE, N_("Gender") },
  { "country", TALLY_FIELD_TEXT, TRUE, N_("Country") },
  { "region", TALLY_FIELD_TEXT, TRUE, N_("Region") },
  { "placement", TALLY_FIELD_TEXT, TRUE, N_("Placement") },
  { "platform", TALLY_FIELD_TEXT, TRUE, N_("Platform") },
  { "device", TALLY_FIELD_TEXT, TRUE, N_("Impression device") },
  { "product_id", TALLY_FIELD_TEXT, TRUE, N_("Product ID") },
};

static const TallyFieldSpec crm_fields[] = {
  { "record_id", TALLY_FIELD_ID, FALSE, N_("Record ID") },
  { "contact_id", TALLY_FIELD_ID, FALSE, N_("Contact ID") },
  { "kind", TALLY_FIELD_TEXT, FALSE, N_("Kind (lead, deal or order)") },
  { "created_at", TALLY_FIELD_TIMESTAMP, FALSE, N_("Created") },
  { "won_at", TALLY_FIELD_TIMESTAMP, FALSE, N_("Won") },
  { "stage", TALLY_FIELD_TEXT, FALSE, N_("Stage or status") },
  { "amount", TALLY_FIELD_MONEY, FALSE, N_("Amount") },
  { "currency", TALLY_FIELD_CURRENCY, FALSE, N_("Currency") },
  { "refunded_amount", TALLY_FIELD_MONEY, FALSE, N_("Refunded amount") },
  { "refunded_at", TALLY_FIELD_TIMESTAMP, FALSE, N_("Refunded") },
  { "term_months", TALLY_FIELD_COUNT, FALSE, N_("Term in months") },
  { "email", TALLY_FIELD_EMAIL, FALSE, N_("E-mail") },
  { "phone", TALLY_FIELD_PHONE, FALSE, N_("Phone") },
  { "utm_source", TALLY_FIELD_TEXT, FALSE, N_("Original utm_source") },
  { "utm_medium", TALLY_FIELD_TEXT, FALSE, N_("Original utm_medium") },
  { "utm_campaign", TALLY_FIELD_TEXT, FALSE, N_("Original utm_campaign") },
  { "utm_content", TALLY_FIELD_TEXT, FALSE, N_("Original utm_content") },
  { "utm_term", TALLY_FIELD_TEXT, FALSE, N_("Original utm_term") },
  { "latest_utm_source", TALLY_FIELD_TEXT, FALSE, N_("Latest utm_source") },
  { "latest_utm_medium", TALLY_FIELD_TEXT, FALSE, N_("Latest utm_medium") },
  { "latest_utm_campaign", TALLY_FIELD_TEXT, FALSE, N_("Latest utm_campaign") },
  { "latest_utm_content", TALLY_FIELD_TEXT, FALSE, N_("Latest utm_content") },
  { "latest_utm_term", TALLY_FIELD_TEXT, FALSE, N_("Latest utm_term") },
  { "landing_url", TALLY_FIELD_URL, FALSE, N_("Landing page URL") },
  { "fbclid", TALLY_FIELD_TEXT, FALSE, N_("Facebook click id (fbclid)") },
  { "fbc", TALLY_FIELD_TEXT, FALSE, N_("_fbc cookie") },
  { "fbp", TALLY_FIELD_TEXT, FALSE, N_("_fbp cookie") },
  { "crm_source", TALLY_FIELD_TEXT, FALSE, N_("Original source") },
  { "crm_source_detail", TALLY_FIELD_TEXT, FALSE, N_("Original source detail") },
  { "crm_source_campaign", TALLY_FIELD_TEXT, FALSE, N_("Original source campaign") },
  { "latest_crm_source", TALLY_FIELD_TEXT, FALSE, N_("Latest source") },
  { "latest_crm_source_detail", TALLY_FIELD_TEXT, FALSE, N_("Latest source detail") },
  { "latest_crm_source_campaign", TALLY_FIELD_TEXT, FALSE, N_("Latest source campaign") },
};

static const TallyFieldSpec sessions_fields[] = {
  { "day", TALLY_FIELD_DATE, FALSE, N_("Date") },
  { "source", TALLY_FIELD_TEXT, FALSE, N_("Source") },
  { "medium", TALLY_FIELD_TEXT, FALSE, N_("Medium") },
  { "source_medium", TALLY_FIELD_TEXT, FALSE, N_("Source / medium") },
  { "campaign", TALLY_FIELD_TEXT, FALSE, N_("Campaign") },
  { "sessions", TALLY_FIELD_COUNT, FALSE, N_("Sessions") },
  { "engaged_sessions", TALLY_FIELD_COUNT, FALSE, N_("Engaged sessions") },
};

static const TallyFieldSpec fx_fields[] = {
  { "day", TALLY_FIELD_DATE, FALSE, N_("Date") },
  { "currency", TALLY_FIELD_CURRENCY, FALSE, N_("Currency") },
  { "rate", TALLY_FIELD_DECIMAL, FALSE, N_("Rate") },
  { "base", TALLY_FIELD_CURRENCY, FALSE, N_("Base currency") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (meta_fields) == META_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_fields) == CRM_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (sessions_fields) == SESSIONS_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (fx_fields) == FX_N_FIELDS);
G_STATIC_ASSERT ((int) META_N_FIELDS >= (int) CRM_N_FIELDS);

static const char * const target_names[] = { "meta", "crm", "sessions", "fx" };

/**
 * tally_fields_get:
 * @target: what the fields describe
 * @n_fields: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_fields): the fields
 */
const TallyFieldSpec *
tally_fields_get (TallyTarget  target,
                  guint       *n_fields)
{
  switch (target)
    {
    case TALLY_TARGET_META:
      *n_fields = G_N_ELEMENTS (meta_fields);
      return meta_fields;
    case TALLY_TARGET_CRM:
      *n_fields = G_N_ELEMENTS (crm_fields);
      return crm_fields;
    case TALLY_TARGET_SESSIONS:
      *n_fields = G_N_ELEMENTS (sessions_fields);
      return sessions_fields;
    case TALLY_TARGET_FX:
      *n_fields = G_N_ELEMENTS (fx_fields);
      return fx_fields;
    case TALLY_N_TARGETS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * tally_fields_find:
 *
 * Returns: the index of the field called @name, or -1
 */
int
tally_fields_find (TallyTarget  target,
                   const char  *name)
{
  const TallyFieldSpec *fields;
  guint n;

  fields = tally_fields_get (target, &n);
  for (guint i = 0; i < n; i++)
    if (strcmp (fields[i].name, name) == 0)
      return (int) i;

  return -1;
}

const char *
tally_target_to_string (TallyTarget target)
{
  g_return_val_if_fail (target < TALLY_N_TARGETS, NULL);

  return target_names[target];
}

gboolean
tally_target_from_string (const char  *text,
                          TallyTarget *target)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_names); i++)
    if (g_strcmp0 (text, target_names[i]) == 0)
      {
        *target = (TallyTarget) i;
        return TRUE;
      }

  return FALSE;
}
