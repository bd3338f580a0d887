/* tally-normalize-identity.c: e-mail and phone hashes, URL parameters and
 * attribution settings, as SPEC section 4 says
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-normalize"

#include "config.h"

#include <nettle/sha2.h>
#include <string.h>

#include "tally-normalize.h"

/* Identities --------------------------------------------------------------- */

/* The SHA-256 of @length bytes at @data, as its 32 bytes: nettle's, with
 * the CPU's SHA instructions where it has them, and nothing allocated. */
void
tally_sha256_bytes (const void *data,
                    gsize       length,
                    guint8      bytes[32])
{
  struct sha256_ctx context;

  sha256_init (&context);
  sha256_update (&context, length, data);
  sha256_digest (&context, SHA256_DIGEST_SIZE, bytes);
}

/* @bytes as 64 lower-case hex digits and a NUL, in @hex. */
void
tally_sha256_to_hex (const guint8 bytes[32],
                     char         hex[65])
{
  static const char digits[] = "0123456789abcdef";

  for (int i = 0; i < 32; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  hex[64] = '\0';
}

char *
tally_sha256_hex (const char *text)
{
  guint8 bytes[32];
  char hex[65];

  tally_sha256_bytes (text, strlen (text), bytes);
  tally_sha256_to_hex (bytes, hex);
  return g_strdup (hex);
}

static gboolean
is_sha256_hex (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* A digit of a lower-case hex string that is_sha256_hex() accepted. */
static inline int
hex_value (char c)
{
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

/**
 * tally_sha256_from_hex:
 * @hex: a SHA-256 as 64 lower-case hex digits, as Tally writes them
 * @bytes: (out caller-allocates) (array fixed-size=32): its 32 bytes
 *
 * Returns: whether @hex was such a hash
 */
gboolean
tally_sha256_from_hex (const char *hex,
                       guint8      bytes[32])
{
  if (!is_sha256_hex (hex))
    return FALSE;
  for (guint i = 0; i < 32; i++)
    bytes[i] = (guint8) (hex_value (hex[2 * i]) << 4 | hex_value (hex[2 * i + 1]));
  return TRUE;
}

/* The SHA-256 of @text, as its 32 bytes. */
static void
text_digest (const char *text,
             guint8      bytes[32])
{
  tally_sha256_bytes (text, strlen (text), bytes);
}

/* The address trimmed and lowered; NULL when it is none. *is_hash says
 * that it was a hash already. */
static char *
normalize_email (const char *raw,
                 gboolean   *is_hash)
{
  g_autofree char *lower = NULL;
  const char *start = raw, *end, *at, *dot;
  gboolean ascii = TRUE;

  /* Trimmed as g_strstrip() does, without a copy of its own. */
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  /* Most addresses are ASCII, which lowers much faster, in place. */
  for (const char *p = start; p < end && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii)
    {
      lower = g_strndup (start, (gsize) (end - start));
      for (char *p = lower; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }
  else
    lower = g_utf8_strdown (start, end - start);
  at = strchr (lower, '@');
  dot = at != NULL ? strrchr (at, '.') : NULL;

  *is_hash = FALSE;
  if (lower[0] == '\0')
    return NULL;
  if (is_sha256_hex (lower))
    {
      *is_hash = TRUE;
      return g_steal_pointer (&lower);
    }

  /* .+@.+\..+ as the Conversions API SDK checks it */
  if (at == NULL || at == lower || dot == NULL || dot == at + 1 || dot[1] == '\0' ||
      strchr (lower, ' ') != NULL)
    return NULL;

  return g_steal_pointer (&lower);
}

/**
 * tally_hash_email:
 * @raw: an e-mail address as the CRM has it
 * @normalized: (out) (optional): the address trimmed and in lower case
 *
 * Normalizes and hashes as Meta's Conversions API requires: trim, lower
 * case, SHA-256 in lower-case hex. A value that is already such a hash is
 * kept as it is.
 *
 * Returns: (transfer full) (nullable): the hash, or %NULL when @raw is
 *   empty or not an e-mail address
 */
char *
tally_hash_email (const char  *raw,
                  char       **normalized)
{
  gboolean is_hash;
  g_autofree char *lower = normalize_email (raw, &is_hash);

  if (normalized != NULL)
    *normalized = NULL;
  if (lower == NULL || is_hash)
    return g_steal_pointer (&lower);

  if (normalized != NULL)
    *normalized = g_strdup (lower);
  return tally_sha256_hex (lower);
}

/**
 * tally_hash_email_digest:
 * @raw: an e-mail address as the CRM has it
 * @bytes: (out caller-allocates) (array fixed-size=32): the hash's bytes
 * @normalized: (out) (optional): the address trimmed and in lower case
 *
 * The hash of tally_hash_email() as its 32 bytes, without the hex.
 *
 * Returns: %FALSE when @raw is empty or not an e-mail address
 */
gboolean
tally_hash_email_digest (const char  *raw,
                         guint8       bytes[32],
                         char       **normalized)
{
  gboolean is_hash;
  g_autofree char *lower = normalize_email (raw, &is_hash);

  if (normalized != NULL)
    *normalized = NULL;
  if (lower == NULL)
    return FALSE;
  if (is_hash)
    return tally_sha256_from_hex (lower, bytes);

  text_digest (lower, bytes);
  if (normalized != NULL)
    *normalized = g_steal_pointer (&lower);
  return TRUE;
}

/* The digits to hash, or the hash @raw was already (*is_hash); NULL
 * when @raw is no phone number. */
static char *
normalize_phone (const char *raw,
                 const char *default_country_code,
                 gboolean   *had_country_code,
                 gboolean   *is_hash)
{
  const char *start = raw, *end, *p, *prefix = "";
  gboolean international;
  gsize n = 0, length;
  char *digits, *out;

  /* Trimmed as g_strstrip() does, without a copy. */
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  international = start[0] == '+' || (start[0] == '0' && start[1] == '0');
  *had_country_code = international;
  *is_hash = FALSE;
  if (end - start == 64)
    {
      g_autofree char *trimmed = g_strndup (start, 64);

      if ((*is_hash = is_sha256_hex (trimmed)))
        return g_steal_pointer (&trimmed);
    }

  /* The digits without leading zeros, counted, then copied once. */
  for (p = start; p < end; p++)
    if (g_ascii_isdigit (*p) && (n > 0 || *p != '0'))
      n++;

  if (!international && default_country_code != NULL && default_country_code[0] != '\0' && n <= 10)
    {
      prefix = default_country_code;
      *had_country_code = TRUE;
    }

  length = strlen (prefix) + n;
  if (length < 7 || length > 15)
    return NULL;

  digits = g_malloc (length + 1);
  out = g_stpcpy (digits, prefix);
  for (p = start, n = 0; p < end; p++)
    if (g_ascii_isdigit (*p) && (n > 0 || *p != '0'))
      out[n++] = *p;
  out[n] = '\0';
  return digits;
}

/**
 * tally_hash_phone:
 * @raw: a phone number as the CRM has it
 * @default_country_code: (nullable): digits put in front of a national number
 * @normalized: (out) (optional): the digits that were hashed
 * @had_country_code: (out) (optional): whether the number carried or was
 *   given a country code
 *
 * Keeps the digits, drops leading zeros, and puts the default country code
 * in front of a national number (one written without "+" or "00" and with
 * at most ten digits), then hashes, as Meta's Conversions API requires.
 *
 * Returns: (transfer full) (nullable): the hash, or %NULL when @raw has too
 *   few or too many digits to be a phone number
 */
char *
tally_hash_phone (const char  *raw,
                  const char  *default_country_code,
                  char       **normalized,
                  gboolean    *had_country_code)
{
  gboolean had_code, is_hash;
  g_autofree char *digits = normalize_phone (raw, default_country_code, &had_code, &is_hash);

  if (normalized != NULL)
    *normalized = NULL;
  if (had_country_code != NULL)
    *had_country_code = had_code;
  if (digits == NULL || is_hash)
    return g_steal_pointer (&digits);

  if (normalized != NULL)
    *normalized = g_strdup (digits);
  return tally_sha256_hex (digits);
}

/**
 * tally_hash_phone_digest:
 * @raw: a phone number as the CRM has it
 * @default_country_code: (nullable): digits put in front of a national number
 * @bytes: (out caller-allocates) (array fixed-size=32): the hash's bytes
 * @normalized: (out) (optional): the digits that were hashed
 * @had_country_code: (out): whether the number carried or was given a
 *   country code
 *
 * The hash of tally_hash_phone() as its 32 bytes, without the hex.
 *
 * Returns: %FALSE when @raw is no phone number
 */
gboolean
tally_hash_phone_digest (const char  *raw,
                         const char  *default_country_code,
                         guint8       bytes[32],
                         char       **normalized,
                         gboolean    *had_country_code)
{
  gboolean is_hash;
  g_autofree char *digits = normalize_phone (raw, default_country_code, had_country_code, &is_hash);

  if (normalized != NULL)
    *normalized = NULL;
  if (digits == NULL)
    return FALSE;
  if (is_hash)
    return tally_sha256_from_hex (digits, bytes);

  text_digest (digits, bytes);
  if (normalized != NULL)
    *normalized = g_steal_pointer (&digits);
  return TRUE;
}

/* URLs --------------------------------------------------------------------- */

/**
 * tally_parse_url_params:
 * @url: a landing page URL, with or without its scheme
 *
 * Returns: (transfer full) (nullable): the query's parameters, names in
 *   any case, or %NULL when @url is not a URL
 */
/* Parameter names in any case, as G_URI_PARAMS_CASE_INSENSITIVE has them. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = (hash << 5) + hash + (guint) g_ascii_tolower (*p);
  return hash;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

/* Characters that GUri and its parameters read as themselves. */
static gboolean
is_plain (char c,
          const char *also)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (also, c) != NULL);
}

/**
 * tally_url_plain_query:
 * @url: a landing page URL
 *
 * The query of "http(s)://host/path?query" when every part of it is plain
 * (no escapes, '+', ports, users or fragment) and every parameter is one
 * name=value: GUri would read it as it is written.
 *
 * Returns: (nullable): the query, in @url; %NULL for any other URL
 */
const char *
tally_url_plain_query (const char *url)
{
  const char *p = g_str_has_prefix (url, "https://") ? url + 8 : g_str_has_prefix (url, "http://") ? url + 7 : NULL;
  const char *query;

  if (p == NULL || !is_plain (*p, ""))
    return NULL;
  while (is_plain (*p, ".-"))
    p++;
  while (is_plain (*p, "/.-_~"))
    p++;
  if (*p != '?' || p[1] == '\0')
    return NULL;

  query = ++p;
  while (*p != '\0')
    {
      const char *name = p;

      while (is_plain (*p, ".-_~"))
        p++;
      if (p == name || *p != '=')
        return NULL;
      p++;
      while (is_plain (*p, ".-_~"))
        p++;
      if (*p == '&' && p[1] != '\0')
        p++;
      else if (*p != '\0')
        return NULL;
    }
  return query;
}

/* The parameters of a plain query, as g_uri_parse_params() has them. */
static GHashTable *
plain_params (const char *query)
{
  GHashTable *params = g_hash_table_new_full (ascii_case_hash, ascii_case_equal, g_free, g_free);

  while (*query != '\0')
    {
      const char *equals = strchr (query, '=');
      const char *end = equals + strcspn (equals, "&");

      g_hash_table_insert (params, g_strndup (query, (gsize) (equals - query)),
                           g_strndup (equals + 1, (gsize) (end - equals - 1)));
      query = *end == '&' ? end + 1 : end;
    }
  return params;
}

GHashTable *
tally_parse_url_params (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;
  const char *query;

  if (url == NULL || url[0] == '\0')
    return NULL;
  if ((query = tally_url_plain_query (url)) != NULL)
    return plain_params (query);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_scheme (uri) == NULL || g_uri_get_host (uri) == NULL)
    {
      g_clear_pointer (&uri, g_uri_unref);
      with_scheme = g_strconcat ("https://", url, NULL);
      uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_PARSE_RELAXED, NULL);
    }
  if (uri == NULL)
    return NULL;

  query = g_uri_get_query (uri);
  if (query == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_CASE_INSENSITIVE | G_URI_PARAMS_WWW_FORM, NULL);
}

