/* tally-cli-import.c: tally-cli import, batches and undo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"

static char *
describe_presets (void)
{
  g_autoptr(GPtrArray) presets = tally_preset_list ();
  g_autoptr(GString) text = g_string_new (_("Presets (--preset ID); without one, Tally detects the source from the file:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < presets->len; i++)
    {
      const TallyPreset *preset = g_ptr_array_index (presets, i);

      g_string_append_printf (text, "  %-26s %s\n", tally_preset_get_id (preset), tally_preset_get_name (preset));
    }
  g_string_append (text, _("\nA mapping file is JSON: {\"preset\": \"generic\", \"target\": \"crm\", \"kind\": \"deal\",\n"
                           " \"columns\": {\"Header in the file\": \"record_id\", …}}. It is saved in the project\n"
                           "and used again for the next file with the same header. The fields of each target:\n"));
  for (int t = 0; t < TALLY_N_TARGETS; t++)
    {
      const TallyFieldSpec *fields;
      guint n;

      fields = tally_fields_get ((TallyTarget) t, &n);
      g_string_append_printf (text, "  %-9s", tally_target_to_string ((TallyTarget) t));
      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : " ", fields[i].name);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
parse_choice (const char *value,
              const char *first,
              const char *second,
              int        *out,
              int         first_value,
              int         second_value)
{
  if (value == NULL)
    return TRUE;
  if (g_str_equal (value, first))
    *out = first_value;
  else if (g_str_equal (value, second))
    *out = second_value;
  else
    return FALSE;
  return TRUE;
}

static void
print_issues (const TallyImportResult *result,
              FILE                    *stream)
{
  for (guint i = 0; i < result->issues->len; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);
      g_autofree char *where = NULL;

      if (issue->column[0] != '\0')
        where = g_strdup_printf ("%s, %s %" G_GUINT64_FORMAT ", “%s”", result->file_name, result->line_word,
                                 issue->line, issue->column);
      else
        where = g_strdup_printf ("%s, %s %" G_GUINT64_FORMAT, result->file_name, result->line_word, issue->line);

      if (issue->severity == TALLY_ISSUE_REJECTED)
        fprintf (stream, _("  rejected  %s: %s\n"), where, issue->reason);
      else if (issue->count > 1)
        fprintf (stream, _("  warning   %s: %s (%" G_GUINT64_FORMAT " rows, the first here)\n"),
                 where, issue->reason, issue->count);
      else
        fprintf (stream, _("  warning   %s: %s\n"), where, issue->reason);
    }
}

/* What an import did, in the lines `tally-cli import` prints. */
void
tally_cli_print_import_summary (const TallyImportResult *result)
{
  g_autofree char *locale = tally_import_describe_locale (result);

  g_print (_("%s: %s (confidence %.2f)%s\n"), result->file_name, result->preset_name, result->confidence,
           result->mapping_reused ? _(", with the mapping saved for this header") : "");
  if (result->reader != NULL)
    g_print (_("  Read as: %s; numbers and dates: %s\n"), result->reader, locale);
  g_print (_("  Rows: %" G_GUINT64_FORMAT " read, %" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT " replaced, %"
             G_GUINT64_FORMAT " skipped"),
           result->rows_read, result->rows_added, result->rows_replaced, result->rows_skipped);
  if (result->rows_ignored > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, " (%" G_GUINT64_FORMAT " of them a summary or footer line, not data)",
                          " (%" G_GUINT64_FORMAT " of them summary or footer lines, not data)", result->rows_ignored),
             result->rows_ignored);
  g_print ("\n");
  if (result->dry_run)
    g_print (_("  Dry run: nothing was written.\n"));
  else
    g_print (_("  Batch %" G_GINT64_FORMAT ".\n"), result->batch_id);
}

