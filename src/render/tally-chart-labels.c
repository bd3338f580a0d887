/* tally-chart-labels.c: the words and numbers on the charts
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number goes through tally-format, as on the report page and in the
 * CLI, so that a chart and the table beside it never disagree on a digit.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define MONEY_FLAGS (TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS)
#define RATIO_DECIMALS 2

static double
power_of_ten (guint decimals)
{
  double power = 1;

  for (guint i = 0; i < decimals; i++)
    power *= 10;
  return power;
}

/* "1,404.96", "−223.32", "+350.00" with @with_sign: for bars, whose
 * currency is written over the axis. */
char *
_tally_chart_format_value (const TallyChartData *data,
                           double                minor,
                           gboolean              with_sign)
{
  g_autofree char *amount = tally_format_amount (minor, data->decimals, MONEY_FLAGS);

  if (with_sign && isfinite (minor) && round (minor) > 0)
    return g_strconcat ("+", amount, NULL);
  return g_steal_pointer (&amount);
}

/* "1,404.96 MXN", "−223.32 MXN", "+350.00 MXN" with @with_sign. */
char *
_tally_chart_format_money (const TallyChartData *data,
                           double                minor,
                           gboolean              with_sign)
{
  g_autofree char *amount = _tally_chart_format_value (data, minor, with_sign);

  if (!isfinite (minor) || data->currency == NULL)
    return g_steal_pointer (&amount);
  return g_strdup_printf ("%s %s", amount, data->currency);
}

/* A difference of ratios, always signed: "−1.51", "+0.30", "0.00". */
char *
_tally_chart_format_delta (double value,
                           guint  decimals)
{
  g_autofree char *magnitude = tally_format_ratio (fabs (value), decimals);
  double rounded;

  if (!isfinite (value))
    return g_steal_pointer (&magnitude);

  rounded = round (value * power_of_ten (decimals));
  return g_strdup_printf ("%s%s", rounded < 0 ? "−" : rounded > 0 ? "+" : "", magnitude);
}

/* As few decimals as tell the ticks apart: 0.5 needs one, 0.05 two. */
static guint
step_decimals (double step)
{
  if (step >= 1)
    return 0;
  return (guint) ceil (-log10 (step) - 1e-9);
}

char *
_tally_chart_format_tick (const TallyChartLayout *layout,
                          const TallyChartData   *data,
                          double                  value)
{
  double unit = power_of_ten (data->decimals);

  /* Exact zero, not a −0 left over from the tick arithmetic. */
  if (fabs (value) < layout->axis.y_step * 1e-6)
    value = 0;

  switch (layout->value_kind)
    {
    case TALLY_CHART_VALUE_MONEY:
      /* Whole units when the step allows: "2,000", not "2,000.00". */
      if (fmod (layout->axis.y_step, unit) == 0)
        return tally_format_amount (round (value / unit), 0, MONEY_FLAGS);
      return tally_format_amount (value, data->decimals, MONEY_FLAGS);

    case TALLY_CHART_VALUE_SHARE:
      {
        g_autofree char *percent = tally_format_ratio (value * 100, step_decimals (layout->axis.y_step * 100));

        /* TRANSLATORS: a percentage on a chart's axis, such as "20 %" */
        return g_strdup_printf (_("%s %%"), percent);
      }

    case TALLY_CHART_VALUE_RATIO:
    default:
      return tally_format_ratio (value, step_decimals (layout->axis.y_step));
    }
}

/**
 * tally_chart_get_title:
 *
 * Returns: the title drawn above @kind, translated
 */
const char *
tally_chart_get_title (TallyChartKind kind)
{
  switch (kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      return _("ROAS over time");
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return _("CAC by campaign");
    case TALLY_CHART_GAP_BRIDGE:
      return _("From Meta attributed value to CRM realized revenue");
    case TALLY_CHART_MATCH_QUALITY:
    default:
      return _("Match quality over time");
    }
}

/* The rules the numbers rest on, on every chart. */
char *
_tally_chart_subtitle (const TallyChartData *data)
{
  /* TRANSLATORS: under every chart's title: the attribution window, the
   * timezone and the currency code */
  return g_strdup_printf (_("Attribution: %s · Timezone: %s · Currency: %s"),
                          data->window != NULL ? data->window : "—",
                          data->timezone != NULL ? data->timezone : "—",
                          data->currency != NULL ? data->currency : "—");
}

/* What the y axis counts, written above it. */
const char *
_tally_chart_unit (TallyChartKind        kind,
                   const TallyChartData *data)
{
  switch (kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      return _("ROAS (revenue ÷ spend)");
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return data->currency != NULL ? data->currency : "";
    case TALLY_CHART_GAP_BRIDGE:
      return data->currency != NULL ? data->currency : "";
    case TALLY_CHART_MATCH_QUALITY:
    default:
      return _("Share of new customers");
    }
}

static const char *
gaps_note (TallyChartKind kind)
{
  switch (kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      return _("A break in a line is a period without spend, where ROAS is undefined.");
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return _("A missing bar is undefined: no new customers, or no Meta results.");
    case TALLY_CHART_MATCH_QUALITY:
      return _("A break in a line is a period without new customers.");
    case TALLY_CHART_GAP_BRIDGE:
    default:
      return "";
    }
}

