/* test-dictionary.c: seeding and the editing rules of the KPI dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-test-utils.h"

/* The metric keys of SPEC section 9, which are the metrics of section 6. */
static const char * const spec_metrics[] = {
  "spend", "spend_invoiced", "impressions", "link_clicks", "all_clicks",
  "landing_page_views", "sessions", "meta_leads", "meta_purchases",
  "meta_purchase_value", "crm_leads", "crm_leads_raw", "new_customers",
  "revenue_gross", "revenue_net", "revenue_recognized", "meta_cpa", "crm_cac",
  "meta_cpl", "crm_cpl", "meta_roas", "crm_roas", "roas_gap", "roas_ratio",
  "identifier_share", "click_id_share", "unknown_source_share", NULL
};

typedef struct
{
  char         *dir;
  TallyProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "dictionary.tally", NULL);
  fixture->project = tally_project_create (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static TallyKpi *
lookup (Fixture    *fixture,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  TallyKpi *kpi = tally_dictionary_lookup (fixture->project, id, &error);

  g_assert_no_error (error);
  return kpi;
}

static TallyKpi *
new_custom (const char *name,
            const char *formula)
{
  return g_object_new (TALLY_TYPE_KPI,
                       "name", name,
                       "definition", "A test KPI.",
                       "formula", formula,
                       "source", "derived",
                       "unit", "ratio",
                       NULL);
}

static void
test_seeded (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kpis = tally_dictionary_list (fixture->project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (kpis->len, ==, g_strv_length ((GStrv) spec_metrics));

  /* Every metric, in the order of the SPEC, with all its fields. */
  for (guint i = 0; spec_metrics[i] != NULL; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (kpis, i);

      g_assert_cmpstr (tally_kpi_get_id (kpi), ==, spec_metrics[i]);
      g_assert_true (tally_kpi_get_core (kpi));
      g_assert_cmpstr (tally_kpi_get_name (kpi), !=, "");
      g_assert_cmpstr (tally_kpi_get_definition (kpi), !=, "");
      g_assert_cmpstr (tally_kpi_get_formula (kpi), !=, "");
      g_assert_cmpstr (tally_kpi_get_grain (kpi), !=, "");
      g_assert_cmpstr (tally_kpi_get_join_keys (kpi), !=, "");
      g_assert_true (g_strv_contains (tally_dictionary_get_sources (), tally_kpi_get_source (kpi)));
      g_assert_true (g_strv_contains (tally_dictionary_get_units (), tally_kpi_get_unit (kpi)));
    }
}

static void
test_seeded_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TallyKpi) cac = lookup (fixture, "crm_cac");
  g_autoptr(TallyKpi) spend = lookup (fixture, "spend");
  g_autoptr(TallyKpi) sessions = lookup (fixture, "sessions");
  g_autoptr(TallyKpi) share = lookup (fixture, "click_id_share");

  g_assert_cmpstr (tally_kpi_get_formula (cac), ==, "spend / new_customers");
  g_assert_cmpstr (tally_kpi_get_source (cac), ==, "derived");
  g_assert_cmpstr (tally_kpi_get_unit (cac), ==, "money");
  g_assert_cmpstr (tally_kpi_get_source (spend), ==, "meta");
  g_assert_cmpstr (tally_kpi_get_join_keys (spend), ==, "account_id, campaign_id, adset_id, ad_id, day");
  g_assert_cmpstr (tally_kpi_get_source (sessions), ==, "analytics");
  g_assert_cmpstr (tally_kpi_get_source (share), ==, "crm");
  g_assert_cmpstr (tally_kpi_get_unit (share), ==, "share");
}

