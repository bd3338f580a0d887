/* test-settings.c: every setting, its default and its validation
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-test-utils.h"

typedef struct
{
  const char *key;
  const char *input;
  const char *expected;   /* the stored form, or NULL when refused */
  const char *allowed;    /* words the refusal must contain */
} Case;

static const Case cases[] = {
  { "name", "Casa Jacaranda", "Casa Jacaranda", NULL },
  { "name", "  Ferretería Núñez  ", "Ferretería Núñez", NULL },
  { "name", "", NULL, "1 to 200 characters" },
  { "name", "tab\there", NULL, "1 to 200 characters" },

  { "scope", "meta_attributed", "meta_attributed", NULL },
  { "scope", "CRM_REALIZED", "crm_realized", NULL },
  { "scope", "both", NULL, "meta_attributed or crm_realized" },

  { "timezone", "America/Mexico_City", "America/Mexico_City", NULL },
  { "timezone", "UTC", "UTC", NULL },
  { "timezone", "Asia/Kolkata", "Asia/Kolkata", NULL },
  { "timezone", "Mars/Base", NULL, "IANA time zone" },
  { "timezone", "+03:00", NULL, "IANA time zone" },
  { "timezone", "EST5", NULL, "IANA time zone" },
  { "timezone", "../../etc/passwd", NULL, "IANA time zone" },
  { "timezone", "posixrules", NULL, "IANA time zone" },
  { "meta_account_timezone", "America/Los_Angeles", "America/Los_Angeles", NULL },
  { "meta_account_timezone", "", "", NULL },
  { "meta_account_timezone", "Pacific", NULL, "IANA time zone" },
  { "crm_timezone", "Europe/Madrid", "Europe/Madrid", NULL },
  { "crm_timezone", "", "", NULL },
  { "crm_timezone", "GMT+5", NULL, "IANA time zone" },

  { "attribution_window", "1d_click", "1d_click", NULL },
  { "attribution_window", "7d_click", "7d_click", NULL },
  { "attribution_window", "28d_click", "28d_click", NULL },
  { "attribution_window", "1d_click_1d_view", "1d_click_1d_view", NULL },
  { "attribution_window", "7d_click_1d_view", "7d_click_1d_view", NULL },
  { "attribution_window", "28d_click_1d_view", "28d_click_1d_view", NULL },
  { "attribution_window", "7d_view", NULL, "1d_click, 7d_click, 28d_click, 1d_click_1d_view, 7d_click_1d_view or 28d_click_1d_view" },

  { "reporting_currency", "MXN", "MXN", NULL },
  { "reporting_currency", "clp", "CLP", NULL },
  { "reporting_currency", "KWD", "KWD", NULL },
  { "reporting_currency", "XYZ", NULL, "ISO 4217" },
  { "reporting_currency", "XAU", NULL, "ISO 4217" },
  { "reporting_currency", "US$", NULL, "ISO 4217" },
  { "reporting_currency", "", NULL, "cannot be empty" },
  { "crm_currency", "usd", "USD", NULL },
  { "crm_currency", "", "", NULL },
  { "crm_currency", "peso", NULL, "ISO 4217" },

  { "fx_rule", "daily", "daily", NULL },
  { "fx_rule", "monthly_average", "monthly_average", NULL },
  { "fx_rule", "fixed", "fixed", NULL },
  { "fx_rule", "weekly", NULL, "daily, monthly_average or fixed" },

  { "revenue_basis", "gross", "gross", NULL },
  { "revenue_basis", "net", "net", NULL },
  { "revenue_basis", "recognized", "recognized", NULL },
  { "revenue_basis", "recognised", NULL, "gross, net or recognized" },

  { "refund_policy", "restate", "restate", NULL },
  { "refund_policy", "period", "period", NULL },
  { "refund_policy", "ignore", NULL, "restate or period" },

  { "restatement_days", "14", "14", NULL },
  { "restatement_days", "0", "0", NULL },
  { "restatement_days", "3650", "3650", NULL },
  { "restatement_days", "3651", NULL, "whole number from 0 to 3650" },
  { "restatement_days", "-1", NULL, "whole number from 0 to 3650" },
  { "restatement_days", "7.5", NULL, "whole number from 0 to 3650" },
  { "restatement_days", "two weeks", NULL, "whole number from 0 to 3650" },

  { "clicks_definition", "link_clicks", "link_clicks", NULL },
  { "clicks_definition", "all_clicks", "all_clicks", NULL },
  { "clicks_definition", "clicks", NULL, "link_clicks or all_clicks" },

  { "meta_conversion_event", "purchase", "purchase", NULL },
  { "meta_conversion_event", "lead", "lead", NULL },
  { "meta_conversion_event", "add_to_cart", NULL, "purchase or lead" },

  { "meta_source_values", "Facebook, IG ,, facebook", "facebook, ig", NULL },
  { "meta_source_values", " , ", NULL, "comma-separated list" },
  { "customer_stages", "Closed Won, Cliente", "closed won, cliente", NULL },
  { "customer_stages", "", NULL, "cannot be empty" },

  { "lead_dedup_days", "30", "30", NULL },
  { "lead_dedup_days", "0", "0", NULL },
  { "lead_dedup_days", "10000", NULL, "whole number from 0 to 3650" },

  { "crm_attribution_model", "first_touch", "first_touch", NULL },
  { "crm_attribution_model", "last_touch", "last_touch", NULL },
  { "crm_attribution_model", "linear", NULL, "first_touch or last_touch" },

  { "tax_rate", "0.16", "0.16", NULL },
  { "tax_rate", "0", "0", NULL },
  { "tax_rate", "1", "1", NULL },
  { "tax_rate", "16", NULL, "from 0 to 1" },
  { "tax_rate", "0,16", NULL, "written with a dot" },
  { "tax_rate", "16%", NULL, "from 0 to 1" },
  { "fee_rate", "0.050", "0.05", NULL },
  { "fee_rate", "-0.1", NULL, "from 0 to 1" },

  { "fx_fixed.USD", "18.25", "18.25", NULL },
  { "fx_fixed.EUR", "", "", NULL },
  { "fx_fixed.USD", "0", NULL, "positive number" },
  { "fx_fixed.USD", "abc", NULL, "positive number" },

  { "default_country_code", "52", "52", NULL },
  { "default_country_code", "+1", "1", NULL },
  { "default_country_code", "", "", NULL },
  { "default_country_code", "5212", NULL, "1 to 3 digits" },
  { "default_country_code", "052", NULL, "1 to 3 digits" },
  { "default_country_code", "MX", NULL, "1 to 3 digits" },

  { "store_raw_pii", "true", "true", NULL },
  { "store_raw_pii", "No", "false", NULL },
  { "store_raw_pii", "maybe", NULL, "true or false" },

  { "meta_crm_tolerance", "0.3", "0.3", NULL },
  { "meta_crm_tolerance", "1.5", NULL, "from 0 to 1" },
  { "lpv_ratio_min", "0.75", "0.75", NULL },
  { "lpv_ratio_min", "x", NULL, "from 0 to 1" },
  { "match_quality_drop_points", "10", "10", NULL },
  { "match_quality_drop_points", "0", NULL, "whole number from 1 to 100" },
  { "match_quality_drop_points", "101", NULL, "whole number from 1 to 100" },

  { "view_through_share_max", "0.25", "0.25", NULL },
  { "view_through_share_max", "25%", NULL, "from 0 to 1" },
  { "all_clicks_ratio_max", "2.5", "2.5", NULL },
  { "all_clicks_ratio_max", "100", "100", NULL },
  { "all_clicks_ratio_max", "0.5", NULL, "from 1 to 100" },
  { "all_clicks_ratio_max", "2,5", NULL, "such as 2.5" },
  { "sessions_ratio_min", "0.4", "0.4", NULL },
  { "sessions_ratio_min", "2", NULL, "from 0 to 1" },
  { "utm_missing_share_max", "0.2", "0.2", NULL },
  { "utm_missing_share_max", "-0.2", NULL, "from 0 to 1" },
  { "unmatched_share_max", "0", "0", NULL },
  { "unmatched_share_max", "ten", NULL, "from 0 to 1" },
  { "duplicate_lead_share_max", "0.10", "0.1", NULL },
  { "duplicate_lead_share_max", "1.01", NULL, "from 0 to 1" },
  { "refund_share_max", "1", "1", NULL },
  { "refund_share_max", "", NULL, "from 0 to 1" },
  { "day_shift_share_max", "0.05", "0.05", NULL },
  { "day_shift_share_max", "5", NULL, "from 0 to 1" },

  { "meta_api_base_url", "http://127.0.0.1:8080", "http://127.0.0.1:8080", NULL },
  { "meta_api_base_url", "https://graph.facebook.com", "https://graph.facebook.com", NULL },
  { "meta_api_base_url", "ftp://graph.facebook.com", NULL, "http or https address" },
  { "meta_api_base_url", "graph.facebook.com", NULL, "http or https address" },
  { "meta_api_version", "v25.0", "v25.0", NULL },
  { "meta_api_version", "25.0", NULL, "v25.0" },
  { "meta_api_version", "v25", NULL, "v25.0" },
  { "fx_feed_url", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
    "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml", NULL },
  { "fx_feed_url", "not a url", NULL, "http or https address" },
  { "meta_account_id", "act_1234567890", "act_1234567890", NULL },
  { "meta_account_id", "1234567890", "act_1234567890", NULL },
  { "meta_account_id", "act_12a", NULL, "act_1234567890" },
  { "meta_account_id", "../me", NULL, "act_1234567890" },
};

