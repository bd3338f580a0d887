/* tally-token.c: the Meta token, in the user's keyring
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The access token is the user's, not the client's: it is kept once, in
 * the Secret Service (GNOME Keyring, KWallet) through libsecret, under
 * Tally's own schema, and never in a project file, a setting, a log or a
 * message. The command line may be given it in TALLY_META_TOKEN instead,
 * for timers and scripts where no keyring is unlocked.
 */
#define G_LOG_DOMAIN "tally-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "tally-error.h"
#include "tally-token.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.tallyapp.Tally.MetaToken", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
set_keyring_error (GError **error,
                   GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
               _("Tally could not use the keyring (%s); unlock it, or give the token in %s on the command line."),
               cause->message, TALLY_TOKEN_ENV);
}

/**
 * tally_token_store:
 * @token: a Marketing API access token
 *
 * Keeps @token in the user's default keyring, in place of any before it.
 */
gboolean
tally_token_store (const char    *token,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (token != NULL ? token : ""));

  if (trimmed[0] == '\0' || strpbrk (trimmed, " \t\r\n") != NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("That is not a Meta access token: paste the token alone, without spaces."));
      return FALSE;
    }
  if (!secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, _("Tally: Meta Marketing API token"),
                                   trimmed, cancellable, &local_error, "service", "meta-marketing-api", NULL))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
store_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (tally_token_store (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
free_token (gpointer token)
{
  memset (token, 0, strlen (token));
  g_free (token);
}

/* tally_token_store() on a worker thread: the keyring may ask the person
 * to unlock it, and the window stays responsive meanwhile. */
void
tally_token_store_async (const char          *token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tally_token_store_async);
  g_task_set_task_data (task, g_strdup (token != NULL ? token : ""), free_token);
  g_task_run_in_thread (task, store_worker);
}

gboolean
tally_token_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tally_token_lookup:
 *
 * The token of TALLY_META_TOKEN when it is set, else the keyring's.
 *
 * Returns: (transfer full): the token, or %NULL with @error
 */
char *
tally_token_lookup (GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *from_env = g_getenv (TALLY_TOKEN_ENV);
  char *secret;
  char *token;

  if (from_env != NULL && from_env[0] != '\0')
    return g_strdup (from_env);

  secret = secret_password_lookup_sync (token_schema (), cancellable, &local_error, "service", "meta-marketing-api", NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return NULL;
    }
  if (secret == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_AUTH,
                   _("Tally is not connected to Meta: connect with an access token first, or give one in %s."),
                   TALLY_TOKEN_ENV);
      return NULL;
    }
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

/* Forgets the keyring's token; TRUE also when there was none. */
gboolean
tally_token_clear (GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (token_schema (), cancellable, &local_error, "service", "meta-marketing-api", NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
