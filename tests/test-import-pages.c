/* test-import-pages.c: each page of the import wizard on its own
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is made, given what the wizard would give it (a file read by
 * the core from tests/fixtures/e2e), and checked for what a person sees
 * on it and for what its complete property says. The fixtures, by hand:
 *   meta-ads-march.csv       2 days of one campaign: spend 100.00 + 150.00
 *                            = 250.00, purchases worth 600.00 + 450.00 =
 *                            1,050.00.
 *   hubspot-deals-march.csv  deals of 400.00 and 250.00 from facebook and
 *                            100.00 from google: CRM revenue 650.00 from
 *                            2 new customers (America/Bogota, USD).
 *   meta-ads-rejects.csv     5 rows; line 3 spends "ten", line 5 is on
 *                            2026-02-30: 2 rejected, 3 readable.
 *   shop-orders-ambiguous.csv  amounts "1,500" and "2,250": a question.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-import-mapping-page.h"
#include "tally-import-problems-page.h"
#include "tally-import-progress-page.h"
#include "tally-import-question-page.h"
#include "tally-import-summary-page.h"
#include "tally-test-gtk.h"
#include "tally-test-project.h"
#include "tally-test-utils.h"

typedef TallyTestClient Fixture;

static char *
fixture_path (const char *name)
{
  return g_build_filename (TEST_FIXTURES, "e2e", name, NULL);
}

/* A file as the wizard holds it once it has previewed it. */
static TallyImportItem *
make_item (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  TallyImportPreview *preview = tally_import_preview (fixture->project, path, 20, &error);

  g_assert_no_error (error);
  return tally_import_item_new (path, preview);
}

static TallyImportItem *
make_fixture_item (Fixture    *fixture,
                   const char *name)
{
  g_autofree char *path = fixture_path (name);

  return make_item (fixture, path);
}

/* The item after an import that did not go in (a dry run leaves the
 * project as it was either way). */
