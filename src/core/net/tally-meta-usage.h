/* tally-meta-usage.h: how near Meta's rate limits a client is
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  double percent;          /* the highest use of any counter, 0–100 */
  double regain_seconds;   /* how long Meta says access takes to come back; 0 unsaid */
} TallyMetaUsage;

void _tally_meta_usage_read (SoupMessageHeaders *headers,
                             TallyMetaUsage     *usage);

G_END_DECLS
