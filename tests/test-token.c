/* test-token.c: the Meta token in a real keyring
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by with-keyring.sh: a private D-Bus session with gnome-keyring-daemon
 * unlocked, so that libsecret stores in and reads from a real Secret
 * Service. The keyring's token is what a pull sends when no token is
 * given, and `tally-cli connect` puts it there from standard input.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "tally-core.h"
#include "tally-fake-server.h"
#include "tally-test-project.h"
#include "tally-test-utils.h"

#define TOKEN "EAAB-keyring-token-77e1"

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  g_assert_true (tally_token_store ("  " TOKEN "\n", NULL, &error));
  g_assert_no_error (error);
  token = tally_token_lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  /* The environment's token comes first. */
  g_setenv (TALLY_TOKEN_ENV, "EAAB-from-env", TRUE);
  again = tally_token_lookup (NULL, &error);
  g_assert_cmpstr (again, ==, "EAAB-from-env");
  g_unsetenv (TALLY_TOKEN_ENV);

  g_assert_true (tally_token_clear (NULL, &error));
  g_clear_pointer (&token, g_free);
  token = tally_token_lookup (NULL, &error);
  g_assert_null (token);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "connect with an access token"));
  g_clear_error (&error);

  g_assert_false (tally_token_store ("two words", NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  gboolean *done = data;

  g_assert_true (tally_token_store_finish (result, NULL));
  *done = TRUE;
}

/* The app's way, on a worker thread. */
static void
test_store_async (void)
{
  g_autofree char *token = NULL;
  gboolean done = FALSE;

  tally_token_store_async ("EAAB-async-token", NULL, stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  token = tally_token_lookup (NULL, NULL);
  g_assert_cmpstr (token, ==, "EAAB-async-token");
  g_assert_true (tally_token_clear (NULL, NULL));
}

/* `tally-cli connect` reads the token from standard input; the pull that
 * follows sends the keyring's token. */
static void
test_cli_connect_then_accounts (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "client.tally", NULL);
  g_autoptr(FakeServer) server = fake_server_new ();
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL, *out = NULL, *err = NULL, *request = NULL;
  const char *cli = g_getenv ("TALLY_CLI");
  int status;

  project = tally_project_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tally_setting_save (project, "meta_api_base_url", fake_server_get_base (server), &error));
  g_clear_object (&project);
  fake_server_add (server, "/v25.0/me/adaccounts", 200,
                   "{\"data\":[{\"id\":\"act_111\",\"name\":\"Casa Jacaranda\",\"currency\":\"MXN\"}]}", NULL);

  command = g_strdup_printf ("sh -c 'echo " TOKEN " | \"%s\" connect'", cli);
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_null (strstr (out, TOKEN));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&command, g_free);

  command = g_strdup_printf ("\"%s\" accounts \"%s\"", cli, path);
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (out, "Casa Jacaranda"));
  request = fake_server_request (server, "/v25.0/me/adaccounts", 0);
  g_assert_nonnull (strstr (request, "access_token=" TOKEN));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&command, g_free);
  command = g_strdup_printf ("\"%s\" disconnect", cli);
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_null (tally_token_lookup (NULL, NULL));
  tally_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv (TALLY_TOKEN_ENV);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/token/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/tally/token/store-async", test_store_async);
  g_test_add_func ("/tally/token/cli-connect-then-accounts", test_cli_connect_then_accounts);

  return g_test_run ();
}
