/* tally-import-sources.c: exports that are not tables — Marketing API
 * insights (JSON) and the ECB's reference rates (XML)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>

#include "tally-error.h"
#include "tally-import-private.h"

/* Marketing API insights --------------------------------------------------- */

/* The first purchase or lead type present is the one counted: the types
 * are roll-ups of the same events, never to be summed (SPEC section 4). */
static const char * const purchase_order[] = { "omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase", NULL };
static const char * const lead_order[] = { "lead", "offsite_conversion.fb_pixel_lead", "onsite_conversion.lead_grouped", NULL };
static const char * const window_keys[N_WINDOWS] = { "1d_click", "7d_click", "28d_click", "1d_view" };

/* The API writes numbers as strings, but a file made by hand may not. */
static char *
node_text (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return NULL;
}

/* Finds the first of @order in an actions-like list. */
static JsonObject *
find_action (JsonObject         *row,
             const char         *member,
             const char * const *order)
{
  JsonArray *list;

  if (!json_object_has_member (row, member) || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (row, member)))
    return NULL;

  list = json_object_get_array_member (row, member);
  for (guint o = 0; order[o] != NULL; o++)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonNode *node = json_array_get_element (list, i);
        JsonObject *action;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        action = json_node_get_object (node);
        if (g_strcmp0 (json_object_get_string_member_with_default (action, "action_type", NULL), order[o]) == 0)
          return action;
      }

  return NULL;
}

typedef struct
{
  GPtrArray *strings;   /* owns what the row points at */
  ImportRow  row;
} InsightsRow;

static const char *
keep (InsightsRow *r,
      char        *text)
{
  if (text != NULL)
    g_ptr_array_add (r->strings, text);
  return text;
}

static void
set_member (InsightsRow *r,
            JsonObject  *object,
            const char  *member,
            int          field)
{
  if (r->row.values[field] == NULL && json_object_has_member (object, member))
    {
      r->row.values[field] = keep (r, node_text (json_object_get_member (object, member)));
      r->row.columns[field] = member;
      r->row.typed[field] = TRUE;
    }
}

static void
set_action (InsightsRow        *r,
            JsonObject         *object,
            const char         *member,
            const char * const *order,
            int                 field,
            const char        **windows)
{
  JsonObject *action = find_action (object, member, order);

  if (action == NULL)
    return;

  r->row.values[field] = keep (r, node_text (json_object_get_member (action, "value")));
  r->row.columns[field] = member;
  r->row.typed[field] = TRUE;

  for (guint w = 0; windows != NULL && w < N_WINDOWS; w++)
    if (json_object_has_member (action, window_keys[w]))
      windows[w] = keep (r, node_text (json_object_get_member (action, window_keys[w])));
}

static void
fill_insights_row (InsightsRow *r,
                   JsonObject  *object,
                   guint64      entry)
{
  static const char * const link_click[] = { "link_click", NULL };
  static const char * const landing[] = { "landing_page_view", "omni_landing_page_view", NULL };
  static const struct { const char *member; int field; } members[] = {
    { "account_id", META_ACCOUNT_ID }, { "account_name", META_ACCOUNT_NAME },
    { "account_currency", META_CURRENCY }, { "campaign_id", META_CAMPAIGN_ID },
    { "campaign_name", META_CAMPAIGN_NAME }, { "adset_id", META_ADSET_ID },
    { "adset_name", META_ADSET_NAME }, { "ad_id", META_AD_ID }, { "ad_name", META_AD_NAME },
    { "date_start", META_DATE_START }, { "date_stop", META_DATE_END }, { "spend", META_SPEND },
    { "impressions", META_IMPRESSIONS }, { "reach", META_REACH }, { "frequency", META_FREQUENCY },
    { "clicks", META_ALL_CLICKS }, { "inline_link_clicks", META_LINK_CLICKS },
    { "attribution_setting", META_ATTRIBUTION_SETTING },
    { "age", META_AGE }, { "gender", META_GENDER }, { "country", META_COUNTRY },
    { "region", META_REGION }, { "platform_position", META_PLACEMENT },
    { "publisher_platform", META_PLATFORM }, { "impression_device", META_DEVICE },
    { "device_platform", META_DEVICE }, { "product_id", META_PRODUCT_ID },
  };

  g_ptr_array_set_size (r->strings, 0);
  memset (&r->row, 0, sizeof r->row);
  r->row.line = entry;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    set_member (r, object, members[i].member, members[i].field);

  if (r->row.values[META_LINK_CLICKS] == NULL)
    set_action (r, object, "actions", link_click, META_LINK_CLICKS, NULL);
  set_action (r, object, "actions", landing, META_LANDING_PAGE_VIEWS, NULL);
  set_action (r, object, "actions", purchase_order, META_PURCHASES, r->row.purchases_window);
  set_action (r, object, "action_values", purchase_order, META_PURCHASE_VALUE, r->row.value_window);
  set_action (r, object, "actions", lead_order, META_LEADS, r->row.leads_window);
}