static void
test_edit_core_wording (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) cac = lookup (fixture, "crm_cac");
  g_autoptr(TallyKpi) saved = NULL;

  tally_kpi_set_name (cac, "Costo de adquisición (CRM)");
  tally_kpi_set_definition (cac, "Gasto entre clientes nuevos.");
  tally_kpi_set_source_note (cac, "HubSpot deals, pipeline Ventas");
  tally_kpi_set_grain (cac, "month");
  tally_kpi_set_join_keys (cac, "campaign_id");

  g_assert_true (tally_dictionary_update (fixture->project, cac, &error));
  g_assert_no_error (error);

  saved = lookup (fixture, "crm_cac");
  g_assert_cmpstr (tally_kpi_get_name (saved), ==, "Costo de adquisición (CRM)");
  g_assert_cmpstr (tally_kpi_get_definition (saved), ==, "Gasto entre clientes nuevos.");
  g_assert_cmpstr (tally_kpi_get_source_note (saved), ==, "HubSpot deals, pipeline Ventas");
  g_assert_cmpstr (tally_kpi_get_grain (saved), ==, "month");
  g_assert_cmpstr (tally_kpi_get_join_keys (saved), ==, "campaign_id");
  g_assert_cmpstr (tally_kpi_get_formula (saved), ==, "spend / new_customers");
}

static void
test_core_formula_fixed (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const fields[] = { "formula", "source", "unit", NULL };
  static const char * const values[] = { "spend / crm_leads", "crm", "ratio", NULL };

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyKpi) cac = lookup (fixture, "crm_cac");
      g_autoptr(TallyKpi) saved = NULL;

      g_object_set (cac, fields[i], values[i], NULL);
      g_assert_false (tally_dictionary_update (fixture->project, cac, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_nonnull (g_strrstr (error->message, "cannot be changed"));

      saved = lookup (fixture, "crm_cac");
      g_assert_cmpstr (tally_kpi_get_formula (saved), ==, "spend / new_customers");
      g_assert_cmpstr (tally_kpi_get_source (saved), ==, "derived");
      g_assert_cmpstr (tally_kpi_get_unit (saved), ==, "money");
    }
}

