/* tally-core.c
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "tally-core.h"

/**
 * tally_core_init_i18n:
 *
 * Sets the locale from the environment and binds the message catalog, so
 * that the core's sentences come out in the person's language.
 */
void
tally_core_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
