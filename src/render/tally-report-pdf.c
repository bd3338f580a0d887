/* tally-report-pdf.c: the report that teams share, as a PDF
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same document from the app's Export and from `tally-cli pdf`: a first
 * page with the client, the period and every rule the numbers follow (scope,
 * attribution window, timezones, currency, exchange rates, revenue basis,
 * refunds, what is frozen) and the totals side by side; the numbers by
 * period; the four charts; the mismatch map; and the KPI dictionary as an
 * appendix. A4, or Letter where the locale's paper is Letter. It is written
 * beside its destination and moved there only when complete.
 */
#define G_LOG_DOMAIN "tally-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "tally-chart-builder.h"
#include "tally-pdf-doc.h"
#include "tally-report-pdf.h"

typedef struct
{
  TallyReportSession *session;
  TallyReport        *report;
  TallyReport        *by_campaign;
  TallyChartData     *charts;
  GPtrArray          *kpis;
  char               *client;
  char               *status;       /* published, or a draft */
  guint               decimals;
} Content;

/* Paper ----------------------------------------------------------------------- */

/* The locale's paper: Letter where it is 216 mm wide, else A4. glibc
 * hands the width out as a number in the pointer's place, as GTK reads it. */
static void
paper_size (double *width,
            double *height)
{
#if HAVE_NL_PAPER_WIDTH
  union { char *string; unsigned int number; } paper_width;

  paper_width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (paper_width.number == 216)
    {
      *width = 612;
      *height = 792;
      return;
    }
#endif
  *width = 595.276;
  *height = 841.89;
}

/* Numbers ----------------------------------------------------------------------- */

static char *
money (Content *content,
       double   minor)
{
  return tally_format_amount (minor, content->decimals, TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS);
}

static char *
metric (Content              *content,
        const TallyReportRow *row,
        const char           *key)
{
  double value = g_str_equal (key, "revenue") ? tally_cell_revenue (&row->sum, content->report->engine->rules)
                                              : tally_report_metric (content->report, row, key);

  if (g_str_has_suffix (key, "_roas") || g_str_equal (key, "roas_gap"))
    return tally_format_ratio (value, 2);
  if (g_str_has_suffix (key, "_share"))
    return tally_format_share (value);
  if (g_str_equal (key, "meta_purchases") || g_str_equal (key, "new_customers") || g_str_equal (key, "meta_leads") ||
      g_str_equal (key, "crm_leads"))
    return tally_format_amount (value, 0, TALLY_FORMAT_GROUPED);
  return money (content, value);
}

static GStrv
row_of (const char *first,
        ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  return g_strv_builder_end (builder);
}

/* Takes the strings, each freed after it is copied in. */
static GStrv
row_take (guint n,
          ...)
{
  GStrv row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  return row;
}

/* The first page ------------------------------------------------------------------ */

static char *
setting_label (Content    *content,
               const char *key)
{
  g_autofree char *value = tally_project_get_effective_setting (tally_report_session_get_project (content->session), key);
  const TallySettingSpec *spec = tally_settings_lookup (key);
  const char *label = spec != NULL && value != NULL ? tally_settings_get_choice_label (spec, value) : NULL;

  return g_strdup (label != NULL ? label : value != NULL ? value : "—");
}

