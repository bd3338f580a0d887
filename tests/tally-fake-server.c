/* tally-fake-server.c: a web server on loopback that answers what a test
 * gives it, for the network client's tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SoupServer on 127.0.0.1, on a thread and main context of its own,
 * so that the client under test can block on it. Each path has a queue of
 * answers (the last one repeats until another is queued); every request is
 * noted with its time,
 * its query and its body, for the test to look at.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "tally-fake-server.h"

typedef struct
{
  guint       status;
  char       *body;
  gsize       length;
  GPtrArray  *headers;   /* name, value, … */
  gboolean    cut;       /* the connection closes in the body */
  gboolean    served;    /* repeated as the last; dropped when another comes */
} Answer;

typedef struct
{
  char   *path;
  gint64  time;
  char   *request;       /* "METHOD path?query\nbody" */
} Seen;

struct _FakeServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;
  GMutex        lock;
  GCond         ready;
  GHashTable   *answers;  /* path → GQueue of Answer */
  GPtrArray    *seen;     /* Seen */
};

static void
answer_free (Answer *answer)
{
  g_free (answer->body);
  g_ptr_array_unref (answer->headers);
  g_free (answer);
}

static void
queue_free (GQueue *queue)
{
  g_queue_free_full (queue, (GDestroyNotify) answer_free);
}

static void
seen_free (Seen *seen)
{
  g_free (seen->path);
  g_free (seen->request);
  g_free (seen);
}

/* Writes an answer's head and part of its body, then closes. */
static void
cut_connection (SoupServerMessage *msg,
                Answer            *answer)
{
  g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %zu\r\n\r\n", answer->length * 4 + 100);
  GOutputStream *out = g_io_stream_get_output_stream (io);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, answer->body, answer->length, NULL, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  FakeServer *server = data;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  Seen *seen = g_new0 (Seen, 1);
  Answer *answer = NULL;
  GQueue *queue;

  g_mutex_lock (&server->lock);
  seen->path = g_strdup (path);
  seen->time = g_get_monotonic_time ();
  seen->request = g_strdup_printf ("%s %s?%s\n%.*s", soup_server_message_get_method (msg), path,
                                   g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "",
                                   (int) request->length, request->data != NULL ? request->data : "");
  g_ptr_array_add (server->seen, seen);
  queue = g_hash_table_lookup (server->answers, path);
  if (queue != NULL && !g_queue_is_empty (queue))
    answer = g_queue_get_length (queue) > 1 ? g_queue_pop_head (queue) : g_queue_peek_head (queue);
  if (answer != NULL)
    answer->served = TRUE;
  g_mutex_unlock (&server->lock);

  if (answer == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  if (answer->cut)
    cut_connection (msg, answer);
  else
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      for (guint i = 0; i + 1 < answer->headers->len; i += 2)
        soup_message_headers_replace (headers, answer->headers->pdata[i], answer->headers->pdata[i + 1]);
      soup_server_message_set_status (msg, answer->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer->body, answer->length);
    }

  /* The last answer of a path stays for the requests after it. */
  g_mutex_lock (&server->lock);
  if (queue != NULL && g_queue_peek_head (queue) != answer)
    answer_free (answer);
  g_mutex_unlock (&server->lock);
}

static gpointer
serve (gpointer data)
{
  FakeServer *server = data;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handle, server, NULL);
  g_assert_true (soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server->server);

  g_mutex_lock (&server->lock);
  server->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

FakeServer *
fake_server_new (void)
{
  FakeServer *server = g_new0 (FakeServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) queue_free);
  server->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  g_mutex_lock (&server->lock);
  server->thread = g_thread_new ("fake-server", serve, server);
  while (server->base == NULL)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
fake_server_free (FakeServer *server)
{
  g_main_context_invoke (server->context, quit, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_hash_table_unref (server->answers);
  g_ptr_array_unref (server->seen);
  g_free (server->base);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
  g_free (server);
}

const char *
fake_server_get_base (FakeServer *server)
{
  return server->base;
}

static void
queue_answer (FakeServer *server,
              const char *path,
              Answer     *answer)
{
  GQueue *queue;

  g_mutex_lock (&server->lock);
  queue = g_hash_table_lookup (server->answers, path);
  if (queue == NULL)
    g_hash_table_insert (server->answers, g_strdup (path), queue = g_queue_new ());
  if (g_queue_get_length (queue) == 1 && ((Answer *) g_queue_peek_head (queue))->served)
    answer_free (g_queue_pop_head (queue));
  g_queue_push_tail (queue, answer);
  g_mutex_unlock (&server->lock);
}

/* Queues @status and @body for @path, with headers as name, value, …, NULL. */
void
fake_server_add (FakeServer *server,
                 const char *path,
                 guint       status,
                 const char *body,
                 ...)
{
  Answer *answer = g_new0 (Answer, 1);
  const char *name;
  va_list args;

  answer->status = status;
  answer->body = g_strdup (body);
  answer->length = strlen (body);
  answer->headers = g_ptr_array_new_with_free_func (g_free);
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (answer->headers, g_strdup (name));
      g_ptr_array_add (answer->headers, g_strdup (va_arg (args, const char *)));
    }
  va_end (args);
  queue_answer (server, path, answer);
}

/* Queues the contents of @file, with 200. */
void
fake_server_add_file (FakeServer *server,
                      const char *path,
                      const char *file)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  fake_server_add (server, path, 200, contents, NULL);
}

/* Queues an answer whose connection closes after @partial_body. */
void
fake_server_add_cut (FakeServer *server,
                     const char *path,
                     const char *partial_body)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->status = 200;
  answer->body = g_strdup (partial_body);
  answer->length = strlen (partial_body);
  answer->headers = g_ptr_array_new_with_free_func (g_free);
  answer->cut = TRUE;
  queue_answer (server, path, answer);
}

guint
fake_server_count (FakeServer *server,
                   const char *path)
{
  guint n = 0;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->seen->len; i++)
    n += g_str_equal (((Seen *) server->seen->pdata[i])->path, path);
  g_mutex_unlock (&server->lock);
  return n;
}

static Seen *
nth_seen (FakeServer *server,
          const char *path,
          guint       n)
{
  for (guint i = 0; i < server->seen->len; i++)
    if (g_str_equal (((Seen *) server->seen->pdata[i])->path, path) && n-- == 0)
      return server->seen->pdata[i];
  g_assert_not_reached ();
}

/* When the @n-th request (from 0) to @path came, in monotonic µs. */
gint64
fake_server_time (FakeServer *server,
                  const char *path,
                  guint       n)
{
  gint64 time;

  g_mutex_lock (&server->lock);
  time = nth_seen (server, path, n)->time;
  g_mutex_unlock (&server->lock);
  return time;
}

/* The @n-th request to @path: "METHOD path?query", a line break, the body. */
char *
fake_server_request (FakeServer *server,
                     const char *path,
                     guint       n)
{
  char *request;

  g_mutex_lock (&server->lock);
  request = g_strdup (nth_seen (server, path, n)->request);
  g_mutex_unlock (&server->lock);
  return request;
}
