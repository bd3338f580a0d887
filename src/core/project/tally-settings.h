/* tally-settings.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_SETTING_TEXT,
  TALLY_SETTING_CHOICE,
  TALLY_SETTING_TIMEZONE,
  TALLY_SETTING_CURRENCY,
  TALLY_SETTING_INTEGER,
  TALLY_SETTING_FRACTION,
  TALLY_SETTING_NUMBER,
  TALLY_SETTING_LIST,
  TALLY_SETTING_BOOLEAN,
  TALLY_SETTING_COUNTRY_CODE,
  TALLY_SETTING_URL,
  TALLY_SETTING_API_VERSION,
  TALLY_SETTING_AD_ACCOUNT,
  TALLY_SETTING_RATE,
} TallySettingKind;

typedef struct
{
  const char *value;
  const char *label;  /* translatable */
} TallySettingChoice;

/**
 * TallySettingSpec:
 * @key: the key, as in SPEC section 3; `fx_fixed.` for the fixed-rate family
 * @kind: how values are read and checked
 * @default_value: the default stored in new projects, or %NULL when the key is
 *   unset by default or its default is computed at creation (`name`, `timezone`)
 * @optional: whether the key may be unset
 * @follows: for an optional key, the key whose value applies while it is unset
 * @choices: for %TALLY_SETTING_CHOICE, the allowed values, %NULL-terminated
 * @min: the smallest allowed number
 * @max: the largest allowed number
 * @title: a short translatable name for the settings page
 * @description: a translatable sentence saying what the setting changes
 */
typedef struct
{
  const char               *key;
  TallySettingKind          kind;
  const char               *default_value;
  gboolean                  optional;
  const char               *follows;
  const TallySettingChoice *choices;
  double                    min;
  double                    max;
  const char               *title;
  const char               *description;
} TallySettingSpec;

#define TALLY_SETTING_FX_FIXED_PREFIX "fx_fixed."

const TallySettingSpec *tally_settings_get_specs         (guint       *n_specs);
const TallySettingSpec *tally_settings_lookup            (const char  *key);
gboolean                tally_settings_is_fx_fixed_key   (const char  *key);
char                   *tally_settings_normalize         (const char  *key,
                                                          const char  *value,
                                                          GError     **error);
const char             *tally_settings_get_choice_label  (const TallySettingSpec *spec,
                                                          const char             *value);
char                   *tally_settings_describe_allowed  (const TallySettingSpec *spec);
GStrv                   tally_settings_split_list        (const char  *value);
GStrv                   tally_settings_split_keys        (const char  *value);

G_END_DECLS
