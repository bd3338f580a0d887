/* tally-settings.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-error.h"
#include "tally-normalize.h"
#include "tally-settings.h"
#include "tally-zone.h"

static const TallySettingChoice scope_choices[] = {
  { "meta_attributed", N_("Meta attributed") },
  { "crm_realized", N_("CRM realized") },
  { NULL, NULL }
};

static const TallySettingChoice window_choices[] = {
  { "1d_click", N_("1-day click") },
  { "7d_click", N_("7-day click") },
  { "28d_click", N_("28-day click") },
  { "1d_click_1d_view", N_("1-day click or 1-day view") },
  { "7d_click_1d_view", N_("7-day click or 1-day view") },
  { "28d_click_1d_view", N_("28-day click or 1-day view") },
  { NULL, NULL }
};

static const TallySettingChoice fx_rule_choices[] = {
  { "daily", N_("Rate of the day") },
  { "monthly_average", N_("Monthly average") },
  { "fixed", N_("Fixed rates") },
  { NULL, NULL }
};

static const TallySettingChoice revenue_basis_choices[] = {
  { "gross", N_("Gross") },
  { "net", N_("Net of refunds") },
  { "recognized", N_("Recognized over the term") },
  { NULL, NULL }
};

static const TallySettingChoice refund_policy_choices[] = {
  { "restate", N_("On the sale’s day") },
  { "period", N_("On the refund’s day") },
  { NULL, NULL }
};

static const TallySettingChoice clicks_choices[] = {
  { "link_clicks", N_("Link clicks") },
  { "all_clicks", N_("All clicks") },
  { NULL, NULL }
};

static const TallySettingChoice conversion_choices[] = {
  { "purchase", N_("Purchase") },
  { "lead", N_("Lead") },
  { NULL, NULL }
};

static const TallySettingChoice attribution_model_choices[] = {
  { "first_touch", N_("First touch (original source)") },
  { "last_touch", N_("Last touch (latest source)") },
  { NULL, NULL }
};

/* SPEC section 3, in its order. */
static const TallySettingSpec specs[] = {
  { "name", TALLY_SETTING_TEXT, NULL, FALSE, NULL, NULL, 0, 0,
    N_("Client name"), N_("Shown in the window title and on the PDF cover.") },
  { "scope", TALLY_SETTING_CHOICE, "crm_realized", FALSE, NULL, scope_choices, 0, 0,
    N_("Headline view"), N_("Which view comes first in the report, the charts and the PDF.") },
  { "timezone", TALLY_SETTING_TIMEZONE, NULL, FALSE, NULL, NULL, 0, 0,
    N_("Reporting timezone"), N_("Every day, week and month of the report is a calendar period in this zone.") },
  { "meta_account_timezone", TALLY_SETTING_TIMEZONE, NULL, TRUE, "timezone", NULL, 0, 0,
    N_("Ad account timezone"), N_("The timezone the Meta ad account reports its days in.") },
  { "crm_timezone", TALLY_SETTING_TIMEZONE, NULL, TRUE, "timezone", NULL, 0, 0,
    N_("CRM timezone"), N_("How CRM timestamps written without an offset are read.") },
  { "attribution_window", TALLY_SETTING_CHOICE, "7d_click_1d_view", FALSE, NULL, window_choices, 0, 0,
    N_("Attribution window"), N_("The standard Meta window that attributed results are counted under.") },
  { "reporting_currency", TALLY_SETTING_CURRENCY, "USD", FALSE, NULL, NULL, 0, 0,
    N_("Reporting currency"), N_("All money in the report is converted to this currency.") },
  { "fx_rule", TALLY_SETTING_CHOICE, "daily", FALSE, NULL, fx_rule_choices, 0, 0,
    N_("Exchange rate rule"), N_("Which rate converts an amount: that day’s, the month’s average, or a fixed rate.") },
  { "revenue_basis", TALLY_SETTING_CHOICE, "net", FALSE, NULL, revenue_basis_choices, 0, 0,
    N_("Revenue basis"), N_("The CRM revenue that realized ROAS divides by spend.") },
  { "refund_policy", TALLY_SETTING_CHOICE, "restate", FALSE, NULL, refund_policy_choices, 0, 0,
    N_("Refunds"), N_("Whether a refund reduces revenue on the sale’s day or on the refund’s day.") },
  { "restatement_days", TALLY_SETTING_INTEGER, "14", FALSE, NULL, NULL, 0, 3650,
    N_("Days open for restatement"), N_("Days stay open this long before their reported numbers freeze.") },
  { "clicks_definition", TALLY_SETTING_CHOICE, "link_clicks", FALSE, NULL, clicks_choices, 0, 0,
    N_("Clicks for CTR and CPC"), N_("Whether click rates use link clicks or all clicks.") },
  { "meta_conversion_event", TALLY_SETTING_CHOICE, "purchase", FALSE, NULL, conversion_choices, 0, 0,
    N_("Meta conversion event"), N_("The Meta result that cost per acquisition divides spend by.") },
  { "meta_source_values", TALLY_SETTING_LIST, "facebook, fb, instagram, ig, meta, an", FALSE, NULL, NULL, 0, 0,
    N_("Meta source values"), N_("utm_source values that mean a visitor came from Meta, compared case-insensitively.") },
  { "customer_stages", TALLY_SETTING_LIST, "closedwon, closed won, won, customer", FALSE, NULL, NULL, 0, 0,
    N_("Customer stages"), N_("CRM stage or status values that mean a customer.") },
  { "lead_dedup_days", TALLY_SETTING_INTEGER, "30", FALSE, NULL, NULL, 0, 3650,
    N_("Lead deduplication days"), N_("The same person again within this many days counts as one lead.") },
  { "crm_attribution_model", TALLY_SETTING_CHOICE, "first_touch", FALSE, NULL, attribution_model_choices, 0, 0,
    N_("CRM attribution model"), N_("Whether the original or the latest source fields decide if a record came from Meta.") },
  { "tax_rate", TALLY_SETTING_FRACTION, "0", FALSE, NULL, NULL, 0, 1,
    N_("Tax rate"), N_("Added on top of delivery spend for invoiced spend; 0.16 is 16 %.") },
  { "fee_rate", TALLY_SETTING_FRACTION, "0", FALSE, NULL, NULL, 0, 1,
    N_("Fee rate"), N_("Agency or platform fees added on top of delivery spend for invoiced spend.") },
  { "crm_currency", TALLY_SETTING_CURRENCY, NULL, TRUE, "reporting_currency", NULL, 0, 0,
    N_("CRM currency"), N_("The currency of CRM amounts when an export has no currency column.") },
  { TALLY_SETTING_FX_FIXED_PREFIX, TALLY_SETTING_RATE, NULL, TRUE, NULL, NULL, 0, 1e9,
    N_("Fixed exchange rate"), N_("For the fixed rule: units of the reporting currency per one unit of the currency named in the key.") },
  { "default_country_code", TALLY_SETTING_COUNTRY_CODE, NULL, TRUE, NULL, NULL, 0, 0,
    N_("Default country code"), N_("Put in front of phone numbers that have none before they are hashed.") },
  { "store_raw_pii", TALLY_SETTING_BOOLEAN, "false", FALSE, NULL, NULL, 0, 0,
    N_("Keep raw e-mail and phone"), N_("Off by default: only SHA-256 hashes of e-mail addresses and phone numbers are stored.") },
  { "meta_crm_tolerance", TALLY_SETTING_FRACTION, "0.3", FALSE, NULL, NULL, 0, 1,
    N_("Meta vs CRM tolerance"), N_("Meta purchases and new customers may differ by this fraction before the mismatch map warns.") },
  { "lpv_ratio_min", TALLY_SETTING_FRACTION, "0.6", FALSE, NULL, NULL, 0, 1,
    N_("Minimum landing page view ratio"), N_("Landing page views per link click below this ratio are flagged.") },
  { "match_quality_drop_points", TALLY_SETTING_INTEGER, "10", FALSE, NULL, NULL, 1, 100,
    N_("Match quality drop"), N_("A drop of this many points in the identifier share since the previous period warns.") },
  { "view_through_share_max", TALLY_SETTING_FRACTION, "0.3", FALSE, NULL, NULL, 0, 1,
    N_("Maximum view-through share"), N_("attribution.view_through_share warns above this share of Meta’s purchase value.") },
  { "all_clicks_ratio_max", TALLY_SETTING_NUMBER, "3", FALSE, NULL, NULL, 1, 100,
    N_("Maximum all clicks per link click"), N_("definitions.all_vs_link_clicks warns above this many clicks per link click.") },
  { "sessions_ratio_min", TALLY_SETTING_FRACTION, "0.5", FALSE, NULL, NULL, 0, 1,
    N_("Minimum sessions per link click"), N_("definitions.sessions_vs_clicks warns below this many sessions per link click.") },
  { "utm_missing_share_max", TALLY_SETTING_FRACTION, "0.1", FALSE, NULL, NULL, 0, 1,
    N_("Maximum share without UTMs"), N_("utm.missing warns above this share of Meta-sourced records known only by a click id.") },
  { "unmatched_share_max", TALLY_SETTING_FRACTION, "0.1", FALSE, NULL, NULL, 0, 1,
    N_("Maximum unmatched share"), N_("utm.unmatched_campaign warns above this share of Meta-sourced records joining no campaign.") },
  { "duplicate_lead_share_max", TALLY_SETTING_FRACTION, "0.05", FALSE, NULL, NULL, 0, 1,
    N_("Maximum duplicate lead share"), N_("crm.duplicate_leads warns above this share of repeated leads.") },
  { "refund_share_max", TALLY_SETTING_FRACTION, "0.1", FALSE, NULL, NULL, 0, 1,
    N_("Maximum refund share"), N_("crm.refund_share warns above this share of gross revenue refunded.") },
  { "day_shift_share_max", TALLY_SETTING_FRACTION, "0.05", FALSE, NULL, NULL, 0, 1,
    N_("Maximum day shift share"), N_("timing.crm_day_shift warns above this share of sales landing on another day.") },
  { "meta_account_id", TALLY_SETTING_AD_ACCOUNT, NULL, TRUE, NULL, NULL, 0, 0,
    N_("Meta ad account"), N_("The ad account Pull from Meta fetches, as act_ and its number; set by the first pull.") },
  { "meta_api_base_url", TALLY_SETTING_URL, "https://graph.facebook.com", FALSE, NULL, NULL, 0, 0,
    N_("Meta API address"), N_("Where Meta’s Marketing API is reached.") },
  { "meta_api_version", TALLY_SETTING_API_VERSION, "v25.0", FALSE, NULL, NULL, 0, 0,
    N_("Meta API version"), N_("The Graph API version used to pull insights.") },
  { "fx_feed_url", TALLY_SETTING_URL, "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml", FALSE, NULL, NULL, 0, 0,
    N_("Exchange rate feed"), N_("Where the reference exchange rates are downloaded from.") },
};

