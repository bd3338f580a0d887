/* tally-chart-view.c: one chart on screen, with its values under the pointer
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget draws with the same renderer as the PDF and the tests, in the
 * light or dark palette the theme calls for. Under the pointer, the
 * renderer's hit test says what is there and its exact values become the
 * tooltip; a click on a campaign's bars emits "campaign-activated".
 *
 * The keyboard does the same: with the chart focused, Left and Right (Home,
 * End) step through its periods, campaigns or bars, the selected one is
 * marked with its values beside it, and Enter or Space on a campaign
 * emits "campaign-activated". What the pointer or the keyboard points at
 * is also the chart's accessible description, for screen readers.
 */
#define G_LOG_DOMAIN "tally-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-view.h"

struct _TallyChartView
{
  GtkWidget             parent_instance;

  TallyChartKind        kind;
  const TallyChartData *data;      /* borrowed from the Charts page */
  char                 *tooltip;   /* of the last hover */
  char                 *described; /* the accessible description, as last set */
  int                   selected;  /* the keyboard's slot, or -1 */
  TallyChartHit         selection; /* its values and column */
};

G_DEFINE_FINAL_TYPE (TallyChartView, tally_chart_view, GTK_TYPE_WIDGET)

enum { CAMPAIGN_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The dark palette when the theme writes light on dark. */
const TallyChartStyle *
tally_chart_view_get_style (TallyChartView *self)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5 ? tally_chart_style_dark ()
                                                                                 : tally_chart_style_light ();
}

/* The keyboard's slot: its column tinted, and its values in a box like a
 * tooltip's at the top of it, kept inside the chart. */
static void
snapshot_selection (TallyChartView *self,
                    GtkSnapshot    *snapshot,
                    double          width)
{
  const TallyChartRect *area = &self->selection.area;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->selection.tooltip);
  const GdkRGBA box = { 0.12, 0.12, 0.12, 0.92 };
  const GdkRGBA text = { 1, 1, 1, 1 };
  GdkRGBA tint;
  int text_width, text_height;
  double x, y, padding = 6;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &tint);
  G_GNUC_END_IGNORE_DEPRECATIONS
  tint.alpha = 0.10;
  gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (area->x, area->y, area->width, area->height));

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  x = CLAMP (area->x + area->width / 2 - text_width / 2.0 - padding, 2, MAX (2, width - text_width - 2 * padding - 2));
  y = area->y + 4;
  gtk_snapshot_append_color (snapshot, &box,
                             &GRAPHENE_RECT_INIT (x, y, text_width + 2 * padding, text_height + 2 * padding));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + padding, y + padding));
  gtk_snapshot_append_layout (snapshot, layout, &text);
  gtk_snapshot_restore (snapshot);
}

static void
tally_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->data == NULL || width < 1 || height < 1)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tally_chart_render (self->kind, cr, width, height, self->data, tally_chart_view_get_style (self));
  cairo_destroy (cr);

  if (self->selected >= 0 && self->selection.tooltip != NULL && gtk_widget_has_focus (widget))
    snapshot_selection (self, snapshot, width);
}

/* Tells screen readers what is pointed at, when it changes. */
static void
describe (TallyChartView *self,
          const char     *text)
{
  if (g_strcmp0 (text, self->described) == 0)
    return;

  g_free (self->described);
  self->described = g_strdup (text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Selects slot @index (clamped to the chart's), or nothing with -1.
 * Without data the index waits for the next data, which the Charts page
 * sets right after taking the old away. */
static void
select_slot (TallyChartView *self,
             int             index)
{
  int n_slots = self->data != NULL ? (int) tally_chart_n_slots (self->kind, self->data) : 0;

  tally_chart_hit_clear (&self->selection);
  if (self->data == NULL)
    {
      self->selected = index;
      describe (self, NULL);
      return;
    }

  self->selected = n_slots > 0 && index >= 0 ? MIN (index, n_slots - 1) : -1;
  if (self->selected >= 0 &&
      tally_chart_slot_hit (self->kind, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), self->data,
                            tally_chart_view_get_style (self), (guint) self->selected, &self->selection))
    describe (self, self->selection.tooltip);
  else
    describe (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tally_chart_view_get_selected:
 * @self: a chart view
 *
 * Returns: the period, campaign or bar the keyboard selected, or -1
 */
int
tally_chart_view_get_selected (TallyChartView *self)
{
  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), -1);

  return self->selected;
}

/**
 * tally_chart_view_hover:
 * @self: a chart view
 * @x: where the pointer is
 * @y: where the pointer is
 *
 * What the pointer's motion does: finds what is under (@x, @y).
 *
 * Returns: (nullable): the tooltip with its exact values, or %NULL
 */
const char *
tally_chart_view_hover (TallyChartView *self,
                        double          x,
                        double          y)
{
  g_auto(TallyChartHit) hit = { 0 };

  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), NULL);

  g_clear_pointer (&self->tooltip, g_free);
  if (self->data != NULL &&
      tally_chart_hit_test (self->kind, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), self->data,
                            tally_chart_view_get_style (self), x, y, &hit))
    self->tooltip = g_steal_pointer (&hit.tooltip);

  return self->tooltip;
}

