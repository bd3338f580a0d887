/* tally-zone.h: timezones: offsets, days of instants, and zone names
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tally-days.h"

G_BEGIN_DECLS

typedef struct _TallyZone TallyZone;

TallyZone *tally_zone_new         (const char  *identifier);
void       tally_zone_free        (TallyZone   *zone);
gint32     tally_zone_today       (TallyZone   *zone);
gint32     tally_zone_day         (TallyZone   *zone,
                                   gint64       utc_seconds);
gint64     tally_zone_to_utc      (TallyZone   *zone,
                                   gint64       local_seconds);
int        tally_zone_offset_hours (TallyZone  *zone,
                                   gint64       utc_seconds);
gboolean   tally_zone_equal       (TallyZone   *a,
                                   TallyZone   *b);
gint32     tally_moment_day       (TallyMomentKind kind,
                                   gint64       value,
                                   TallyZone   *reading,
                                   TallyZone   *reporting);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyZone, tally_zone_free)

gboolean   tally_timezone_is_valid   (const char *name);
char      *tally_timezone_get_system (void);
GPtrArray *tally_timezone_list       (void);

G_END_DECLS
