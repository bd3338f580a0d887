/* tally-days.h: calendar days as numbers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar; a moment kept as an import wrote it is one of: */
typedef enum
{
  TALLY_MOMENT_NONE,
  TALLY_MOMENT_DATE,     /* value: a day */
  TALLY_MOMENT_LOCAL,    /* value: seconds of a wall clock, counted as if UTC */
  TALLY_MOMENT_INSTANT,  /* value: Unix seconds */
} TallyMomentKind;

gint32    tally_day_from_civil   (int          year,
                                  int          month,
                                  int          day);
void      tally_day_to_civil     (gint32       day,
                                  int         *year,
                                  int         *month,
                                  int         *mday);
gboolean  tally_day_parse        (const char  *text,
                                  gint32      *day);
void      tally_day_format       (gint32       day,
                                  char         out[11]);
void      tally_day_week_key     (gint32       day,
                                  char         out[9]);
void      tally_day_month_key    (gint32       day,
                                  char         out[8]);
int       tally_day_weekday      (gint32       day);
gint32    tally_day_add_months   (gint32       day,
                                  int          months);

TallyMomentKind tally_moment_parse (const char *text,
                                    gint64     *value);

G_END_DECLS
