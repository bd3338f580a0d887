/* tally-setting-save.c: a person changes a setting
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving a rule that moves numbers between days restates the frozen days
 * it changes. That needs the engine and the freeze, which sit above the
 * project, so the change is a use case here and not a project method.
 */
#define G_LOG_DOMAIN "tally-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-freeze-private.h"
#include "tally-project-private.h"
#include "tally-rules.h"
#include "tally-setting-save.h"
#include "tally-settings.h"

/**
 * tally_setting_save:
 * @project: a project
 * @key: a setting key
 * @value: (nullable): the new value; %NULL or "" unsets an optional key
 * @error: return location for a #TallyError
 *
 * Validates and saves a setting, and restates the frozen days a changed
 * rule moves, in one transaction. A refused value leaves the project as it
 * was, and @error says which setting and what it allows.
 */
gboolean
tally_setting_save (TallyProject  *project,
                    const char    *key,
                    const char    *value,
                    GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *old = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = tally_settings_normalize (key, value, &local_error);
  if (normalized == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", tally_project_get_display_name (project));
      return FALSE;
    }

  old = tally_project_get_setting (project, key);
  if (g_strcmp0 (old, normalized[0] != '\0' ? normalized : NULL) == 0)
    return TRUE;

  if (!_tally_project_begin (project, error))
    return FALSE;

  if (!_tally_project_write_setting (project, key, normalized, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  if (tally_rules_is_rule_key (key))
    {
      g_autofree char *why = g_strdup_printf (_("settings changed: %s"), key);

      if (!_tally_freeze_restate_changed (project, why, error))
        {
          _tally_project_rollback (project);
          return FALSE;
        }
    }

  if (!_tally_project_commit (project, error))
    return FALSE;

  _tally_project_emit_setting_changed (project, key);
  return TRUE;
}