/**
 * tally_url_plain_param:
 * @query: a query of tally_url_plain_query()
 * @name: a parameter's name, in any case
 *
 * One parameter of a plain query, read in place: the value the table of
 * tally_parse_url_params() would have for @name (the last one given).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL without one
 */
char *
tally_url_plain_param (const char *query,
                       const char *name)
{
  gsize length = strlen (name);
  const char *value = NULL, *end = NULL;

  while (*query != '\0')
    {
      const char *equals = strchr (query, '=');
      const char *next = equals + strcspn (equals, "&");

      if ((gsize) (equals - query) == length && g_ascii_strncasecmp (query, name, length) == 0)
        value = equals + 1, end = next;
      query = *next == '&' ? next + 1 : next;
    }
  return value != NULL ? g_strndup (value, (gsize) (end - value)) : NULL;
}

/**
 * tally_normalize_ad_account:
 * @text: (nullable): a Meta ad account's number, with or without "act_"
 *
 * Returns: (transfer full) (nullable): "act_" and its 1 to 20 digits, or
 *   %NULL when @text is no account number
 */
char *
tally_normalize_ad_account (const char *text)
{
  const char *digits = text != NULL && g_str_has_prefix (text, "act_") ? text + 4 : text;
  gsize length = digits != NULL ? strspn (digits, "0123456789") : 0;

  if (length == 0 || length > 20 || digits[length] != '\0')
    return NULL;
  return g_strconcat ("act_", digits, NULL);
}

