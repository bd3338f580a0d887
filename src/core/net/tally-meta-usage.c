/* tally-meta-usage.c: how near Meta's rate limits a client is
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Meta tells each answer's use of its limits in JSON headers
 * (../shared/FORMATS.md section 2.6): `x-business-use-case-usage` (per
 * business object, a list of counters in percent and the minutes until
 * access is back), `x-ad-account-usage` (`acc_id_util_pct`, and the
 * seconds until it resets), `x-fb-ads-insights-throttle` (the app's and
 * the account's percent) and `x-app-usage`. The highest counter is what
 * counts: throttling starts when any of them reaches 100.
 */
#define G_LOG_DOMAIN "tally-net"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tally-meta-usage.h"

#define MAX_HEADER 16384

static double
number_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtod (json_node_get_string (node), NULL);
    default:
      return 0;
    }
}

static void
read_counters (JsonObject     *object,
               TallyMetaUsage *usage)
{
  static const char * const percents[] = {
    "call_count", "total_cputime", "total_time", "acc_id_util_pct", "app_id_util_pct",
  };

  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    usage->percent = MAX (usage->percent, number_member (object, percents[i]));
  usage->regain_seconds = MAX (usage->regain_seconds, 60 * number_member (object, "estimated_time_to_regain_access"));
  if (json_object_has_member (object, "acc_id_util_pct"))
    usage->regain_seconds = MAX (usage->regain_seconds, number_member (object, "reset_time_duration"));
}

static JsonNode *
parse_header (SoupMessageHeaders *headers,
              const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autoptr(JsonParser) parser = NULL;

  if (value == NULL || strlen (value) > MAX_HEADER)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

/* Reads every usage header of @headers; one that is missing or not JSON
 * counts as no use. */
void
_tally_meta_usage_read (SoupMessageHeaders *headers,
                        TallyMetaUsage     *usage)
{
  static const char * const flat[] = { "x-ad-account-usage", "x-fb-ads-insights-throttle", "x-app-usage" };
  g_autoptr(JsonNode) business = parse_header (headers, "x-business-use-case-usage");

  usage->percent = 0;
  usage->regain_seconds = 0;

  for (guint i = 0; i < G_N_ELEMENTS (flat); i++)
    {
      g_autoptr(JsonNode) node = parse_header (headers, flat[i]);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        read_counters (json_node_get_object (node), usage);
    }

  /* {"<business id>": [{"type": "ads_insights", "call_count": 10, …}]} */
  if (business != NULL && JSON_NODE_HOLDS_OBJECT (business))
    {
      JsonObjectIter iter;
      JsonNode *list;

      json_object_iter_init (&iter, json_node_get_object (business));
      while (json_object_iter_next (&iter, NULL, &list))
        {
          if (!JSON_NODE_HOLDS_ARRAY (list))
            continue;
          for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
            {
              JsonNode *entry = json_array_get_element (json_node_get_array (list), i);

              if (JSON_NODE_HOLDS_OBJECT (entry))
                read_counters (json_node_get_object (entry), usage);
            }
        }
    }
}