/**
 * tally_settings_get_specs:
 * @n_specs: (out): the number of specs
 *
 * Returns: (transfer none) (array length=n_specs): every setting of SPEC
 *   section 3, in its order; the `fx_fixed.` family appears once
 */
const TallySettingSpec *
tally_settings_get_specs (guint *n_specs)
{
  g_return_val_if_fail (n_specs != NULL, NULL);

  *n_specs = G_N_ELEMENTS (specs);
  return specs;
}

/**
 * tally_settings_is_fx_fixed_key:
 * @key: a setting key
 *
 * Returns: whether @key is `fx_fixed.` followed by an ISO 4217 code
 */
gboolean
tally_settings_is_fx_fixed_key (const char *key)
{
  const char *code;
  const TallyCurrency *currency;

  if (key == NULL || !g_str_has_prefix (key, TALLY_SETTING_FX_FIXED_PREFIX))
    return FALSE;

  code = key + strlen (TALLY_SETTING_FX_FIXED_PREFIX);
  currency = tally_currency_lookup (code);
  return currency != NULL && strcmp (currency->code, code) == 0;
}

/**
 * tally_settings_lookup:
 * @key: a setting key
 *
 * Returns: (transfer none) (nullable): the spec of @key, or %NULL when there
 *   is no such setting
 */
