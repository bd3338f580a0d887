/* tally-import-page.c: one step of the import wizard
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page shows one step for one file. It says with its complete property
 * whether the wizard may go on from it, and writes what the person chose
 * into the file's item when the wizard commits it. The wizard keeps the
 * stack, the header bar and the way from one page to the next.
 */
#define G_LOG_DOMAIN "tally-import-page"

#include "config.h"

#include "tally-import-page.h"

typedef struct
{
  TallyImportItem *item;
  gboolean         complete;
} TallyImportPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TallyImportPage, tally_import_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_COMPLETE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/**
 * tally_import_page_get_complete:
 * @self: a page
 *
 * Returns: whether the page has what it needs to go on
 */
gboolean
tally_import_page_get_complete (TallyImportPage *self)
{
  TallyImportPagePrivate *priv = tally_import_page_get_instance_private (self);

  g_return_val_if_fail (TALLY_IS_IMPORT_PAGE (self), FALSE);

  return priv->complete;
}

/* For the pages themselves: the wizard listens to notify::complete. */
void
tally_import_page_set_complete (TallyImportPage *self,
                                gboolean         complete)
{
  TallyImportPagePrivate *priv = tally_import_page_get_instance_private (self);

  g_return_if_fail (TALLY_IS_IMPORT_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/**
 * tally_import_page_get_item:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the file the page is about
 */
TallyImportItem *
tally_import_page_get_item (TallyImportPage *self)
{
  TallyImportPagePrivate *priv = tally_import_page_get_instance_private (self);

  g_return_val_if_fail (TALLY_IS_IMPORT_PAGE (self), NULL);

  return priv->item;
}

/**
 * tally_import_page_set_item:
 * @self: a page
 * @item: (nullable): the file to show
 *
 * Shows @item, afresh even when it is the one already shown: the wizard
 * comes back to a page after the item changed.
 */
void
tally_import_page_set_item (TallyImportPage *self,
                            TallyImportItem *item)
{
  TallyImportPagePrivate *priv = tally_import_page_get_instance_private (self);
  TallyImportPageClass *klass;

  g_return_if_fail (TALLY_IS_IMPORT_PAGE (self));

  if (item != priv->item)
    {
      g_clear_pointer (&priv->item, tally_import_item_unref);
      priv->item = item != NULL ? tally_import_item_ref (item) : NULL;
    }

  klass = TALLY_IMPORT_PAGE_GET_CLASS (self);
  if (klass->item_changed != NULL)
    klass->item_changed (self);
}

/* Writes the person's choices into the item, before the wizard goes on. */
void
tally_import_page_commit (TallyImportPage *self)
{
  TallyImportPageClass *klass;

  g_return_if_fail (TALLY_IS_IMPORT_PAGE (self));

  klass = TALLY_IMPORT_PAGE_GET_CLASS (self);
  if (klass->commit != NULL)
    klass->commit (self);
}

/**
 * tally_import_page_get_default_widget:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the page's own default button, or
 *   %NULL for the wizard's Next
 */
GtkWidget *
tally_import_page_get_default_widget (TallyImportPage *self)
{
  TallyImportPageClass *klass;

  g_return_val_if_fail (TALLY_IS_IMPORT_PAGE (self), NULL);

  klass = TALLY_IMPORT_PAGE_GET_CLASS (self);
  return klass->get_default_widget != NULL ? klass->get_default_widget (self) : NULL;
}

static void
tally_import_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TallyImportPage *self = TALLY_IMPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, tally_import_page_get_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_import_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TallyImportPage *self = TALLY_IMPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      tally_import_page_set_complete (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_import_page_dispose (GObject *object)
{
  TallyImportPage *self = TALLY_IMPORT_PAGE (object);
  TallyImportPagePrivate *priv = tally_import_page_get_instance_private (self);
  GtkWidget *child;

  /* The pages' templates are disposed by each page; what is left of the
   * children goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&priv->item, tally_import_item_unref);

  G_OBJECT_CLASS (tally_import_page_parent_class)->dispose (object);
}

static void
tally_import_page_class_init (TallyImportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_import_page_dispose;
  object_class->get_property = tally_import_page_get_property;
  object_class->set_property = tally_import_page_set_property;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page lays its children out as its template says (a box layout, as a
   * rule); one child alone fills it. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tally_import_page_init (TallyImportPage *self)
{
}