static void
write_rules (TallyPdfDoc *doc,
             Content     *content)
{
  static const double widths[] = { 0.36, 0.64 };
  TallyReport *report = content->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  static const struct { const char *key; const char *title; } rules[] = {
    { "scope", N_("Headline view") },
    { "attribution_window", N_("Attribution window") },
    { "timezone", N_("Reporting timezone") },
    { "meta_account_timezone", N_("Ad account timezone") },
    { "crm_timezone", N_("CRM timezone") },
    { "reporting_currency", N_("Reporting currency") },
    { "fx_rule", N_("Exchange rates") },
    { "revenue_basis", N_("Revenue basis") },
    { "refund_policy", N_("Refunds") },
  };
  g_autofree char *freeze = NULL;

  g_ptr_array_add (rows, row_of (_("Rule"), _("In force"), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    g_ptr_array_add (rows, row_take (2, g_strdup (_(rules[i].title)), setting_label (content, rules[i].key)));

  freeze = g_strdup_printf (_("%u of %u days frozen by a publication; the others are live and may still change with new data."),
                            report->totals.n_frozen, report->totals.n_days);
  g_ptr_array_add (rows, row_take (2, g_strdup (_("Freeze")), g_steal_pointer (&freeze)));

  _tally_pdf_doc_heading (doc, _("The rules of this report"));
  _tally_pdf_doc_table (doc, rows, widths, 2, FALSE);
}

static void
write_totals (TallyPdfDoc *doc,
              Content     *content)
{
  static const double widths[] = { 0.40, 0.30, 0.30 };
  const TallyReportRow *t = &content->report->totals;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *gap = metric (content, t, "roas_gap");
  g_autofree char *invoiced = metric (content, t, "spend_invoiced");
  g_autofree char *identifier = metric (content, t, "identifier_share");
  g_autofree char *click_id = metric (content, t, "click_id_share");
  g_autofree char *unknown = metric (content, t, "unknown_source_share");
  g_autofree char *gap_line = NULL;

  g_ptr_array_add (rows, row_of ("", _("Meta attributed"), _("CRM realized"), NULL));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("Spend")), metric (content, t, "spend"), metric (content, t, "spend")));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("Purchases / new customers")), metric (content, t, "meta_purchases"),
                                   metric (content, t, "new_customers")));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("Purchase value / revenue")), metric (content, t, "meta_purchase_value"),
                                   metric (content, t, "revenue")));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("ROAS")), metric (content, t, "meta_roas"), metric (content, t, "crm_roas")));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("CPA / CAC")), metric (content, t, "meta_cpa"), metric (content, t, "crm_cac")));
  g_ptr_array_add (rows, row_take (3, g_strdup (_("Leads")), metric (content, t, "meta_leads"), metric (content, t, "crm_leads")));

  _tally_pdf_doc_heading (doc, _("Totals, side by side"));
  _tally_pdf_doc_table (doc, rows, widths, 3, FALSE);

  /* Translators: under the totals of the PDF report */
  gap_line = g_strdup_printf (_("ROAS gap (CRM realized − Meta attributed): %s. Invoiced spend: %s. Match quality: %s of new customers with an identifier, %s with a click id, %s without any source."),
                              gap, invoiced, identifier, click_id, unknown);
  _tally_pdf_doc_text (doc, gap_line, TALLY_PDF_BODY, 0);
}

/* The numbers by period ----------------------------------------------------------- */