/**
 * tally_fbclid_from_fbc:
 * @fbc: an `_fbc` value, `fb.1.<milliseconds>.<fbclid>`
 *
 * Returns: (transfer full) (nullable): the fbclid in it
 */
char *
tally_fbclid_from_fbc (const char *fbc)
{
  g_auto(GStrv) parts = NULL;

  if (fbc == NULL || !g_str_has_prefix (fbc, "fb."))
    return NULL;

  parts = g_strsplit (fbc, ".", 5);
  if (g_strv_length (parts) < 4 || parts[3][0] == '\0')
    return NULL;

  return g_strdup (parts[3]);
}

/* Attribution settings ----------------------------------------------------- */

static const char * const click_words[] = { "click", "clic", "cliqu", "klick", NULL };
static const char * const view_words[] = { "view", "visualiza", "vista", "impress", NULL };
static const char * const engaged_words[] = { "engaged", "interac", "engaj", "activa", "ativa", NULL };

static gboolean
starts_with_any (const char         *text,
                 const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (text, words[i]))
      return TRUE;
  return FALSE;
}

/* The kind of event a clause speaks of: click, view or engaged view. */
static const char *
clause_kind (const char *clause)
{
  for (const char *p = clause; *p != '\0'; p++)
    if (starts_with_any (p, engaged_words))
      return "ev";
  for (const char *p = clause; *p != '\0'; p++)
    {
      if (starts_with_any (p, click_words))
        return "click";
      if (starts_with_any (p, view_words))
        return "view";
    }

  return NULL;
}