static void
test_normalize (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *value = tally_settings_normalize (c->key, c->input, &error);

      if (c->expected != NULL)
        {
          if (value == NULL)
            g_error ("%s = “%s” was refused: %s", c->key, c->input, error->message);
          g_assert_cmpstr (value, ==, c->expected);
          continue;
        }

      if (value != NULL)
        g_error ("%s = “%s” was accepted as “%s”", c->key, c->input, value);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      /* The sentence names the setting and says what is allowed. */
      if (g_strrstr (error->message, c->key) == NULL || g_strrstr (error->message, c->allowed) == NULL)
        g_error ("The refusal of %s = “%s” does not say “%s”: %s", c->key, c->input, c->allowed, error->message);
    }
}

/* Every key of SPEC section 3 has a case above, valid and invalid. */
static void
test_every_key_tested (void)
{
  const TallySettingSpec *specs;
  guint n_specs;

  specs = tally_settings_get_specs (&n_specs);
  g_assert_cmpuint (n_specs, ==, 38);

  for (guint s = 0; s < n_specs; s++)
    {
      gboolean valid = FALSE, invalid = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          const char *key = cases[i].key;

          if (g_str_equal (specs[s].key, key) ||
              (g_str_equal (specs[s].key, TALLY_SETTING_FX_FIXED_PREFIX) && tally_settings_is_fx_fixed_key (key)))
            {
              valid |= cases[i].expected != NULL;
              invalid |= cases[i].expected == NULL;
            }
        }

      if (!valid || !invalid)
        g_error ("%s lacks a %s case", specs[s].key, valid ? "refused" : "valid");
    }
}