static void
write_periods (TallyPdfDoc *doc,
               Content     *content)
{
  static const double widths[] = { 0.16, 0.13, 0.13, 0.085, 0.13, 0.085, 0.065, 0.095, 0.12 };
  static const char * const keys[] = {
    "spend", "meta_purchase_value", "meta_roas", "revenue", "crm_roas", "roas_gap", "new_customers", "crm_cac",
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  TallyReport *report = content->report;

  g_ptr_array_add (rows, row_of (report->group == TALLY_GROUP_CAMPAIGN ? _("Campaign") : _("Period"), _("Spend"),
                                 _("Meta value"), _("Meta ROAS"), _("CRM revenue"), _("CRM ROAS"), _("Gap"),
                                 _("Customers"), _("CRM CAC"), NULL));
  for (guint i = 0; i <= report->rows->len; i++)
    {
      const TallyReportRow *row = i < report->rows->len ? g_ptr_array_index (report->rows, i) : &report->totals;
      GStrv cells = g_new0 (char *, G_N_ELEMENTS (keys) + 2);
      gboolean frozen = tally_report_row_is_frozen (row);

      /* Translators: a period of the PDF's table whose numbers are published */
      cells[0] = i == report->rows->len ? g_strdup (_("Total"))
               : frozen ? g_strdup_printf (_("%s (frozen)"), row->key) : g_strdup (row->key);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        cells[k + 1] = metric (content, row, keys[k]);
      g_ptr_array_add (rows, cells);
    }

  _tally_pdf_doc_heading (doc, _("Both views, period by period"));
  _tally_pdf_doc_table (doc, rows, widths, G_N_ELEMENTS (widths), TRUE);
}

/* The charts and the mismatch map --------------------------------------------------- */

static void
write_charts (TallyPdfDoc *doc,
              Content     *content)
{
  _tally_pdf_doc_new_page (doc);
  _tally_pdf_doc_chart (doc, TALLY_CHART_ROAS_OVER_TIME, content->charts, 340);
  _tally_pdf_doc_chart (doc, TALLY_CHART_CAC_BY_CAMPAIGN, content->charts, 340);
  _tally_pdf_doc_new_page (doc);
  _tally_pdf_doc_chart (doc, TALLY_CHART_GAP_BRIDGE, content->charts, 340);
  _tally_pdf_doc_chart (doc, TALLY_CHART_MATCH_QUALITY, content->charts, 340);
}

static void
write_mismatch_map (TallyPdfDoc *doc,
                    Content     *content)
{
  static const char * const severities[] = { N_("OK"), N_("Note"), N_("Warning"), N_("Error") };
  GPtrArray *diagnostics = tally_report_session_get_diagnostics (content->session);
  const char * const *categories = tally_diagnostic_categories ();

  _tally_pdf_doc_new_page (doc);
  _tally_pdf_doc_heading (doc, _("The mismatch map"));
  _tally_pdf_doc_text (doc, _("Each known cause of the gap between Meta and the CRM, measured over the report’s period."),
                       TALLY_PDF_BODY, 0);

  for (guint c = 0; categories[c] != NULL; c++)
    {
      _tally_pdf_doc_space (doc, 6);
      _tally_pdf_doc_text (doc, tally_diagnostic_category_title (categories[c]), TALLY_PDF_BOLD, 0);

      for (guint i = 0; i < diagnostics->len; i++)
        {
          TallyDiagnostic *d = g_ptr_array_index (diagnostics, i);
          g_autofree char *title = NULL;
          g_autofree char *values = NULL;

          if (!g_str_equal (d->category, categories[c]))
            continue;

          title = g_strdup_printf ("%s — %s", _(severities[d->severity]), tally_diagnostic_title (d->id));
          values = tally_diagnostic_describe_values (d, tally_report_get_currency (content->report),
                                                     content->decimals);
          _tally_pdf_doc_text (doc, title, TALLY_PDF_BOLD, 12);
          _tally_pdf_doc_text (doc, d->message, TALLY_PDF_BODY, 12);
          if (values[0] != '\0')
            _tally_pdf_doc_text (doc, values, TALLY_PDF_SMALL, 12);
          if (d->severity >= TALLY_SEVERITY_WARNING)
            {
              g_autofree char *advice = g_strdup_printf (_("What to do: %s"), d->action);

              _tally_pdf_doc_text (doc, advice, TALLY_PDF_BODY, 12);
            }
          _tally_pdf_doc_space (doc, 3);
        }
    }
}

static void
write_dictionary (TallyPdfDoc *doc,
                  Content     *content)
{
  _tally_pdf_doc_new_page (doc);
  _tally_pdf_doc_heading (doc, _("Appendix: the KPI dictionary"));

  for (guint i = 0; i < content->kpis->len; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (content->kpis, i);
      /* Translators: a KPI's heading in the PDF's dictionary, "CRM CAC (crm_cac, core)" */
      g_autofree char *title = g_strdup_printf (tally_kpi_get_core (kpi) ? _("%s (%s, core)") : _("%s (%s)"),
                                                tally_kpi_get_name (kpi), tally_kpi_get_id (kpi));
      g_autofree char *details = g_strdup_printf (_("Source: %s · Unit: %s · Grain: %s · Join keys: %s"),
                                                  tally_kpi_get_source (kpi), tally_kpi_get_unit (kpi),
                                                  tally_kpi_get_grain (kpi) != NULL ? tally_kpi_get_grain (kpi) : "—",
                                                  tally_kpi_get_join_keys (kpi) != NULL ? tally_kpi_get_join_keys (kpi) : "—");

      _tally_pdf_doc_space (doc, 4);
      _tally_pdf_doc_text (doc, title, TALLY_PDF_BOLD, 0);
      _tally_pdf_doc_text (doc, tally_kpi_get_formula (kpi), TALLY_PDF_MONO, 12);
      _tally_pdf_doc_text (doc, tally_kpi_get_definition (kpi), TALLY_PDF_BODY, 12);
      _tally_pdf_doc_text (doc, details, TALLY_PDF_SMALL, 12);
    }
}

/* The document -------------------------------------------------------------------- */

static guint
write_document (cairo_surface_t *surface,
                double           width,
                double           height,
                guint            n_pages,
                Content         *content)
{
  TallyReport *report = content->report;
  char from[11], to[11];
  g_autofree char *footer = NULL;
  g_autofree char *subtitle = NULL;
  TallyPdfDoc *doc;

  tally_day_format (report->from, from);
  tally_day_format (report->to, to);
  /* Translators: the footer of the PDF, "Casa Jacaranda · 2026-08-01 to 2026-10-31" */
  footer = g_strdup_printf (_("%s · %s to %s"), content->client, from, to);
  doc = _tally_pdf_doc_new (surface, width, height, n_pages, footer);

  _tally_pdf_doc_text (doc, content->client, TALLY_PDF_TITLE, 0);
  /* Translators: the subtitle of the PDF report */
  subtitle = g_strdup_printf (_("Meta attributed and CRM realized, from %s to %s"), from, to);
  _tally_pdf_doc_text (doc, subtitle, TALLY_PDF_HEADING, 0);
  _tally_pdf_doc_text (doc, content->status, TALLY_PDF_BOLD, 0);
  _tally_pdf_doc_space (doc, 8);
  write_rules (doc, content);
  write_totals (doc, content);
  _tally_pdf_doc_new_page (doc);
  write_periods (doc, content);
  write_charts (doc, content);
  write_mismatch_map (doc, content);
  write_dictionary (doc, content);
  return _tally_pdf_doc_finish (doc);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
content_clear (Content *content)
{
  g_clear_pointer (&content->by_campaign, tally_report_free);
  g_clear_pointer (&content->charts, tally_chart_data_free);
  g_clear_pointer (&content->kpis, g_ptr_array_unref);
  g_clear_pointer (&content->client, g_free);
  g_clear_pointer (&content->status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Content, content_clear)

/**
 * tally_report_pdf_write:
 * @session: a session whose report is built
 * @publication: the publication this PDF shares, or 0 for a draft
 * @path: the PDF to write
 * @error: return location for a #TallyError
 *
 * Writes the report as a PDF, to a file beside @path that replaces it only
 * once complete. Its cover says "Published on D (publication N)", or that
 * it is a draft whose numbers may still change.
 *
 * Returns: whether the PDF was written
 */
gboolean
tally_report_pdf_write (TallyReportSession  *session,
                        gint64               publication,
                        const char          *path,
                        GError             **error)
{
  g_auto(Content) content = { 0 };
  const TallyFreezeView *view = NULL;
  TallyReportOptions campaigns;
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  cairo_surface_t *surface;
  double width, height;
  guint n_pages;
  int fd;

  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (session), FALSE);
  g_return_val_if_fail (tally_report_session_get_report (session) != NULL, FALSE);

  view = tally_report_session_get_view (session);
  content.session = session;
  content.report = tally_report_session_get_report (session);
  content.client = tally_project_get_effective_setting (tally_report_session_get_project (session), "name");
  content.decimals = tally_report_get_decimals (content.report);
  for (guint i = 0; publication > 0 && i < view->publications->len; i++)
    {
      const TallyPublication *p = g_ptr_array_index (view->publications, i);

      if (p->id == publication)
        content.status = tally_publication_describe (p);
    }
  if (content.status == NULL)
    content.status = g_strdup (_("Draft: these numbers may still change"));
  content.kpis = tally_dictionary_list (tally_report_session_get_project (session), error);
  if (content.kpis == NULL)
    return FALSE;
  tally_report_session_get_options (session, &campaigns);
  campaigns.group = TALLY_GROUP_CAMPAIGN;
  campaigns.campaign = NULL;
  content.by_campaign = tally_report_session_extra_report (session, &campaigns);
  content.charts = tally_chart_data_new_from_report (content.report, content.by_campaign);

  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* The PDF is no project: a path that cannot be written is bad input. */
      g_set_error (error, TALLY_ERROR, saved_errno == ENOENT ? TALLY_ERROR_NOT_FOUND : TALLY_ERROR_INVALID,
                   _("“%s” could not be written (%s); choose a folder you can write to."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  /* Once to count the pages, once to write them; only once the file is
   * known to be writable. */
  paper_size (&width, &height);
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, width, height);
  n_pages = write_document (surface, width, height, 0, &content);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create (tmp_path, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, content.client);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tally " PACKAGE_VERSION);
  write_document (surface, width, height, n_pages, &content);
  cairo_surface_finish (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      cairo_surface_destroy (surface);
      g_unlink (tmp_path);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be written (%s); check the space on the disk and that you can write there."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }

  cairo_surface_destroy (surface);
  return TRUE;
}

/**
 * tally_render_shutdown:
 *
 * Lets go of the fonts before a program that drew text exits, so that
 * nothing of them is left for a leak checker to report. Nothing may be
 * drawn afterwards. cairo's own caches stay: they are reachable, so no
 * leak, and cairo_debug_reset_static_data() asserts now and then, when a
 * font is still held as the program ends (seen once in about ten runs of
 * `tally-cli pdf` to a folder that does not exist).
 */
void
tally_render_shutdown (void)
{
  pango_cairo_font_map_set_default (NULL);
  FcFini ();
}
