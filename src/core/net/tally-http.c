/* tally-http.c: requests to a web service, retried and paced
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession, used by one thread (the pull's own): a request is sent
 * and its body read whole, up to a limit, with the caller's cancellable.
 * A connection that fails or a server error (5xx) is tried again, up to
 * five times, after a wait that doubles and is jittered; a client error
 * (4xx) is the caller's to read. A service may ask for a pause before the
 * next request (_tally_http_hold); every wait can be cancelled, and tests
 * shrink them all by a time scale. The secret the requests carry is kept
 * here only to take it out of any message (_tally_http_scrub).
 */
#define G_LOG_DOMAIN "tally-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-error.h"
#include "tally-http.h"

#define MAX_BODY      (256 * 1024 * 1024)
#define MAX_ATTEMPTS  5
#define FIRST_RETRY_S 2.0

struct _TallyHttp
{
  SoupSession       *session;
  char              *secret;
  double             time_scale;
  gint64             not_before;   /* monotonic µs: no request starts earlier */
  char              *hold_why;
  TallyHttpWaitFunc  wait_func;
  gpointer           wait_data;
};

TallyHttp *
_tally_http_new (const char *secret)
{
  TallyHttp *http = g_new0 (TallyHttp, 1);

  http->session = soup_session_new_with_options ("timeout", 120, "idle-timeout", 60,
                                                 "user-agent", "Tally/" PACKAGE_VERSION " ", NULL);
  http->secret = g_strdup (secret);
  http->time_scale = 1.0;
  return http;
}

void
_tally_http_free (TallyHttp *http)
{
  if (http == NULL)
    return;
  g_clear_object (&http->session);
  if (http->secret != NULL)
    memset (http->secret, 0, strlen (http->secret));
  g_clear_pointer (&http->secret, g_free);
  g_clear_pointer (&http->hold_why, g_free);
  g_free (http);
}

/* Every wait is multiplied by @scale: tests run the real pacing in
 * milliseconds. */
void
_tally_http_set_time_scale (TallyHttp *http,
                            double     scale)
{
  http->time_scale = scale;
}

void
_tally_http_set_wait_func (TallyHttp         *http,
                           TallyHttpWaitFunc  func,
                           gpointer           data)
{
  http->wait_func = func;
  http->wait_data = data;
}

/* Waits @seconds (scaled), or until @cancellable is cancelled. */
gboolean
_tally_http_wait (TallyHttp     *http,
                  double         seconds,
                  const char    *why,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 until;

  if (http->wait_func != NULL)
    http->wait_func (seconds, why, http->wait_data);

  until = g_get_monotonic_time () + (gint64) (seconds * http->time_scale * G_USEC_PER_SEC);
  for (;;)
    {
      gint64 left = until - g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (left <= 0)
        return TRUE;
      g_usleep (MIN (left, 20 * 1000));
    }
}

/* No request starts before @seconds from now (scaled): a service's limit
 * is near. */
void
_tally_http_hold (TallyHttp  *http,
                  double      seconds,
                  const char *why)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  if (until > http->not_before)
    {
      http->not_before = until;
      g_free (http->hold_why);
      http->hold_why = g_strdup (why);
    }
}

/* @text without the secret in it, wherever it is. */
char *
_tally_http_scrub (TallyHttp  *http,
                   const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || http->secret == NULL || http->secret[0] == '\0' || strstr (text, http->secret) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, http->secret, -1);
  return g_strjoinv ("…", parts);
}

static SoupMessage *
new_message (const char *method,
             const char *uri,
             GHashTable *form)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);

  if (parsed == NULL)
    return NULL;
  if (form != NULL)
    {
      g_autofree char *body = soup_form_encode_hash (form);
      SoupMessage *message = soup_message_new_from_uri (method, parsed);

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                                g_bytes_new_take (g_steal_pointer (&body), strlen (body)));
      return message;
    }
  return soup_message_new_from_uri (method, parsed);
}

/* Reads the body whole, refusing one larger than MAX_BODY before it is
 * all in memory. */
static GBytes *
read_body (TallyHttp     *http,
           SoupMessage   *message,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GInputStream) stream = soup_session_send (http->session, message, cancellable, error);
  g_autoptr(GByteArray) body = NULL;
  guint8 chunk[64 * 1024];

  if (stream == NULL)
    return NULL;
  body = g_byte_array_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (body->len + (gsize) n > MAX_BODY)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "more than %d MiB", MAX_BODY / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (body, chunk, (guint) n);
    }
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

static gboolean
wait_for_hold (TallyHttp     *http,
               GCancellable  *cancellable,
               GError       **error)
{
  double left = (double) (http->not_before - g_get_monotonic_time ()) / G_USEC_PER_SEC;

  http->not_before = 0;
  if (left <= 0)
    return TRUE;
  return _tally_http_wait (http, left, http->hold_why, cancellable, error);
}

/**
 * _tally_http_send:
 * @method: "GET" or "POST"
 * @uri: the address, with its query
 * @form: (nullable): a POST's fields, sent form-encoded
 * @what: what is asked for, for messages: "the ad accounts"
 * @headers: (out) (transfer full): the answer's headers
 * @status: (out): the answer's HTTP status
 *
 * Returns: (transfer full): the answer's body, or %NULL with @error: a
 *   #TallyError naming @what, or a #GIOError when cancelled
 */
GBytes *
_tally_http_send (TallyHttp           *http,
                  const char          *method,
                  const char          *uri,
                  GHashTable          *form,
                  const char          *what,
                  SoupMessageHeaders **headers,
                  guint               *status,
                  GCancellable        *cancellable,
                  GError             **error)
{
  double retry = FIRST_RETRY_S;

  for (int attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessage) message = new_message (method, uri, form);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *reason = NULL;

      if (message == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("The address for %s is not a web address; check the project’s network settings."), what);
          return NULL;
        }
      if (!wait_for_hold (http, cancellable, error))
        return NULL;

      body = read_body (http, message, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("The answer for %s is larger than %d MiB; nothing was imported, ask for a shorter range."),
                       what, MAX_BODY / (1024 * 1024));
          return NULL;
        }

      *status = soup_message_get_status (message);
      if (body != NULL && *status < 500)
        {
          *headers = soup_message_headers_ref (soup_message_get_response_headers (message));
          return g_steal_pointer (&body);
        }

      reason = body != NULL ? g_strdup_printf (_("the server answered %u"), *status)
                            : _tally_http_scrub (http, local_error->message);
      if (attempt == MAX_ATTEMPTS)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                       _("Tally could not get %s (%s, %d tries); check the connection and try again later."),
                       what, reason, MAX_ATTEMPTS);
          return NULL;
        }

      /* Jittered, so that many clients do not come back at once. */
      if (!_tally_http_wait (http, retry * g_random_double_range (0.75, 1.25), reason, cancellable, error))
        return NULL;
      retry *= 2;
    }
}