/**
 * tally_chart_view_click:
 * @self: a chart view
 * @x: where the click is
 * @y: where the click is
 *
 * What a click does: gives the chart the keyboard, selects what is under
 * (@x, @y), and on a campaign of the CAC chart emits "campaign-activated"
 * with its index.
 *
 * Returns: whether a campaign was clicked
 */
gboolean
tally_chart_view_click (TallyChartView *self,
                        double          x,
                        double          y)
{
  g_auto(TallyChartHit) hit = { 0 };

  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), FALSE);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->data == NULL ||
      !tally_chart_hit_test (self->kind, gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)), self->data,
                             tally_chart_view_get_style (self), x, y, &hit))
    return FALSE;

  select_slot (self, hit.index);
  if (hit.kind != TALLY_CHART_HIT_CAMPAIGN)
    return FALSE;

  g_signal_emit (self, signals[CAMPAIGN_ACTIVATED], 0, (guint) hit.index);
  return TRUE;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);
  const char *text = tally_chart_view_hover (self, x, y);

  if (text == NULL)
    return FALSE;

  /* Campaign names may hold "<" or "&": plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);

  /* The tooltip lives in a popup screen readers do not see: the values
   * under the pointer become the chart's description as well. */
  describe (self, text);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TallyChartView  *self)
{
  if (tally_chart_view_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TallyChartView        *self)
{
  int n_slots = self->data != NULL ? (int) tally_chart_n_slots (self->kind, self->data) : 0;

  if (n_slots == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      select_slot (self, self->selected < 0 ? n_slots - 1 : MAX (self->selected - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      select_slot (self, self->selected < 0 ? 0 : self->selected + 1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      select_slot (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      select_slot (self, n_slots - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->kind != TALLY_CHART_CAC_BY_CAMPAIGN || self->selected < 0)
        return FALSE;
      g_signal_emit (self, signals[CAMPAIGN_ACTIVATED], 0, (guint) self->selected);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_changed_cb (TallyChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tally_chart_view_set_data:
 * @self: a chart view
 * @data: (nullable): the chart data; the view keeps a pointer, and the
 *   caller keeps it alive until it sets other data
 */
void
tally_chart_view_set_data (TallyChartView       *self,
                           const TallyChartData *data)
{
  g_return_if_fail (TALLY_IS_CHART_VIEW (self));

  self->data = data;
  g_clear_pointer (&self->tooltip, g_free);
  /* Values read out for the old data would be wrong for the new: the
   * keyboard's selection stays where it was, with the new values. */
  describe (self, NULL);
  select_slot (self, self->selected);
}

static void
tally_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Room for the title, the legend, the axes and a readable plot. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 300;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 380;
}

static void
tally_chart_view_finalize (GObject *object)
{
  g_free (TALLY_CHART_VIEW (object)->tooltip);
  g_free (TALLY_CHART_VIEW (object)->described);
  tally_chart_hit_clear (&TALLY_CHART_VIEW (object)->selection);
  G_OBJECT_CLASS (tally_chart_view_parent_class)->finalize (object);
}

static void
tally_chart_view_class_init (TallyChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tally_chart_view_finalize;
  widget_class->snapshot = tally_chart_view_snapshot;
  widget_class->measure = tally_chart_view_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /**
   * TallyChartView::campaign-activated:
   * @index: the campaign's index in the chart data
   */
  signals[CAMPAIGN_ACTIVATED] =
    g_signal_new ("campaign-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
tally_chart_view_init (TallyChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
tally_chart_view_new (TallyChartKind kind)
{
  TallyChartView *self = g_object_new (TALLY_TYPE_CHART_VIEW, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}
