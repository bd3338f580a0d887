/* tally-cli-private.h: what the tally-cli commands share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "tally-core.h"
#include "tally-cli-exit.h"

G_BEGIN_DECLS

typedef int (*TallyCliFunc) (int    argc,
                             char **argv);

typedef struct
{
  const char   *name;
  const char   *arguments;
  const char   *summary;
  TallyCliFunc  run;
} TallyCliCommand;

/* A command that lists a project's items: tally-cli-list.c. */
typedef struct
{
  const char  *command;                    /* its name */
  const char  *json_help;                  /* (nullable): N_(), what --json prints */
  GPtrArray *(*list)       (TallyProject  *project,
                            GError       **error);
  void       (*print_json) (GPtrArray     *items);
  char     **(*header)     (void);
  char     **(*row)        (gpointer       item);
  guint        n_columns;
  const char  *empty;                      /* (nullable): N_(), printed instead of an empty table */
} TallyCliList;

int           tally_cli_run_list      (const TallyCliList  *list,
                                       int                  argc,
                                       char               **argv);
int           tally_cli_fail          (const GError        *error);
int           tally_cli_usage         (const TallyCliCommand *command,
                                       const char          *problem);
gboolean      tally_cli_parse         (const TallyCliCommand *command,
                                       GOptionEntry        *entries,
                                       int                 *argc,
                                       char              ***argv,
                                       int                  min_args,
                                       int                  max_args,
                                       int                 *exit_code);
gboolean      tally_cli_parse_with_description (const TallyCliCommand *command,
                                       GOptionEntry        *entries,
                                       const char          *description,
                                       int                 *argc,
                                       char              ***argv,
                                       int                  min_args,
                                       int                  max_args,
                                       int                 *exit_code);
gboolean      tally_cli_parse_day     (const TallyCliCommand *command,
                                       const char          *name,
                                       const char          *text,
                                       gint32              *day,
                                       int                 *exit_code);
TallyProject *tally_cli_open_project  (const char          *path,
                                       int                 *exit_code);
TallyReportSession *tally_cli_open_session (const char               *path,
                                            const TallyReportOptions *options,
                                            int                      *exit_code);
void          tally_cli_print_json    (JsonNode            *node);
void          tally_cli_print_import_summary (const TallyImportResult *result);
void          tally_cli_print_table   (GPtrArray           *rows,
                                       guint                n_columns);

const TallyCliCommand *tally_cli_lookup_command (const char *name);

int tally_cli_new        (int argc, char **argv);
int tally_cli_set        (int argc, char **argv);
int tally_cli_get        (int argc, char **argv);
int tally_cli_dictionary (int argc, char **argv);
int tally_cli_demo       (int argc, char **argv);
int tally_cli_import     (int argc, char **argv);
int tally_cli_batches    (int argc, char **argv);
int tally_cli_undo       (int argc, char **argv);
int tally_cli_report     (int argc, char **argv);
int tally_cli_check      (int argc, char **argv);
int tally_cli_restatements (int argc, char **argv);
int tally_cli_restate    (int argc, char **argv);
int tally_cli_pdf        (int argc, char **argv);
int tally_cli_publish    (int argc, char **argv);
int tally_cli_publications (int argc, char **argv);
int tally_cli_accounts   (int argc, char **argv);
int tally_cli_pull       (int argc, char **argv);
int tally_cli_fx_update  (int argc, char **argv);
int tally_cli_connect    (int argc, char **argv);
int tally_cli_disconnect (int argc, char **argv);
gint64 tally_cli_publish_session (TallyReportSession *session,
                                  gint32              from,
                                  gint32              to,
                                  gint32              as_of,
                                  const char         *note,
                                  int                *exit_code);

G_END_DECLS