static void
import_failing (Fixture         *fixture,
                TallyImportItem *item)
{
  TallyImportOptions options = { .dry_run = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_false (tally_import_file (fixture->project, item->path, &options, NULL, NULL, NULL, &item->result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (item->result);
}

/* Whether @widget shows on screen as far as its page goes. */
static gboolean
shown_within (GtkWidget *widget,
              GtkWidget *root)
{
  for (; widget != NULL && widget != root; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return widget == root;
}

/* The first shown descendant of @root of @type whose text is @text. */
static GtkWidget *
find_shown (GtkWidget  *root,
            GtkWidget  *widget,
            GType       type,
            const char *text)
{
  const char *own = NULL;

  if (GTK_IS_LABEL (widget))
    own = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    own = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    own = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (text == NULL || g_strcmp0 (own, text) == 0) &&
      shown_within (widget, root))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (root, child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *page,
            const char *text)
{
  return find_shown (page, page, GTK_TYPE_LABEL, text);
}

static GtkWidget *
find_button (GtkWidget  *page,
             GType       type,
             const char *label)
{
  return find_shown (page, page, type, label);
}

static guint
count_rows (GtkWidget *page)
{
  GtkWidget *list = find_shown (page, page, GTK_TYPE_LIST_BOX, NULL);
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Pages are floating widgets: one reference, dropped with the test. */
static TallyImportPage *
make_page (GtkWidget *page)
{
  return TALLY_IMPORT_PAGE (g_object_ref_sink (page));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* The mapping page --------------------------------------------------------- */

static void
test_mapping (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_mapping_page_new ());
  g_autoptr(TallyImportItem) item = make_fixture_item (fixture, "meta-ads-march.csv");
  GtkWidget *error_label;
  guint notified = 0;

  /* No file yet: nothing to import. */
  g_signal_connect (page, "notify::complete", G_CALLBACK (notify_cb), &notified);
  g_assert_false (tally_import_page_get_complete (page));

  tally_import_page_set_item (page, item);
  g_assert_true (tally_import_page_get_complete (page));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "meta-ads-march.csv"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "Recognized as a Meta Ads Manager export (83 % of its expected columns found)."));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Source"));
  /* "Holds" is only for the generic source. */
  g_assert_null (find_label (GTK_WIDGET (page), "Holds"));
  g_assert_null (tally_import_page_get_default_widget (page));

  /* A failed import says why beneath; the next file starts clean. */
  tally_import_mapping_page_set_problem (TALLY_IMPORT_MAPPING_PAGE (page), "The file was already imported.");
  error_label = find_label (GTK_WIDGET (page), "The file was already imported.");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  tally_import_page_set_item (page, item);
  g_assert_null (find_label (GTK_WIDGET (page), "The file was already imported."));

  tally_import_page_set_item (page, NULL);
  g_assert_false (tally_import_page_get_complete (page));
  g_assert_cmpuint (notified, ==, 2);
}

/* The question page ---------------------------------------------------------- */

static void
test_question (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_question_page_new ());
  g_autoptr(TallyImportItem) item = make_fixture_item (fixture, "shop-orders-ambiguous.csv");
  GtkWidget *comma;

  g_assert_false (tally_import_page_get_complete (page));
  import_failing (fixture, item);
  g_assert_cmpint (item->result->question, ==, TALLY_QUESTION_DECIMAL);

  tally_import_page_set_item (page, item);
  g_assert_true (tally_import_page_get_complete (page));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Which decimal separator does this file use?"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "The column “Amount” has numbers such as “1,500”, which read two ways."));
  g_assert_nonnull (find_button (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON,
                                 "A _point: 1,500.25 is one thousand five hundred"));
  comma = find_button (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, "A _comma: 1.500,25 is one thousand five hundred");
  g_assert_nonnull (comma);

  /* The first answer unless the person picks the other. */
  tally_import_page_commit (page);
  g_assert_cmpint (item->decimal, ==, TALLY_DECIMAL_POINT);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (comma), TRUE);
  tally_import_page_commit (page);
  g_assert_cmpint (item->decimal, ==, TALLY_DECIMAL_COMMA);
}

/* The problems page ---------------------------------------------------------- */

static void
test_problems (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_problems_page_new ());
  g_autoptr(TallyImportItem) item = make_fixture_item (fixture, "meta-ads-rejects.csv");
  GtkWidget *skip, *back;

  import_failing (fixture, item);
  g_assert_cmpuint (item->result->n_rejected, ==, 2);
  tally_import_page_set_item (page, item);

  g_assert_nonnull (find_label (GTK_WIDGET (page), "“meta-ads-rejects.csv” has 2 rows Tally cannot read"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "Nothing is imported yet. Skip the rows below to import the other 3 rows, "
                                "or go back to check what each column holds."));
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 2);
  for (guint i = 0; i < 4; i++)
    {
      const char *texts[] = { "Line 3", "Amount spent (USD)", "Line 5", "Day" };

      g_assert_nonnull (find_label (GTK_WIDGET (page), texts[i]));
    }

  /* Some rows can be read: the page goes on by leaving the others out. */
  g_assert_true (tally_import_page_get_complete (page));
  skip = find_button (GTK_WIDGET (page), GTK_TYPE_BUTTON, "S_kip 2 Rows and Import the Rest");
  back = find_button (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_Back");
  g_assert_nonnull (skip);
  g_assert_nonnull (back);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "wizard.back");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (skip)), ==, "wizard.skip-rows");
  g_assert_true (tally_import_page_get_default_widget (page) == skip);
  g_assert_false (item->skip_invalid);
  tally_import_page_commit (page);
  g_assert_true (item->skip_invalid);
}

/* A file none of whose rows can be read offers only Back. */
static void
test_problems_unreadable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_problems_page_new ());
  g_autofree char *path = g_build_filename (fixture->dir, "all-bad.csv", NULL);
  g_autoptr(TallyImportItem) item = NULL;
  GtkWidget *back;

  tally_test_write_file (path,
                         "Day,Campaign name,Campaign ID,Amount spent (USD),Impressions,Reach,Clicks (all),"
                         "Link clicks,Purchases,Purchases conversion value,Attribution setting\n"
                         "2026-03-01,Primavera,901,ten,5000,4000,200,100,3,600.00,7-day click or 1-day view\n",
                         -1);
  item = make_item (fixture, path);
  import_failing (fixture, item);
  tally_import_page_set_item (page, item);

  g_assert_nonnull (find_label (GTK_WIDGET (page), "“all-bad.csv” has 1 row Tally cannot read"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "Nothing is imported yet. None of its rows can be read: go back to check what "
                                "each column holds, or skip this file."));
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 1);
  g_assert_false (tally_import_page_get_complete (page));
  g_assert_null (find_button (GTK_WIDGET (page), GTK_TYPE_BUTTON, "S_kip 1 Row and Import the Rest"));
  back = find_button (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_Back");
  g_assert_true (tally_import_page_get_default_widget (page) == back);
}