static void
test_unknown_keys (void)
{
  static const char * const keys[] = { "colour", "fx_fixed.", "fx_fixed.XYZ", "fx_fixed.usd", "Timezone", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = tally_settings_normalize (keys[i], "1", &error);

      g_assert_null (value);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_nonnull (g_strrstr (error->message, "not a setting"));
      g_assert_null (tally_settings_lookup (keys[i]));
    }
}

static void
test_defaults (void)
{
  static const struct { const char *key; const char *value; } defaults[] = {
    { "scope", "crm_realized" },
    { "attribution_window", "7d_click_1d_view" },
    { "reporting_currency", "USD" },
    { "fx_rule", "daily" },
    { "revenue_basis", "net" },
    { "refund_policy", "restate" },
    { "restatement_days", "14" },
    { "clicks_definition", "link_clicks" },
    { "meta_conversion_event", "purchase" },
    { "meta_source_values", "facebook, fb, instagram, ig, meta, an" },
    { "customer_stages", "closedwon, closed won, won, customer" },
    { "lead_dedup_days", "30" },
    { "crm_attribution_model", "first_touch" },
    { "tax_rate", "0" },
    { "fee_rate", "0" },
    { "store_raw_pii", "false" },
    { "meta_crm_tolerance", "0.3" },
    { "lpv_ratio_min", "0.6" },
    { "match_quality_drop_points", "10" },
    { "view_through_share_max", "0.3" },
    { "all_clicks_ratio_max", "3" },
    { "sessions_ratio_min", "0.5" },
    { "utm_missing_share_max", "0.1" },
    { "unmatched_share_max", "0.1" },
    { "duplicate_lead_share_max", "0.05" },
    { "refund_share_max", "0.1" },
    { "day_shift_share_max", "0.05" },
    { "meta_api_base_url", "https://graph.facebook.com" },
    { "meta_api_version", "v25.0" },
    { "fx_feed_url", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml" },
  };
  static const char * const unset[] = {
    "meta_account_timezone", "crm_timezone", "crm_currency", "default_country_code", "fx_fixed.USD", "meta_account_id", NULL
  };
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "defaults.tally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *system_tz = tally_timezone_get_system ();

  project = tally_project_create (path, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autofree char *value = tally_project_get_setting (project, defaults[i].key);

      g_assert_cmpstr (value, ==, defaults[i].value);
      /* A default is itself a valid value, already in its stored form. */
      g_free (value);
      value = tally_settings_normalize (defaults[i].key, defaults[i].value, NULL);
      g_assert_cmpstr (value, ==, defaults[i].value);
    }

  for (guint i = 0; unset[i] != NULL; i++)
    {
      g_autofree char *value = tally_project_get_setting (project, unset[i]);

      g_assert_null (value);
    }

  /* The timezone defaults to the system's, and is a real zone. */
  tz = tally_project_get_setting (project, "timezone");
  g_assert_cmpstr (tz, ==, system_tz);
  g_assert_true (tally_timezone_is_valid (tz));

  g_clear_object (&project);
  tally_test_remove_dir (dir);
}

static void
test_system_timezone (void)
{
  g_autofree char *tz = NULL;

  /* Whatever TZ says, the answer is a zone name Tally accepts. */
  g_setenv ("TZ", "America/Bogota", TRUE);
  tz = tally_timezone_get_system ();
  g_assert_cmpstr (tz, ==, "America/Bogota");
  g_free (tz);

  g_setenv ("TZ", "EST5EDT,M3.2.0,M11.1.0", TRUE);
  tz = tally_timezone_get_system ();
  g_assert_true (tally_timezone_is_valid (tz));
  g_unsetenv ("TZ");
}

static void
count_cb (TallyProject *project,
          const char   *key,
          guint        *count)
{
  g_assert_cmpstr (key, ==, "crm_timezone");
  (*count)++;
}

static void
test_set_get (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "set.tally", NULL);
  const char * const initial[] = { "timezone", "America/Mexico_City", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) keys = NULL;
  guint changes = 0;

  project = tally_project_create (path, initial, &error);
  g_assert_no_error (error);
  g_signal_connect (project, "setting-changed::crm_timezone", G_CALLBACK (count_cb), &changes);

  /* An unset key follows another. */
  value = tally_project_get_effective_setting (project, "crm_timezone");
  g_assert_cmpstr (value, ==, "America/Mexico_City");
  g_free (value);

  g_assert_true (tally_setting_save (project, "crm_timezone", "UTC", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  /* Setting the same value again is no change. */
  g_assert_true (tally_setting_save (project, "crm_timezone", " UTC ", &error));
  g_assert_cmpuint (changes, ==, 1);
  value = tally_project_get_effective_setting (project, "crm_timezone");
  g_assert_cmpstr (value, ==, "UTC");
  g_free (value);

  /* Unsetting brings the follower back. */
  g_assert_true (tally_setting_save (project, "crm_timezone", "", &error));
  g_assert_cmpuint (changes, ==, 2);
  value = tally_project_get_setting (project, "crm_timezone");
  g_assert_null (value);

  /* A refused value changes nothing, and its sentence names the file. */
  before = tally_test_file_sha256 (path);
  g_assert_false (tally_setting_save (project, "timezone", "Mars/Base", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "set.tally: timezone must be"));
  g_clear_error (&error);
  g_assert_false (tally_setting_save (project, "scope", "", &error));
  g_assert_nonnull (g_strrstr (error->message, "cannot be empty"));
  g_clear_error (&error);
  after = tally_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  /* Fixed rates are listed with the other keys. */
  g_assert_true (tally_setting_save (project, "fx_fixed.USD", "18.250", &error));
  g_assert_true (tally_setting_save (project, "fx_fixed.EUR", "20.1", &error));
  keys = tally_project_list_setting_keys (project);
  g_assert_cmpuint (g_strv_length (keys), ==, 39);
  g_assert_cmpstr (keys[20], ==, "fx_fixed.EUR");
  g_assert_cmpstr (keys[21], ==, "fx_fixed.USD");
  g_free (value);
  value = tally_project_get_setting (project, "fx_fixed.USD");
  g_assert_cmpstr (value, ==, "18.25");

  g_clear_object (&project);
  tally_test_remove_dir (dir);
}

static void
test_currencies (void)
{
  const TallyCurrency *currency;
  guint n;

  currency = tally_currency_lookup ("MXN");
  g_assert_nonnull (currency);
  g_assert_cmpuint (currency->minor_unit, ==, 2);
  g_assert_cmpuint (currency->numeric, ==, 484);

  g_assert_cmpuint (tally_currency_lookup ("clp")->minor_unit, ==, 0);
  g_assert_cmpuint (tally_currency_lookup ("JPY")->minor_unit, ==, 0);
  g_assert_cmpuint (tally_currency_lookup ("KWD")->minor_unit, ==, 3);
  g_assert_cmpuint (tally_currency_lookup ("CLF")->minor_unit, ==, 4);
  g_assert_null (tally_currency_lookup ("XAU"));
  g_assert_null (tally_currency_lookup ("ABC"));
  g_assert_null (tally_currency_lookup ("US"));
  g_assert_null (tally_currency_lookup (NULL));

  tally_currency_list (&n);
  g_assert_cmpuint (n, >, 150);
}

static void
test_timezone_list (void)
{
  g_autoptr(GPtrArray) zones = tally_timezone_list ();

  g_assert_cmpuint (zones->len, >, 300);
  g_assert_true (g_ptr_array_find_with_equal_func (zones, "America/Mexico_City", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (zones, "UTC", g_str_equal, NULL));
  for (guint i = 0; i < zones->len; i++)
    g_assert_true (tally_timezone_is_valid (g_ptr_array_index (zones, i)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tally/settings/normalize", test_normalize);
  g_test_add_func ("/tally/settings/every-key-tested", test_every_key_tested);
  g_test_add_func ("/tally/settings/unknown-keys", test_unknown_keys);
  g_test_add_func ("/tally/settings/defaults", test_defaults);
  g_test_add_func ("/tally/settings/system-timezone", test_system_timezone);
  g_test_add_func ("/tally/settings/set-get", test_set_get);
  g_test_add_func ("/tally/settings/currencies", test_currencies);
  g_test_add_func ("/tally/settings/timezone-list", test_timezone_list);

  return g_test_run ();
}