/* Splits "7-day click, 1-day view, or 1-day engaged-view" (and its
 * Spanish and Portuguese wordings) into one clause per window. */
static GStrv
split_clauses (const char *lower)
{
  static const char * const separators[] = { ", or ", ", o ", ", ou ", " or ", " o ", " ou ", " oder ", ",", "/", ";", NULL };
  g_autofree char *text = g_strdup (lower);

  for (guint i = 0; separators[i] != NULL; i++)
    {
      g_auto(GStrv) pieces = g_strsplit (text, separators[i], -1);

      g_free (text);
      text = g_strjoinv ("|", pieces);
    }

  return g_strsplit (text, "|", -1);
}

/**
 * tally_parse_attribution_setting:
 * @text: an attribution setting as an export words it: `7-day click or
 *   1-day view`, `Clic de 7 días o visualización de 1 día`, `7d_click_1d_view`
 *
 * Returns: (transfer full) (nullable): its code, windows in Meta's order
 *   (clicks, views, engaged views), such as `7d_click_1d_view`, or %NULL
 *   when @text names no window
 */
char *
tally_parse_attribution_setting (const char *text)
{
  static const char * const kinds[] = { "click", "view", "ev" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) clauses = NULL;
  g_autoptr(GString) code = g_string_new (NULL);
  GString *parts[3];

  if (text == NULL)
    return NULL;

  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);

  /* The API's own codes: 7d_click_1d_view. */
  if (strspn (lower, "0123456789abcdefghijklmnopqrstuvwxyz_") == strlen (lower))
    {
      g_auto(GStrv) tokens = g_strsplit (lower, "_", -1);

      clauses = g_new0 (char *, g_strv_length (tokens) / 2 + 1);
      for (guint i = 0; tokens[i] != NULL && tokens[i + 1] != NULL; i += 2)
        clauses[i / 2] = g_strconcat (tokens[i], " ", tokens[i + 1], NULL);
    }
  else
    clauses = split_clauses (lower);

  for (guint k = 0; k < 3; k++)
    parts[k] = g_string_new (NULL);

  for (guint i = 0; clauses[i] != NULL; i++)
    {
      const char *digits = clauses[i] + strcspn (clauses[i], "0123456789");
      const char *kind = clause_kind (clauses[i]);
      int days = (int) g_ascii_strtoll (digits, NULL, 10);

      for (guint k = 0; kind != NULL && days > 0 && days <= 90 && k < 3; k++)
        if (g_str_equal (kind, kinds[k]))
          g_string_append_printf (parts[k], "%s%dd_%s", parts[k]->len > 0 ? "_" : "", days, kind);
    }

  for (guint k = 0; k < 3; k++)
    {
      if (parts[k]->len > 0)
        g_string_append_printf (code, "%s%s", code->len > 0 ? "_" : "", parts[k]->str);
      g_string_free (parts[k], TRUE);
    }

  return code->len > 0 ? g_string_free (g_steal_pointer (&code), FALSE) : NULL;
}