const TallySettingSpec *
tally_settings_lookup (const char *key)
{
  if (key == NULL)
    return NULL;

  /* The fixed-rate family shares one spec; the bare prefix is no key. */
  if (g_str_has_prefix (key, TALLY_SETTING_FX_FIXED_PREFIX))
    {
      if (!tally_settings_is_fx_fixed_key (key))
        return NULL;
      key = TALLY_SETTING_FX_FIXED_PREFIX;
    }

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (strcmp (specs[i].key, key) == 0)
      return &specs[i];

  return NULL;
}

/**
 * tally_settings_get_choice_label:
 * @spec: a %TALLY_SETTING_CHOICE spec
 * @value: one of its values
 *
 * Returns: (transfer none): the translated label of @value, or @value itself
 */
const char *
tally_settings_get_choice_label (const TallySettingSpec *spec,
                                 const char             *value)
{
  g_return_val_if_fail (spec != NULL, value);

  if (spec->choices == NULL || value == NULL)
    return value;

  for (const TallySettingChoice *c = spec->choices; c->value != NULL; c++)
    if (strcmp (c->value, value) == 0)
      return _(c->label);

  return value;
}

static char *
join_choices (const TallySettingChoice *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  while (choices[n].value != NULL)
    n++;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i == n - 1 ? _(" or ") : ", ");
      g_string_append (text, choices[i].value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/**
 * tally_settings_describe_allowed:
 * @spec: a setting spec
 *
 * Returns: (transfer full): a phrase saying what the setting accepts, such as
 *   "an ISO 4217 currency code such as MXN, USD or EUR"
 */
char *
tally_settings_describe_allowed (const TallySettingSpec *spec)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *choices = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case TALLY_SETTING_TEXT:
      return g_strdup (_("a name of 1 to 200 characters"));

    case TALLY_SETTING_CHOICE:
      choices = join_choices (spec->choices);
      return g_strdup_printf (_("one of %s"), choices);

    case TALLY_SETTING_TIMEZONE:
      return g_strdup (_("an IANA time zone name such as America/Mexico_City or Europe/Madrid"));

    case TALLY_SETTING_CURRENCY:
      return g_strdup (_("an ISO 4217 currency code such as MXN, USD or EUR"));

    case TALLY_SETTING_INTEGER:
      min = format_number (spec->min);
      max = format_number (spec->max);
      return g_strdup_printf (_("a whole number from %s to %s"), min, max);

    case TALLY_SETTING_FRACTION:
      min = format_number (spec->min);
      max = format_number (spec->max);
      return g_strdup_printf (_("a number from %s to %s written with a dot, such as 0.16 for 16 %%"),
                              min, max);

    case TALLY_SETTING_NUMBER:
      min = format_number (spec->min);
      max = format_number (spec->max);
      return g_strdup_printf (_("a number from %s to %s written with a dot, such as 2.5"), min, max);

    case TALLY_SETTING_LIST:
      return g_strdup (_("a comma-separated list of one or more values, such as “facebook, instagram”"));

    case TALLY_SETTING_BOOLEAN:
      return g_strdup (_("true or false"));

    case TALLY_SETTING_COUNTRY_CODE:
      return g_strdup (_("a telephone country code of 1 to 3 digits, such as 52 for Mexico"));

    case TALLY_SETTING_URL:
      return g_strdup (_("an http or https address such as https://example.com/path"));

    case TALLY_SETTING_API_VERSION:
      return g_strdup (_("a Graph API version such as v25.0"));

    case TALLY_SETTING_AD_ACCOUNT:
      return g_strdup (_("an ad account number, such as act_1234567890"));

    case TALLY_SETTING_RATE:
      return g_strdup (_("a positive number written with a dot, such as 18.25"));

    default:
      g_assert_not_reached ();
    }
}