int
tally_cli_import (int    argc,
                  char **argv)
{
  g_autofree char *preset = NULL, *mapping_path = NULL, *decimal = NULL, *date_order = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyImportResult) result = NULL;
  g_autoptr(JsonNode) mapping = NULL;
  g_autoptr(GError) error = NULL;
  TallyImportOptions options = { 0 };
  gboolean dry_run = FALSE, skip_invalid = FALSE;
  int value, exit_code;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Read the file with this preset instead of detecting it"), N_("ID") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path, N_("Map the columns as this JSON file says"), N_("MAPPING.json") },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal, N_("The decimal separator of the file's numbers"), N_("comma|point") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order, N_("How to read dates such as 3/4/2026"), N_("dmy|mdy") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and list its problems, writing nothing"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Leave out rows that cannot be read, and record them"), NULL },
    { NULL }
  };
  g_autofree char *presets = describe_presets ();

  if (!tally_cli_parse_with_description (tally_cli_lookup_command ("import"), entries, presets,
                                         &argc, &argv, 2, 2, &exit_code))
    return exit_code;

  value = TALLY_DECIMAL_UNKNOWN;
  if (!parse_choice (decimal, "comma", "point", &value, TALLY_DECIMAL_COMMA, TALLY_DECIMAL_POINT))
    return tally_cli_usage (tally_cli_lookup_command ("import"), _("--decimal takes comma or point."));
  options.decimal = value;
  value = TALLY_DATE_ORDER_UNKNOWN;
  if (!parse_choice (date_order, "dmy", "mdy", &value, TALLY_DATE_ORDER_DMY, TALLY_DATE_ORDER_MDY))
    return tally_cli_usage (tally_cli_lookup_command ("import"), _("--date-order takes dmy or mdy."));
  options.date_order = value;
  options.preset = preset;
  options.dry_run = dry_run;
  options.skip_invalid = skip_invalid;

  if (mapping_path != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *name = g_filename_display_basename (mapping_path);

      if (!json_parser_load_from_file (parser, mapping_path, &error))
        {
          g_printerr (_("The mapping “%s” could not be read (%s); check that it is a JSON file.\n"),
                      name, error->message);
          return TALLY_EXIT_INPUT;
        }
      mapping = json_node_copy (json_parser_get_root (parser));
      options.mapping = mapping;
    }

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  if (!tally_import_file (project, argv[2], &options, NULL, NULL, NULL, &result, &error))
    {
      if (result != NULL && result->n_rejected > 0)
        print_issues (result, stdout);
      return tally_cli_fail (error);
    }

  tally_cli_print_import_summary (result);
  print_issues (result, stdout);
  return TALLY_EXIT_OK;
}

static char **
batches_header (void)
{
  return g_strsplit (_("ID|FILE|SOURCE|ROWS|REPLACED|SKIPPED|IMPORTED"), "|", -1);
}

static char **
batch_row (gpointer item)
{
  TallyBatch *batch = item;
  char **row = g_new0 (char *, 8);

  row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, batch->id);
  row[1] = g_strdup (batch->file_name);
  row[2] = g_strdup (batch->source);
  row[3] = g_strdup_printf ("%" G_GINT64_FORMAT, batch->rows_added);
  row[4] = g_strdup_printf ("%" G_GINT64_FORMAT, batch->rows_replaced);
  row[5] = g_strdup_printf ("%" G_GINT64_FORMAT, batch->rows_skipped);
  row[6] = batch->undone_at != NULL ? g_strdup_printf (_("%s (undone %s)"), batch->imported_at, batch->undone_at)
                                    : g_strdup (batch->imported_at);
  return row;
}

static void
print_batches_json (GPtrArray *batches)
{
  g_autoptr(JsonNode) node = tally_batches_to_json (batches);

  tally_cli_print_json (node);
}

int
tally_cli_batches (int    argc,
                   char **argv)
{
  static const TallyCliList list = {
    "batches", NULL, tally_batches_list, print_batches_json, batches_header, batch_row, 7, NULL,
  };

  return tally_cli_run_list (&list, argc, argv);
}

int
tally_cli_undo (int    argc,
                char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  TallyBatch *batch = NULL;
  gint64 id;
  char *end = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("undo"), NULL, &argc, &argv, 2, 2, &exit_code))
    return exit_code;

  id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || id <= 0)
    return tally_cli_usage (tally_cli_lookup_command ("undo"), _("BATCH_ID is a number from “tally-cli batches”."));

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  if (!tally_batches_undo (project, id, &error))
    return tally_cli_fail (error);

  batches = tally_batches_list (project, NULL);
  for (guint i = 0; batches != NULL && i < batches->len; i++)
    if (((TallyBatch *) g_ptr_array_index (batches, i))->id == id)
      batch = g_ptr_array_index (batches, i);

  if (batch != NULL)
    g_print (_("Undid batch %" G_GINT64_FORMAT " (%s): %" G_GINT64_FORMAT " rows removed, %" G_GINT64_FORMAT " restored.\n"),
             id, batch->file_name, batch->rows_added, batch->rows_replaced);
  return TALLY_EXIT_OK;
}
