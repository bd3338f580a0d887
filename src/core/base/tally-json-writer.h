/* tally-json-writer.h: JSON text with numbers written exactly
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TallyJsonWriter TallyJsonWriter;

TallyJsonWriter *tally_json_writer_new        (gboolean          pretty);
char            *tally_json_writer_free_to_string (TallyJsonWriter *writer);
void             tally_json_writer_free       (TallyJsonWriter *writer);
void             tally_json_begin_object      (TallyJsonWriter *writer);
void             tally_json_end_object        (TallyJsonWriter *writer);
void             tally_json_begin_array       (TallyJsonWriter *writer);
void             tally_json_end_array         (TallyJsonWriter *writer);
void             tally_json_member            (TallyJsonWriter *writer,
                                               const char      *name);
void             tally_json_string            (TallyJsonWriter *writer,
                                               const char      *value);
void             tally_json_int               (TallyJsonWriter *writer,
                                               gint64           value);
void             tally_json_fixed             (TallyJsonWriter *writer,
                                               double           value,
                                               guint            decimals);
void             tally_json_money             (TallyJsonWriter *writer,
                                               double           minor,
                                               guint            decimals);
void             tally_json_bool              (TallyJsonWriter *writer,
                                               gboolean         value);
void             tally_json_null              (TallyJsonWriter *writer);
void             tally_json_raw               (TallyJsonWriter *writer,
                                               const char      *json);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyJsonWriter, tally_json_writer_free)

G_END_DECLS
