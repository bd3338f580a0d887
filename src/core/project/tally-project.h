/* tally-project.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every project file: "Taly" in ASCII. */
#define TALLY_PROJECT_APPLICATION_ID 0x54616C79u

#define TALLY_TYPE_PROJECT (tally_project_get_type ())
G_DECLARE_FINAL_TYPE (TallyProject, tally_project, TALLY, PROJECT, GObject)

guint         tally_project_get_current_schema_version (void);

TallyProject *tally_project_create            (const char         *path,
                                               const char * const *settings,
                                               GError            **error);
TallyProject *tally_project_open              (const char         *path,
                                               GError            **error);
const char   *tally_project_get_path          (TallyProject       *self);
const char   *tally_project_get_display_name  (TallyProject       *self);
gboolean      tally_project_is_read_only      (TallyProject       *self);
guint         tally_project_get_schema_version (TallyProject      *self);

char         *tally_project_get_setting       (TallyProject       *self,
                                               const char         *key);
char         *tally_project_get_effective_setting (TallyProject   *self,
                                               const char         *key);
GStrv         tally_project_list_setting_keys (TallyProject       *self);
void          tally_project_notify_data_changed (TallyProject     *self);
gboolean      tally_project_begin_changes     (TallyProject       *self,
                                               GError            **error);
gboolean      tally_project_commit_changes    (TallyProject       *self,
                                               GError            **error);
void          tally_project_discard_changes   (TallyProject       *self);

G_END_DECLS
