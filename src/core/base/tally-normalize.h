/* tally-normalize.h: reading numbers, dates, identities and URLs as SPEC
 * section 4 says
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_DECIMAL_UNKNOWN,
  TALLY_DECIMAL_POINT,
  TALLY_DECIMAL_COMMA,
} TallyDecimal;

typedef enum
{
  TALLY_DATE_ORDER_UNKNOWN,
  TALLY_DATE_ORDER_DMY,
  TALLY_DATE_ORDER_MDY,
} TallyDateOrder;

/* What one value says about the file's decimal separator or date order. */
typedef enum
{
  TALLY_EVIDENCE_NONE,
  TALLY_EVIDENCE_FIRST,      /* point / day-month */
  TALLY_EVIDENCE_SECOND,     /* comma / month-day */
  TALLY_EVIDENCE_AMBIGUOUS,
} TallyEvidence;

typedef struct
{
  gboolean negative;
  char     digits[40];       /* integer then fraction digits, no separator */
  guint    n_digits;
  guint    n_fraction;       /* how many of the digits are after the point */
} TallyNumber;

typedef enum
{
  TALLY_TIME_DATE,           /* 2026-08-14: a calendar day */
  TALLY_TIME_LOCAL,          /* 2026-08-14T05:30:00: read in crm_timezone */
  TALLY_TIME_INSTANT,        /* 2026-08-14T11:30:00Z: an exact instant */
} TallyTimeKind;

TallyEvidence tally_number_evidence     (const char     *text);
gboolean      tally_number_parse        (const char     *text,
                                         TallyDecimal    decimal,
                                         TallyNumber    *number);
gboolean      tally_number_to_minor     (const TallyNumber *number,
                                         guint           minor_unit,
                                         gint64         *out,
                                         gboolean       *rounded);
gboolean      tally_number_to_integer   (const TallyNumber *number,
                                         gint64         *out);
double        tally_number_to_double    (const TallyNumber *number);

TallyEvidence tally_date_evidence       (const char     *text);
char         *tally_parse_date          (const char     *text,
                                         TallyDateOrder  order);
char         *tally_parse_timestamp     (const char     *text,
                                         TallyDateOrder  order,
                                         TallyTimeKind  *kind);

char         *tally_hash_email          (const char     *raw,
                                         char          **normalized);
char         *tally_hash_phone          (const char     *raw,
                                         const char     *default_country_code,
                                         char          **normalized,
                                         gboolean       *had_country_code);
gboolean      tally_hash_email_digest   (const char     *raw,
                                         guint8          bytes[32],
                                         char          **normalized);
gboolean      tally_hash_phone_digest   (const char     *raw,
                                         const char     *default_country_code,
                                         guint8          bytes[32],
                                         char          **normalized,
                                         gboolean       *had_country_code);
char         *tally_sha256_hex          (const char     *text);
void          tally_sha256_bytes        (const void     *data,
                                         gsize           length,
                                         guint8          bytes[32]);
void          tally_sha256_to_hex       (const guint8    bytes[32],
                                         char            hex[65]);
gboolean      tally_sha256_from_hex     (const char     *hex,
                                         guint8          bytes[32]);

GHashTable   *tally_parse_url_params    (const char     *url);
const char   *tally_url_plain_query     (const char     *url);
char         *tally_url_plain_param     (const char     *query,
                                         const char     *name);
char         *tally_fbclid_from_fbc     (const char     *fbc);
char         *tally_normalize_ad_account (const char    *text);
char         *tally_parse_attribution_setting (const char *text);
char         *tally_normalize_header    (const char     *header);
char         *tally_header_key          (const char     *header,
                                         gboolean        without_prefix);
char         *tally_value_key           (const char     *value);

G_END_DECLS