/* Reads a whole decimal number written with a dot; no trailing text. */
static gboolean
parse_decimal (const char *text,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text[0] == '\0' || g_ascii_isspace (text[0]))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+')
      return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    return FALSE;

  *out = value;
  return TRUE;
}

static char *
normalize_list (const char *value)
{
  g_auto(GStrv) items = tally_settings_split_list (value);

  if (items == NULL || items[0] == NULL)
    return NULL;

  return g_strjoinv (", ", items);
}

static gboolean
is_valid_url (const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static gboolean
is_valid_api_version (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p++ != 'v')
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (!digits || *p++ != '.')
    return FALSE;
  digits = FALSE;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;

  return digits && *p == '\0';
}

static char *
normalize_country_code (const char *value)
{
  const char *digits = value[0] == '+' ? value + 1 : value;
  gsize len = strlen (digits);

  if (len < 1 || len > 3 || digits[0] == '0')
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (digits[i]))
      return NULL;

  return g_strdup (digits);
}

static char *
normalize_boolean (const char *value)
{
  static const char * const yes[] = { "true", "yes", "on", "1", NULL };
  static const char * const no[] = { "false", "no", "off", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      return g_strdup ("true");
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      return g_strdup ("false");

  return NULL;
}

static char *
normalize_text (const char *value)
{
  glong len;

  if (!g_utf8_validate (value, -1, NULL))
    return NULL;

  len = g_utf8_strlen (value, -1);
  if (len < 1 || len > 200)
    return NULL;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      return NULL;

  return g_strdup (value);
}

/* Returns the canonical form of @value, or %NULL when it is not allowed. */
static char *
normalize_value (const TallySettingSpec *spec,
                 const char             *value)
{
  const TallyCurrency *currency;
  double number;

  switch (spec->kind)
    {
    case TALLY_SETTING_TEXT:
      return normalize_text (value);

    case TALLY_SETTING_CHOICE:
      for (const TallySettingChoice *c = spec->choices; c->value != NULL; c++)
        if (g_ascii_strcasecmp (c->value, value) == 0)
          return g_strdup (c->value);
      return NULL;

    case TALLY_SETTING_TIMEZONE:
      /* UTC is spelled in many ways; keep the one the database names. */
      return tally_timezone_is_valid (value) ? g_strdup (value) : NULL;

    case TALLY_SETTING_CURRENCY:
      currency = tally_currency_lookup (value);
      return currency != NULL ? g_strdup (currency->code) : NULL;

    case TALLY_SETTING_INTEGER:
      for (const char *p = value; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return NULL;
      if (!parse_decimal (value, &number) || number < spec->min || number > spec->max)
        return NULL;
      return g_strdup_printf ("%d", (int) number);

    case TALLY_SETTING_FRACTION:
    case TALLY_SETTING_NUMBER:
      if (!parse_decimal (value, &number) || number < spec->min || number > spec->max)
        return NULL;
      return format_number (number);

    case TALLY_SETTING_RATE:
      if (!parse_decimal (value, &number) || number <= spec->min || number > spec->max)
        return NULL;
      return format_number (number);

    case TALLY_SETTING_LIST:
      return normalize_list (value);

    case TALLY_SETTING_BOOLEAN:
      return normalize_boolean (value);

    case TALLY_SETTING_COUNTRY_CODE:
      return normalize_country_code (value);

    case TALLY_SETTING_URL:
      return is_valid_url (value) ? g_strdup (value) : NULL;

    case TALLY_SETTING_API_VERSION:
      return is_valid_api_version (value) ? g_strdup (value) : NULL;

    case TALLY_SETTING_AD_ACCOUNT:
      return tally_normalize_ad_account (value);

    default:
      g_assert_not_reached ();
    }
}

/**
 * tally_settings_normalize:
 * @key: a setting key
 * @value: the value a person typed
 * @error: return location for a #TallyError
 *
 * Checks @value against what @key allows and returns its canonical form:
 * currency codes upper case, lists trimmed and lower case, numbers without
 * trailing zeros, booleans `true` or `false`. An empty @value unsets an
 * optional key and is returned as "".
 *
 * Returns: (transfer full) (nullable): the value to store, or %NULL with
 *   @error set to a sentence that names the setting and what is allowed
 */
char *
tally_settings_normalize (const char  *key,
                          const char  *value,
                          GError     **error)
{
  const TallySettingSpec *spec;
  g_autofree char *trimmed = NULL;
  g_autofree char *allowed = NULL;
  char *normalized;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  spec = tally_settings_lookup (key);
  if (spec == NULL)
    {
      if (g_str_has_prefix (key, TALLY_SETTING_FX_FIXED_PREFIX))
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not a setting: a fixed rate is set as fx_fixed. followed by an ISO 4217 currency code, such as fx_fixed.USD."),
                     key);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not a setting; the settings are listed by “tally-cli get FILE”."), key);
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  allowed = tally_settings_describe_allowed (spec);

  if (trimmed[0] == '\0')
    {
      if (spec->optional)
        return g_strdup ("");

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s cannot be empty; it must be %s."), key, allowed);
      return NULL;
    }

  normalized = normalize_value (spec, trimmed);
  if (normalized == NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("%s must be %s, not “%s”."), key, allowed, trimmed);

  return normalized;
}

/**
 * tally_settings_split_list:
 * @value: (nullable): a comma-separated list
 *
 * Returns: (transfer full): the items, trimmed, lower case, without empty
 *   items or repeats, in their order
 */
GStrv
tally_settings_split_list (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) parts = g_strsplit (value != NULL ? value : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = g_utf8_strdown (g_strstrip (parts[i]), -1);

      if (item[0] == '\0' || g_hash_table_contains (seen, item))
        continue;

      g_strv_builder_add (builder, item);
      g_hash_table_add (seen, g_steal_pointer (&item));
    }

  return g_strv_builder_end (builder);
}

/**
 * tally_settings_split_keys:
 * @value: a list setting's value, such as customer_stages
 *
 * Returns: (transfer full): its items as tally_value_key() makes them, to
 *   compare values such as stages without case, accents or punctuation
 */
GStrv
tally_settings_split_keys (const char *value)
{
  GStrv items = tally_settings_split_list (value);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *key = tally_value_key (items[i]);

      g_free (items[i]);
      items[i] = key;
    }
  return items;
}
