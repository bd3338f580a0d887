/* tally-currency.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TallyCurrency:
 * @code: the ISO 4217 alphabetic code, upper case
 * @numeric: the ISO 4217 numeric code
 * @minor_unit: the number of decimals money is kept in (0 for CLP, 3 for KWD)
 * @name: the English name from the ISO list
 */
typedef struct
{
  char  code[4];
  guint numeric;
  guint minor_unit;
  char *name;
} TallyCurrency;

const TallyCurrency *tally_currency_lookup (const char *code);
guint                tally_currency_minor_unit (const char *code);
const TallyCurrency *tally_currency_list   (guint      *n_currencies);

G_END_DECLS