/* The line under the plot, or NULL. */
char *
_tally_chart_note (const TallyChartLayout *layout,
                   const TallyChartData   *data)
{
  GString *note = g_string_new (NULL);

  if (layout->notes & TALLY_CHART_NOTE_OVERLAP)
    g_string_append (note, _("A customer can have both an identifier and a click id, so the shares overlap."));
  if (layout->notes & TALLY_CHART_NOTE_GAPS)
    g_string_append_printf (note, "%s%s", note->len > 0 ? " " : "", gaps_note (layout->kind));
  if (layout->notes & TALLY_CHART_NOTE_CONTEXT)
    {
      g_autofree char *no_source = _tally_chart_format_money (data, (double) data->bridge.no_source, FALSE);
      g_autofree char *unmatched = _tally_chart_format_money (data, (double) data->bridge.unmatched, FALSE);

      /* TRANSLATORS: under the gap bridge; the amounts are not part of its sum */
      g_string_append_printf (note, _("Not in the sum: revenue of customers without any source %s, "
                                      "of (unmatched) campaigns %s."), no_source, unmatched);
    }

  return g_string_free (note, note->len == 0);
}

/* Short enough for the axis; the tooltip has the whole sentence. */
static const char *
step_short_label (const TallyChartStep *step)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "view_through", N_("View-through") },
    { "not_explained", N_("Not explained by the data") },
    { "timezone", N_("Timezone days") },
    { "refunds", N_("Refunds") },
    { "recognition", N_("Recognized over term") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (step->id, labels[i].id) == 0)
      return _(labels[i].label);
  return step->label != NULL ? step->label : step->id;
}

const char *
_tally_chart_bar_label (const TallyChartBridgeBar *bar)
{
  switch (bar->role)
    {
    case TALLY_CHART_BAR_START:
      return _("Meta attributed value");
    case TALLY_CHART_BAR_END:
      return _("CRM realized revenue");
    case TALLY_CHART_BAR_REMAINDER:
      return _("Unexplained remainder");
    case TALLY_CHART_BAR_STEP:
    default:
      return step_short_label (bar->step);
    }
}

const char *
_tally_chart_empty_text (TallyChartKind kind)
{
  return kind == TALLY_CHART_CAC_BY_CAMPAIGN ? _("No campaigns in this range") : _("No periods in this range");
}

static char *
roas_tooltip (const TallyChartPeriod *p)
{
  g_autofree char *meta = tally_format_ratio (p->meta_roas, RATIO_DECIMALS);
  g_autofree char *crm = tally_format_ratio (p->crm_roas, RATIO_DECIMALS);
  g_autofree char *gap = _tally_chart_format_delta (p->crm_roas - p->meta_roas, RATIO_DECIMALS);

  /* TRANSLATORS: a tooltip: the period, then Meta's and the CRM's ROAS and
   * the gap between them (CRM − Meta) */
  return g_strdup_printf (_("%s\nMeta ROAS %s\nCRM ROAS %s\nGap %s"), p->key, meta, crm, gap);
}

static char *
match_quality_tooltip (const TallyChartPeriod *p)
{
  g_autofree char *identifier = tally_format_share (p->identifier_share);
  g_autofree char *click_id = tally_format_share (p->click_id_share);
  g_autofree char *unknown = tally_format_share (p->unknown_source_share);

  /* TRANSLATORS: a tooltip: the period, then three shares of customers */
  return g_strdup_printf (_("%s\nIdentifier %s\nClick id %s\nNo source %s"), p->key, identifier, click_id, unknown);
}

char *
_tally_chart_period_tooltip (TallyChartKind        kind,
                             const TallyChartData *data,
                             guint                 index)
{
  const TallyChartPeriod *p = &data->periods[index];
  g_autofree char *values = kind == TALLY_CHART_MATCH_QUALITY ? match_quality_tooltip (p) : roas_tooltip (p);

  if (p->frozen)
    return g_steal_pointer (&values);
  return g_strdup_printf ("%s\n%s", values, _("Open period: the numbers may still change"));
}

char *
_tally_chart_campaign_tooltip (const TallyChartData *data,
                               guint                 index)
{
  const TallyChartCampaign *c = &data->campaigns[index];
  g_autofree char *cac = _tally_chart_format_money (data, c->crm_cac, FALSE);
  g_autofree char *cpa = _tally_chart_format_money (data, c->meta_cpa, FALSE);

  /* TRANSLATORS: a tooltip: the campaign, then its CAC and CPA with currency */
  return g_strdup_printf (_("%s\nCRM CAC %s\nMeta CPA %s"), c->name, cac, cpa);
}

char *
_tally_chart_bridge_tooltip (const TallyChartData      *data,
                             const TallyChartBridgeBar *bar)
{
  const char *label = bar->role == TALLY_CHART_BAR_STEP && bar->step->label != NULL
                      ? bar->step->label : _tally_chart_bar_label (bar);
  gboolean total = bar->role == TALLY_CHART_BAR_START || bar->role == TALLY_CHART_BAR_END;
  g_autofree char *amount = _tally_chart_format_money (data, (double) (bar->to - bar->from), !total);

  if (!bar->measurable)
    return g_strdup_printf ("%s\n%s", label, _("Not measurable with this data"));
  return g_strdup_printf ("%s\n%s", label, amount);
}