static JsonArray *
insights_data (JsonNode *root)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "data") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "data")))
    return NULL;
  return json_object_get_array_member (object, "data");
}

/**
 * _tally_import_insights:
 *
 * Imports the `data` list of a Marketing API `/insights` response: one
 * Meta row per entry, numbers given as strings, purchases and leads from
 * `actions` and `action_values` with their per-window values.
 */
gboolean
_tally_import_insights (ImportContext  *ctx,
                        const char     *path,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  InsightsRow r = { g_ptr_array_new_with_free_func (g_free) };
  JsonArray *data;
  gboolean ok = TRUE;

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      /* json-glib writes "PATH:LINE:COLUMN: Parse error: …". */
      const char *after = g_str_has_prefix (local_error->message, path) ? local_error->message + strlen (path) : "";
      unsigned int line = 0;

      if (sscanf (after, ":%u:", &line) == 1 && line > 0)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not valid JSON: it breaks off or is damaged on line %u; download the insights again."),
                     ctx->display_name, line);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is not valid JSON; download the insights again."), ctx->display_name);
      g_ptr_array_unref (r.strings);
      return FALSE;
    }

  data = insights_data (json_parser_get_root (parser));
  if (data == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a Marketing API insights response: it has no “data” list."), ctx->display_name);
      g_ptr_array_unref (r.strings);
      return FALSE;
    }

  for (guint i = 0; ok && i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ctx->result->rows_read++;
          _tally_import_reject (ctx, i + 1, NULL, _("the entry is not an object"));
          continue;
        }

      fill_insights_row (&r, json_node_get_object (node), i + 1);
      ok = _tally_import_row (ctx, &r.row, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  g_ptr_array_unref (r.strings);
  return ok;
}

/* ECB reference rates ------------------------------------------------------ */

static char *
attribute (xmlTextReaderPtr  xml,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/**
 * _tally_import_ecb:
 *
 * Imports the ECB's `eurofxref` XML, daily or history: each
 * `Cube time=…` holds `Cube currency=… rate=…`, units of the currency per
 * one euro. The parser streams, so the full history stays cheap.
 */
gboolean
_tally_import_ecb (ImportContext  *ctx,
                   const char     *path,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autofree char *day = NULL;
  xmlTextReaderPtr xml;
  gboolean ok = TRUE;
  guint64 n = 0;
  int rc;

  xml = xmlReaderForFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be read as XML; download the rates again."), ctx->display_name);
      return FALSE;
    }

  while (ok && (rc = xmlTextReaderRead (xml)) == 1)
    {
      g_autofree char *time = NULL, *currency = NULL, *rate = NULL;
      ImportRow row = { 0 };

      if (xmlTextReaderNodeType (xml) != XML_READER_TYPE_ELEMENT ||
          g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), "Cube") != 0)
        continue;

      time = attribute (xml, "time");
      if (time != NULL)
        {
          g_free (day);
          day = g_steal_pointer (&time);
          continue;
        }

      currency = attribute (xml, "currency");
      rate = attribute (xml, "rate");
      if (currency == NULL || rate == NULL)
        continue;

      row.line = (guint64) MAX (xmlGetLineNo (xmlTextReaderCurrentNode (xml)), 0);
      row.values[FX_DAY] = day;
      row.values[FX_CURRENCY] = currency;
      row.values[FX_RATE] = rate;
      row.values[FX_BASE] = "EUR";
      row.columns[FX_DAY] = "time";
      row.columns[FX_CURRENCY] = "currency";
      row.columns[FX_RATE] = "rate";
      row.typed[FX_RATE] = TRUE;
      ok = _tally_import_row (ctx, &row, error);
      if (ok && ++n % 1024 == 0)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  if (ok && rc < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not well-formed XML past line %d; download the rates again."),
                   ctx->display_name, xmlTextReaderGetParserLineNumber (xml));
      ok = FALSE;
    }
  else if (ok && ctx->result->rows_read == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” holds no ECB reference rates (no Cube with a currency and a rate)."), ctx->display_name);
      ok = FALSE;
    }

  xmlFreeTextReader (xml);
  return ok;
}
