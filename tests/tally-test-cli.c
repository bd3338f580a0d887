/* tally-test-cli.c: running tally-cli from the data-driven CLI tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-malformed and test-samples run the real binary (TALLY_CLI) many
 * times per case; these are the few helpers they share.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tally-test-cli.h"

void
tally_test_run_clear (TallyTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs tally-cli in @dir with @args (NULL-terminated, without the program),
 * in C.UTF-8, and keeps its status and output. */
void
tally_test_run_argv (TallyTestRun       *run,
                     const char         *dir,
                     const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TALLY_CLI");

  g_assert_nonnull (cli);
  tally_test_run_clear (run);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* Not communicate_utf8: a refusal may quote bytes that are not UTF-8. */
  {
    g_autoptr(GBytes) out = NULL;
    g_autoptr(GBytes) err = NULL;
    gsize length;
    const char *data;

    g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
    g_assert_no_error (error);
    data = g_bytes_get_data (out, &length);
    run->out = g_strndup (data != NULL ? data : "", length);
    data = g_bytes_get_data (err, &length);
    run->err = g_strndup (data != NULL ? data : "", length);
  }

  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else
    run->status = 128 + g_subprocess_get_term_sig (process);
}

void
tally_test_run (TallyTestRun *run,
                const char   *dir,
                ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list list;

  va_start (list, dir);
  while ((arg = va_arg (list, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  tally_test_run_argv (run, dir, (const char * const *) args->pdata);
}

/* The lines of @text with anything but white space on them. */
guint
tally_test_count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      count += lines[i][0] != '\0';
    }
  return count;
}

/* Whether @text names @place ("line 3", "row 12") as a whole number:
 * "line 3" is not found in "line 30". */
gboolean
tally_test_has_place (const char *text,
                      const char *place)
{
  gsize length = strlen (place);

  for (const char *at = strstr (text, place); at != NULL; at = strstr (at + 1, place))
    if (!g_ascii_isdigit (at[length]))
      return TRUE;
  return FALSE;
}

/* @text as JSON, or %NULL when it is not JSON. */
JsonNode *
tally_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

char *
tally_test_node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(none)");
}

void
tally_test_fail (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line each, so as not to break the TAP stream. */
  g_strdelimit (message, "\r\n", ' ');
  g_test_message ("FAILED: %s", message);
  if (!g_test_failed ())
    g_test_fail_printf ("%s", message);
}
