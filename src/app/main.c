/* main.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tally-application.h"
#include "tally-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TallyApplication) app = NULL;

  tally_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Tally"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  app = tally_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