/* The progress page ---------------------------------------------------------- */

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_progress_page_new ());
  g_autoptr(TallyImportItem) item = make_fixture_item (fixture, "meta-ads-march.csv");
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);
  GtkWidget *bar;

  tally_import_page_set_item (page, item);
  tally_import_progress_page_watch (TALLY_IMPORT_PROGRESS_PAGE (page), session);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Importing meta-ads-march.csv…"));
  bar = find_shown (GTK_WIDGET (page), GTK_WIDGET (page), GTK_TYPE_PROGRESS_BAR, NULL);
  g_assert_nonnull (bar);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0);
  /* The wizard goes on by itself when the import is done. */
  g_assert_false (tally_import_page_get_complete (page));

  tally_import_progress_page_set_label (TALLY_IMPORT_PROGRESS_PAGE (page), "Cancelling…");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Cancelling…"));
  tally_import_progress_page_saving (TALLY_IMPORT_PROGRESS_PAGE (page));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Saving…"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);
  g_assert_false (tally_import_page_get_complete (page));
}

/* The summary page ------------------------------------------------------------ */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
import_item (TallyImportSession *session,
             TallyImportItem    *item)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tally_import_session_import_async (session, item->path, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  item->imported = tally_import_session_import_finish (session, result, &item->result, &error);
  g_assert_no_error (error);
}

static void
commit_session (TallyImportSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tally_import_session_commit_async (session, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tally_import_session_commit_finish (session, result, &error));
  g_assert_no_error (error);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TallyImportPage) page = make_page (tally_import_summary_page_new ());
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_import_item_unref);
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  const char *totals[][3] = {
    { "Spend", "0.00", "250.00" },
    { "Meta purchase value", "0.00", "1,050.00" },
    { "CRM revenue", "0.00", "650.00" },
    { "New customers", "0", "2" },
  };

  g_ptr_array_add (items, make_fixture_item (fixture, "meta-ads-march.csv"));
  g_ptr_array_add (items, make_fixture_item (fixture, "hubspot-deals-march.csv"));
  g_ptr_array_add (items, make_fixture_item (fixture, "shop-orders-ambiguous.csv"));
  g_ptr_array_add (unreadable, g_strdup ("notes.txt is not an export Tally can read."));
  import_item (session, g_ptr_array_index (items, 0));
  import_item (session, g_ptr_array_index (items, 1));
  commit_session (session);

  g_assert_false (tally_import_page_get_complete (page));
  tally_import_summary_page_show (TALLY_IMPORT_SUMMARY_PAGE (page), items, unreadable, session);
  g_assert_true (tally_import_page_get_complete (page));

  g_assert_nonnull (find_label (GTK_WIDGET (page), "2 files imported"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "meta-ads-march.csv — Meta Ads Manager export: 2 rows added, 0 replaced, 0 skipped"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "hubspot-deals-march.csv — HubSpot deals export: 3 rows added, 0 replaced, 0 skipped"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "shop-orders-ambiguous.csv — not imported"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "notes.txt is not an export Tally can read."));
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 4);

  /* How the totals moved, each row in the grid as name, before, after. */
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      GtkWidget *grid = find_shown (GTK_WIDGET (page), GTK_WIDGET (page), GTK_TYPE_GRID, NULL);

      for (guint column = 0; column < 3; column++)
        {
          GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), column == 0 ? 0 : column == 1 ? 1 : 3, i);

          g_assert_nonnull (cell);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, totals[i][column]);
        }
    }

  /* Shown again, the page lists the files once. */
  tally_import_summary_page_show (TALLY_IMPORT_SUMMARY_PAGE (page), items, NULL, session);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  if (!tally_test_init_gtk (&argc, &argv))
    return g_test_run ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, tally_test_client_setup, func, tally_test_client_teardown)
  ADD ("/tally/import-pages/mapping", test_mapping);
  ADD ("/tally/import-pages/question", test_question);
  ADD ("/tally/import-pages/problems", test_problems);
  ADD ("/tally/import-pages/problems-unreadable", test_problems_unreadable);
  ADD ("/tally/import-pages/progress", test_progress);
  ADD ("/tally/import-pages/summary", test_summary);
#undef ADD
  return g_test_run ();
}
