/* tally-charts-page.c: the Charts page: the CAC and ROAS gaps, drawn
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The four charts of the report's range, from the window's report session:
 * ROAS over time, CAC by campaign, the gap bridge and match quality. Their
 * data is made on this thread from the session's engine whenever the model
 * has a new report, which takes tens of milliseconds for a large client.
 * Clicking a campaign's bars narrows the other charts to that campaign.
 */
#define G_LOG_DOMAIN "tally-charts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-builder.h"
#include "tally-charts-page.h"
#include "tally-widget-util.h"

#define N_CHARTS 4

struct _TallyChartsPage
{
  GtkWidget         parent_instance;

  TallyReportModel *model;
  TallyChartData   *data;
  char             *campaign;       /* the campaign the charts are narrowed to */
  char             *campaign_name;
  TallyChartView   *views[N_CHARTS];

  GtkRevealer      *filter_revealer;
  GtkLabel         *filter_label;
  GtkStack         *content_stack;
  GtkGrid          *grid;
};

G_DEFINE_FINAL_TYPE (TallyChartsPage, tally_charts_page, GTK_TYPE_WIDGET)

/* The charts, in the page's order. */
static const TallyChartKind kinds[N_CHARTS] = {
  TALLY_CHART_ROAS_OVER_TIME, TALLY_CHART_CAC_BY_CAMPAIGN, TALLY_CHART_GAP_BRIDGE, TALLY_CHART_MATCH_QUALITY,
};

static void
show_data (TallyChartsPage *self)
{
  for (guint i = 0; i < N_CHARTS; i++)
    tally_chart_view_set_data (self->views[i], self->data);
}

static void
rebuild (TallyChartsPage *self)
{
  TallyReportSession *session = self->model != NULL ? tally_report_model_get_session (self->model) : NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_CAMPAIGN, TALLY_DAY_UNSET };
  g_autoptr(TallyReport) by_campaign = NULL;
  g_autoptr(TallyReport) by_period = NULL;
  TallyReport *periods;

  /* The views borrow the data: they let go first. */
  for (guint i = 0; i < N_CHARTS; i++)
    tally_chart_view_set_data (self->views[i], NULL);
  g_clear_pointer (&self->data, tally_chart_data_free);

  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  tally_report_model_get_range (self->model, &options.from, &options.to);
  by_campaign = tally_report_session_extra_report (session, &options);

  /* Over time: the report's own periods, or months when it is by campaign;
   * one campaign's when the charts are narrowed to it. */
  options.group = tally_report_model_get_group (self->model);
  if (options.group == TALLY_GROUP_CAMPAIGN)
    options.group = TALLY_GROUP_MONTH;
  options.campaign = self->campaign;
  if (self->campaign != NULL || tally_report_model_get_group (self->model) == TALLY_GROUP_CAMPAIGN)
    periods = by_period = tally_report_session_extra_report (session, &options);
  else
    periods = tally_report_session_get_report (session);

  self->data = tally_chart_data_new_from_report (periods, by_campaign);
  show_data (self);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    tally_report_session_has_data (session) ? "charts" : "empty");
}

static void
set_campaign (TallyChartsPage *self,
              const char      *key,
              const char      *name)
{
  g_free (self->campaign);
  g_free (self->campaign_name);
  self->campaign = g_strdup (key);
  self->campaign_name = g_strdup (name);

  if (key != NULL)
    {
      /* Translators: above the charts narrowed to one campaign */
      g_autofree char *text = g_strdup_printf (_("Over time and in the bridge: the campaign “%s” alone (match quality belongs to no campaign)."),
                                               name);

      gtk_label_set_label (self->filter_label, text);
    }
  gtk_revealer_set_reveal_child (self->filter_revealer, key != NULL);
  rebuild (self);
}

static void
campaign_activated_cb (TallyChartsPage *self,
                       guint            index)
{
  const TallyChartCampaign *campaign;
  const char *key;

  if (self->data == NULL || index >= self->data->n_campaigns)
    return;

  /* A campaign's key is its id, else its name, as the engine's is. */
  campaign = &self->data->campaigns[index];
  key = campaign->id != NULL ? campaign->id : campaign->name;
  if (g_strcmp0 (key, self->campaign) == 0)
    set_campaign (self, NULL, NULL);
  else
    set_campaign (self, key, campaign->name);
}

static void
show_all_clicked_cb (TallyChartsPage *self)
{
  set_campaign (self, NULL, NULL);
}

void
tally_charts_page_set_model (TallyChartsPage  *self,
                             TallyReportModel *model)
{
  g_return_if_fail (TALLY_IS_CHARTS_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  set_campaign (self, NULL, NULL);
}

TallyChartView *
tally_charts_page_get_view (TallyChartsPage *self,
                            TallyChartKind   kind)
{
  g_return_val_if_fail (TALLY_IS_CHARTS_PAGE (self), NULL);

  for (guint i = 0; i < N_CHARTS; i++)
    if (kinds[i] == kind)
      return self->views[i];
  return NULL;
}

/* Returns: (nullable): what the charts show now */
const TallyChartData *
tally_charts_page_get_data (TallyChartsPage *self)
{
  g_return_val_if_fail (TALLY_IS_CHARTS_PAGE (self), NULL);

  return self->data;
}

/* Returns: (nullable): the key of the campaign the charts are narrowed to */
const char *
tally_charts_page_get_campaign (TallyChartsPage *self)
{
  g_return_val_if_fail (TALLY_IS_CHARTS_PAGE (self), NULL);

  return self->campaign;
}

static void
tally_charts_page_dispose (GObject *object)
{
  TallyChartsPage *self = TALLY_CHARTS_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  for (guint i = 0; i < N_CHARTS; i++)
    if (self->views[i] != NULL)
      tally_chart_view_set_data (self->views[i], NULL);
  g_clear_pointer (&self->data, tally_chart_data_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_CHARTS_PAGE);
  _tally_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (tally_charts_page_parent_class)->dispose (object);
}

static void
tally_charts_page_finalize (GObject *object)
{
  TallyChartsPage *self = TALLY_CHARTS_PAGE (object);

  g_free (self->campaign);
  g_free (self->campaign_name);
  G_OBJECT_CLASS (tally_charts_page_parent_class)->finalize (object);
}

static void
tally_charts_page_class_init (TallyChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_charts_page_dispose;
  object_class->finalize = tally_charts_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyChartsPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, TallyChartsPage, filter_label);
  gtk_widget_class_bind_template_child (widget_class, TallyChartsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyChartsPage, grid);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
}

static void
tally_charts_page_init (TallyChartsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_CHARTS; i++)
    {
      GtkWidget *view = tally_chart_view_new (kinds[i]);

      gtk_widget_set_hexpand (view, TRUE);
      gtk_widget_set_vexpand (view, TRUE);
      gtk_widget_add_css_class (view, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tally_chart_get_title (kinds[i]), -1);
      /* One under the other, each as wide as the window: long campaign
       * names and a year of days need the room. */
      gtk_widget_set_size_request (view, -1, 420);
      gtk_grid_attach (self->grid, view, 0, (int) i, 1, 1);
      self->views[i] = TALLY_CHART_VIEW (view);
      if (kinds[i] == TALLY_CHART_CAC_BY_CAMPAIGN)
        g_signal_connect_swapped (view, "campaign-activated", G_CALLBACK (campaign_activated_cb), self);
    }
}