static void
test_core_not_removable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) kpi = NULL;

  g_assert_false (tally_dictionary_remove (fixture->project, "meta_roas", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (g_strrstr (error->message, "core KPI"));

  kpi = lookup (fixture, "meta_roas");
  g_assert_nonnull (kpi);
}

static void
test_core_not_demoted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) kpi = lookup (fixture, "spend");

  tally_kpi_set_core (kpi, FALSE);
  g_assert_false (tally_dictionary_update (fixture->project, kpi, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

static void
dictionary_changed_cb (TallyProject *project,
                       guint        *count)
{
  (*count)++;
}

static void
test_custom_lifecycle (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) kpi = new_custom ("Margin after ads", "(revenue_net - spend) / revenue_net");
  g_autoptr(TallyKpi) saved = NULL;
  g_autoptr(TallyKpi) missing = NULL;
  g_autoptr(GPtrArray) kpis = NULL;
  guint changes = 0;

  g_signal_connect (fixture->project, "dictionary-changed", G_CALLBACK (dictionary_changed_cb), &changes);

  g_assert_true (tally_dictionary_add (fixture->project, kpi, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tally_kpi_get_id (kpi), ==, "margin_after_ads");
  g_assert_cmpuint (changes, ==, 1);

  /* It comes last, as a custom KPI. */
  kpis = tally_dictionary_list (fixture->project, &error);
  saved = g_object_ref (g_ptr_array_index (kpis, kpis->len - 1));
  g_assert_cmpstr (tally_kpi_get_id (saved), ==, "margin_after_ads");
  g_assert_false (tally_kpi_get_core (saved));
  g_assert_cmpstr (tally_kpi_get_formula (saved), ==, "(revenue_net - spend) / revenue_net");

  /* A custom KPI's formula can change. */
  tally_kpi_set_formula (saved, "revenue_gross / spend - 1");
  g_assert_true (tally_dictionary_update (fixture->project, saved, &error));
  g_assert_no_error (error);
  g_clear_object (&saved);
  saved = lookup (fixture, "margin_after_ads");
  g_assert_cmpstr (tally_kpi_get_formula (saved), ==, "revenue_gross / spend - 1");

  g_assert_true (tally_dictionary_remove (fixture->project, "margin_after_ads", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 3);

  missing = tally_dictionary_lookup (fixture->project, "margin_after_ads", &error);
  g_assert_null (missing);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
}

static void
test_custom_ids (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) first = new_custom ("Tasa MQL → SQL", "crm_leads / crm_leads_raw");
  g_autoptr(TallyKpi) second = new_custom ("Tasa MQL → SQL", "crm_leads / crm_leads_raw");
  g_autoptr(TallyKpi) clash = new_custom ("Spend", "spend * 2");
  g_autoptr(TallyKpi) chosen = new_custom ("Chosen", "spend");
  g_autoptr(TallyKpi) bad = new_custom ("Bad", "spend");

  g_assert_true (tally_dictionary_add (fixture->project, first, &error));
  g_assert_true (tally_dictionary_add (fixture->project, second, &error));
  g_assert_true (tally_dictionary_add (fixture->project, clash, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tally_kpi_get_id (first), ==, "tasa_mql_sql");
  g_assert_cmpstr (tally_kpi_get_id (second), ==, "tasa_mql_sql_2");
  g_assert_cmpstr (tally_kpi_get_id (clash), ==, "spend_2");

  tally_kpi_set_id (chosen, "my_kpi");
  g_assert_true (tally_dictionary_add (fixture->project, chosen, &error));
  g_assert_no_error (error);

  tally_kpi_set_id (bad, "my_kpi");
  g_assert_false (tally_dictionary_add (fixture->project, bad, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);
  tally_kpi_set_id (bad, "Bad Id");
  g_assert_false (tally_dictionary_add (fixture->project, bad, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

static void
assert_add_refused (Fixture    *fixture,
                    TallyKpi   *kpi,
                    const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = tally_dictionary_list (fixture->project, NULL);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_false (tally_dictionary_add (fixture->project, kpi, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  if (g_strrstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  after = tally_dictionary_list (fixture->project, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_custom_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TallyKpi) unknown = new_custom ("Unknown", "spend / orders");
  g_autoptr(TallyKpi) broken = new_custom ("Broken", "spend / (new_customers");
  g_autoptr(TallyKpi) empty_name = new_custom ("", "spend");
  g_autoptr(TallyKpi) empty_formula = new_custom ("No formula", "");
  g_autoptr(TallyKpi) bad_source = new_custom ("Bad source", "spend");
  g_autoptr(TallyKpi) bad_unit = new_custom ("Bad unit", "spend");
  g_autoptr(TallyKpi) core = new_custom ("Core", "spend");

  assert_add_refused (fixture, unknown, "“orders”, which is not a KPI");
  assert_add_refused (fixture, broken, "never closed");
  assert_add_refused (fixture, empty_name, "needs a name");
  assert_add_refused (fixture, empty_formula, "needs a formula");
  tally_kpi_set_source (bad_source, "google");
  assert_add_refused (fixture, bad_source, "meta, crm, analytics or derived");
  tally_kpi_set_unit (bad_unit, "percent");
  assert_add_refused (fixture, bad_unit, "money, count, ratio, share or days");
  tally_kpi_set_core (core, TRUE);
  assert_add_refused (fixture, core, "cannot be added");
}

static void
test_custom_cycles (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) a = new_custom ("A", "spend * 2");
  g_autoptr(TallyKpi) b = new_custom ("B", "a + 1");
  g_autoptr(TallyKpi) self_ref = new_custom ("Self", "self + 1");

  g_assert_true (tally_dictionary_add (fixture->project, a, &error));
  g_assert_true (tally_dictionary_add (fixture->project, b, &error));
  g_assert_no_error (error);

  /* a = b + 1 would make a depend on itself through b. */
  tally_kpi_set_formula (a, "b + 1");
  g_assert_false (tally_dictionary_update (fixture->project, a, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (g_strrstr (error->message, "depends on itself"));
  g_clear_error (&error);

  tally_kpi_set_id (self_ref, "self");
  assert_add_refused (fixture, self_ref, "depends on itself");

  /* a is used by b, so it cannot go before b's formula changes. */
  g_assert_false (tally_dictionary_remove (fixture->project, "a", &error));
  g_assert_nonnull (g_strrstr (error->message, "is used in the formula of “B”"));
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) kpis = tally_dictionary_list (fixture->project, NULL);
  g_autoptr(JsonNode) node = tally_dictionary_to_json (kpis);
  JsonArray *array = json_node_get_array (node);
  JsonObject *spend = json_array_get_object_element (array, 0);
  static const char * const members[] = {
    "id", "name", "definition", "formula", "source", "grain", "join_keys", "unit", "core", NULL
  };

  g_assert_cmpuint (json_array_get_length (array), ==, 27);
  for (guint i = 0; members[i] != NULL; i++)
    g_assert_true (json_object_has_member (spend, members[i]));
  g_assert_cmpstr (json_object_get_string_member (spend, "id"), ==, "spend");
  g_assert_true (json_object_get_boolean_member (spend, "core"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (spend, "join_keys")), ==, 5);
}

/* The dictionary for a spreadsheet and for a wiki. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyKpi) kpi = new_custom ("Margin, after ads", "(revenue_net - spend) / revenue_net");
  g_autoptr(GPtrArray) kpis = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) md_lines = NULL;

  tally_kpi_set_definition (kpi, "Net revenue left | after \"ads\"");
  g_assert_true (tally_dictionary_add (fixture->project, kpi, &error));
  kpis = tally_dictionary_list (fixture->project, &error);
  g_assert_no_error (error);

  csv = tally_dictionary_to_csv (kpis);
  lines = g_strsplit (csv, "\r\n", -1);
  /* A header, 27 core KPIs and the custom one, and the empty end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 27 + 1 + 1);
  g_assert_cmpstr (lines[0], ==, "ID,Name,Definition,Formula,Source,Source note,Grain,Join keys,Unit,Core");
  g_assert_true (g_str_has_prefix (lines[1], "spend,"));
  g_assert_true (g_str_has_suffix (lines[1], ",yes"));
  g_assert_true (g_str_has_prefix (lines[28], "margin_after_ads,\"Margin, after ads\",\"Net revenue left | after \"\"ads\"\"\","
                                              "(revenue_net - spend) / revenue_net,"));
  g_assert_true (g_str_has_suffix (lines[28], ",no"));

  markdown = tally_dictionary_to_markdown (kpis, "Casa Jacaranda");
  md_lines = g_strsplit (markdown, "\n", -1);
  g_assert_cmpstr (md_lines[0], ==, "# Casa Jacaranda: KPI dictionary");
  g_assert_cmpstr (md_lines[2], ==, "| ID | Name | Definition | Formula | Source | Source note | Grain | Join keys | Unit | Core |");
  g_assert_cmpstr (md_lines[3], ==, "|---|---|---|---|---|---|---|---|---|---|");
  g_assert_true (g_str_has_prefix (md_lines[4 + 27], "| `margin_after_ads` | Margin, after ads | Net revenue left \\| after \"ads\" | "
                                                     "`(revenue_net - spend) / revenue_net` |"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/dictionary/seeded", test_seeded);
  ADD ("/tally/dictionary/export", test_export);
  ADD ("/tally/dictionary/seeded-fields", test_seeded_fields);
  ADD ("/tally/dictionary/edit-core-wording", test_edit_core_wording);
  ADD ("/tally/dictionary/core-formula-fixed", test_core_formula_fixed);
  ADD ("/tally/dictionary/core-not-removable", test_core_not_removable);
  ADD ("/tally/dictionary/core-not-demoted", test_core_not_demoted);
  ADD ("/tally/dictionary/custom-lifecycle", test_custom_lifecycle);
  ADD ("/tally/dictionary/custom-ids", test_custom_ids);
  ADD ("/tally/dictionary/custom-validation", test_custom_validation);
  ADD ("/tally/dictionary/custom-cycles", test_custom_cycles);
  ADD ("/tally/dictionary/json", test_json);
#undef ADD

  return g_test_run ();
}
