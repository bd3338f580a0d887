/* test-headers.c: every real header spelling finds its field (SPEC 4,
 * "Header variants")
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three tables of (preset, header, field, currency):
 *
 * - real_headers: one row per header string of ../shared/FORMATS.md (the
 *   section is named above each group) and of the real exports of
 *   ../shared/samples/real/ (copied to fixtures/samples/real/), written
 *   exactly as there. The field is the one Tally must read the column as,
 *   or NULL where Tally rightly ignores it (a cost, a rate, a name Tally
 *   has no field for, or a column the preset only uses to recognize the
 *   export, such as HubSpot's "Deal Name"). A header listed in several
 *   places has one row, under the first; the others say so.
 * - variants: the same meanings in the other spellings SPEC 4 allows
 *   (case, accents, spaces, "_" "-" ".", an object prefix such as
 *   "Deal - " or "Contact: ").
 * - negatives: headers that look like a field and must not be read as it.
 *
 * Each preset's rows are put together as one header row, mapped with
 * tally_mapping_for_preset(), and every column's field is checked; each
 * row is also mapped on its own, which checks the currency taken from the
 * header ("Amount spent (MXN)" is spend in MXN). Every mismatch is listed
 * before the test fails. Then the header rows of the real sample files,
 * copied below as they are, must be detected as their preset by
 * tally_mapping_detect(), each column with the field of its table row
 * (the GA4 ones, without a Date dimension, must be refused saying so);
 * and the copies must be what the table reader reads in the fixtures.
 *
 * FORMATS.md lists no Salesforce lead report header, no GA4 header and no
 * FX CSV header: GA4 comes from the samples, FX from SPEC 4, and the
 * Salesforce leads preset is only among the variants.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tally-core.h"

typedef struct
{
  const char *preset;           /* NULL: every CRM preset */
  const char *header;
  const char *field;            /* NULL: ignored */
  const char *currency;         /* the currency the header gives, or NULL */
} HeaderRow;

#define META "meta-ads-manager"
#define HS_CONTACTS "hubspot-contacts"
#define HS_DEALS "hubspot-deals"
#define SF_LEADS "salesforce-leads"
#define SF_OPPS "salesforce-opportunities"
#define PIPEDRIVE "pipedrive-deals"
#define GA4 "ga4-sessions"
#define FX "fx-rates-csv"

static const char * const crm_presets[] = { HS_CONTACTS, HS_DEALS, SF_LEADS, SF_OPPS, PIPEDRIVE, NULL };

static const HeaderRow real_headers[] = {
  /* FORMATS.md 1.1: the real 8URT ad-set export (tests/fixtures/samples/meta-8urt/). */
  { META, "Reporting starts", "date_start" },
  { META, "Reporting ends", "date_end" },
  { META, "Ad Set Name", "adset_name" },
  { META, "Age", "age" },
  { META, "Gender", "gender" },
  { META, "Impressions", "impressions" },
  { META, "Reach", "reach" },
  { META, "Clicks (all)", "all_clicks" },
  { META, "ThruPlays", NULL },
  { META, "Post engagements", NULL },

  /* FORMATS.md 1.2: English headers, sentence case. */
  { META, "Day", "day" },
  { META, "Account name", "account_name" },
  { META, "Account ID", "account_id" },
  { META, "Campaign name", "campaign_name" },
  { META, "Campaign ID", "campaign_id" },
  { META, "Ad set name", "adset_name" },
  { META, "Ad set ID", "adset_id" },
  { META, "Ad name", "ad_name" },
  { META, "Ad ID", "ad_id" },
  { META, "Campaign delivery", NULL },
  { META, "Ad set delivery", NULL },
  { META, "Ad delivery", NULL },
  { META, "Delivery status", NULL },
  { META, "Delivery level", NULL },
  { META, "Results", "results" },
  { META, "Result indicator", "result_indicator" },
  { META, "Result type", NULL },      /* a label such as "Website Purchase", not an actions:… indicator */
  { META, "Cost per results", NULL },
  { META, "Cost per result", NULL },
  { META, "Cost per result (USD)", NULL },
  { META, "Results (initial)", NULL },
  { META, "Results (initial) indicator", NULL },
  /* "Amount spent (USD)" and the suffixes FORMATS.md lists for it. */
  { META, "Amount spent (USD)", "spend", "USD" },
  { META, "Amount spent (EUR)", "spend", "EUR" },
  { META, "Amount spent (INR)", "spend", "INR" },
  { META, "Amount spent (BRL)", "spend", "BRL" },
  { META, "Amount spent (IDR)", "spend", "IDR" },
  { META, "Amount spent (CAD)", "spend", "CAD" },
  { META, "Amount spent (AUD)", "spend", "AUD" },
  { META, "Amount spent (SGD)", "spend", "SGD" },
  { META, "Amount spent (EGP)", "spend", "EGP" },
  { META, "Amount spent (MYR)", "spend", "MYR" },
  { META, "Amount spent (JPY)", "spend", "JPY" },
  { META, "Amount spent (HKD)", "spend", "HKD" },
  { META, "Currency", "currency" },
  { META, "Frequency", "frequency" },
  { META, "CPM (cost per 1,000 impressions) (USD)", NULL },
  { META, "Link clicks", "link_clicks" },
  { META, "CPC (cost per link click) (USD)", NULL },
  { META, "CTR (link click-through rate)", NULL },
  { META, "CTR (all)", NULL },
  { META, "CPC (all) (USD)", NULL },
  { META, "Landing page views", "landing_page_views" },
  { META, "Cost per landing page view (USD)", NULL },
  { META, "Purchases", "purchases" },
  { META, "Purchases conversion value", "purchase_value" },
  { META, "Purchase ROAS (return on ad spend)", NULL },
  { META, "Cost per Purchase (USD)", NULL },
  { META, "Website purchases conversion value", "purchase_value" },
  { META, "Leads", "leads" },
  { META, "Cost per lead (USD)", NULL },
  { META, "Adds to cart", NULL },
  { META, "Checkouts initiated", NULL },
  { META, "Content views", NULL },
  { META, "Attribution setting", "attribution_setting" },
  { META, "Ad set budget", NULL },
  { META, "Ad set budget type", NULL },
  { META, "Bid", NULL },
  { META, "Bid type", NULL },
  { META, "Starts", NULL },
  { META, "Ends", NULL },
  { META, "Last significant edit", NULL },
  { META, "Quality ranking", NULL },
  { META, "Engagement rate ranking", NULL },
  { META, "Conversion rate ranking", NULL },

  /* FORMATS.md 1.3: older Title Case headers ("Ad Set Name" is in 1.1). */
  { META, "Reporting Starts", "date_start" },
  { META, "Reporting Ends", "date_end" },
  { META, "Campaign Name", "campaign_name" },
  { META, "Ad Name", "ad_name" },
  { META, "Amount Spent (EUR)", "spend", "EUR" },
  { META, "Clicks (All)", "all_clicks" },
  { META, "CPC (All) (EUR)", NULL },
  { META, "CTR (All)", NULL },
  { META, "CPM (Cost per 1,000 Impressions) (EUR)", NULL },
  { META, "Link Clicks", "link_clicks" },
  { META, "Post Shares", NULL },
  { META, "Post Comments", NULL },
  { META, "Page Likes", NULL },
  { META, "Post Engagement", NULL },
  { META, "Relevance Score", NULL },

  /* FORMATS.md 1.5: Spanish (LatAm). */
  { META, "Inicio del informe", "date_start" },
  { META, "Fin del informe", "date_end" },
  { META, "Día", "day" },
  { META, "Nombre de la cuenta", "account_name" },
  { META, "Nombre de la campaña", "campaign_name" },
  { META, "Nombre del conjunto de anuncios", "adset_name" },
  { META, "Nombre del anuncio", "ad_name" },
  { META, "Entrega del conjunto de anuncios", NULL },
  { META, "Entrega del anuncio", NULL },
  { META, "Importe gastado (USD)", "spend", "USD" },   /* and the suffixes listed with it */
  { META, "Importe gastado (COP)", "spend", "COP" },
  { META, "Importe gastado (MXN)", "spend", "MXN" },
  { META, "Importe gastado (ARS)", "spend", "ARS" },
  { META, "Importe gastado (PYG)", "spend", "PYG" },
  { META, "Resultados", "results" },
  { META, "Indicador de resultado", "result_indicator" },
  { META, "Costo por resultados", NULL },
  { META, "Valor de resultados", NULL },     /* the value of whatever the results are, not purchases */
  { META, "ROAS de resultados", NULL },
  { META, "Indicador de ROAS de resultado", NULL },
  { META, "Impresiones", "impressions" },
  { META, "Alcance", "reach" },
  { META, "Frecuencia", "frequency" },
  { META, "Clics (todos)", "all_clicks" },
  { META, "CTR (todos)", NULL },
  { META, "CPC (todos)", NULL },
  { META, "Clics en el enlace", "link_clicks" },
  { META, "Compras", "purchases" },
  { META, "Valor de conversión de compras", "purchase_value" },
  { META, "Clientes potenciales", "leads" },
  { META, "Costo por cliente potencial", NULL },
  { META, "Divisa", "currency" },
  { META, "Configuración de atribución", "attribution_setting" },
  { META, "Artículos agregados al carrito", NULL },
  { META, "Información de pago agregada", NULL },
  { META, "Presupuesto de la campaña", NULL },
  { META, "Tipo de presupuesto de la campaña", NULL },
  { META, "Presupuesto del conjunto de anuncios", NULL },
  { META, "Tipo de presupuesto del conjunto de anuncios", NULL },
  { META, "Puja", NULL },
  { META, "Tipo de puja", NULL },
  { META, "Último cambio significativo", NULL },
  { META, "Finalización", NULL },
  { META, "Inicio", NULL },                  /* the ad set's start, not the report's */

  /* FORMATS.md 1.6: Portuguese (pt-BR); "Resultados", "Alcance", "CTR (todos)"
   * and "Compras" are as in 1.5. */
  { META, "Início dos relatórios", "date_start" },
  { META, "Encerramento dos relatórios", "date_end" },
  { META, "Término dos relatórios", "date_end" },
  { META, "Dia", "day" },
  { META, "Nome da conta", "account_name" },
  { META, "Nome da campanha", "campaign_name" },
  { META, "Nome do conjunto de anúncios", "adset_name" },
  { META, "Nome do anúncio", "ad_name" },
  { META, "Identificação da conta", "account_id" },
  { META, "Identificação da campanha", "campaign_id" },
  { META, "Identificação do conjunto de anúncios", "adset_id" },
  { META, "Identificação do anúncio", "ad_id" },
  { META, "Veiculação da campanha", NULL },
  { META, "Veiculação do anúncio", NULL },
  { META, "Status de veiculação", NULL },
  { META, "Valor usado (BRL)", "spend", "BRL" },
  { META, "Valor gasto (BRL)", "spend", "BRL" },
  { META, "Moeda", "currency" },
  { META, "Tipo de resultado", NULL },
  { META, "Indicador de resultados", "result_indicator" },
  { META, "Custo por resultado", NULL },
  { META, "Custo por resultados", NULL },
  { META, "Impressões", "impressions" },
  { META, "Frequência", "frequency" },
  { META, "Cliques no link", "link_clicks" },
  { META, "CPC (custo por clique no link)", NULL },
  { META, "CTR (taxa de cliques no link)", NULL },
  { META, "Cliques (todos)", "all_clicks" },
  { META, "CPM (custo por 1.000 impressões)", NULL },
  { META, "Visualizações da página de destino", "landing_page_views" },
  { META, "Custo por compra", NULL },
  { META, "Finalizações de compra iniciadas", NULL },
  { META, "Configuração de atribuição", "attribution_setting" },
  { META, "Orçamento do conjunto de anúncios", NULL },
  { META, "Tipo de orçamento do conjunto de anúncios", NULL },

  /* samples/real/meta-bluetea-inr (the headers not listed above). */
  { META, "Audience segments", NULL },       /* a breakdown Tally sums over */
  { META, "Bid Type", NULL },
  { META, "Cost per purchase (INR)", NULL },
  { META, "Hook Rate", NULL },               /* a custom metric */
  { META, "Cost per add to cart (INR)", NULL },
  { META, "CPM (cost per 1,000 impressions) (INR)", NULL },
  { META, "Outbound CTR (click-through rate)", NULL },
  { META, "Link clicks to landing page views rate", NULL },
  { META, "Cost per landing page view (INR)", NULL },
  { META, "custom_audiences", NULL },
  { META, "excluded_custom_audiences", NULL },
  { META, "Impressions to 3-second video plays rate", NULL },

  /* samples/real/meta-isn-eur (and meta-yoa-ngn-xlsx, the same columns). */
  { META, "Amount spent (NGN)", "spend", "NGN" },

  /* samples/real/meta-pcm-php (both months have this header). */
  { META, "Amount spent (PHP)", "spend", "PHP" },
  { META, "Total messaging contacts", NULL },
  { META, "New messaging contacts", NULL },
  { META, "Cost per purchase (PHP)", NULL },
  { META, "Cost per new messaging contact (PHP)", NULL },
  { META, "Messaging conversations started", NULL },
  { META, "Cost per messaging conversation started (PHP)", NULL },
  { META, "Orders created", NULL },
  { META, "Orders shipped", NULL },

  /* samples/real/meta-mercatelia-es-cop. */
  { META, "Entrega de la campaña", NULL },
  { META, "CPM (costo por mil impresiones) (COP)", NULL },
  { META, "shop_clicks", NULL },
  { META, "CPC (costo por clic en el enlace) (COP)", NULL },
  { META, "CTR (porcentaje de clics en el enlace)", NULL },
  { META, "CPC (todos) (COP)", NULL },
  { META, "Visitas a la página de destino", "landing_page_views" },
  { META, "Costo por visita a la página de destino (COP)", NULL },

  /* samples/real/meta-nanovit-ptbr and meta-rafael-ptbr (the same header). */
  { META, "Término", NULL },                 /* the ad set's end, not the report's */

  /* FORMATS.md 4.1: HubSpot contacts, default-view export header. */
  { HS_CONTACTS, "Record ID", "record_id" },
  { HS_CONTACTS, "First Name", NULL },       /* detect-only */
  { HS_CONTACTS, "Last Name", NULL },        /* detect-only */
  { HS_CONTACTS, "Email", "email" },
  { HS_CONTACTS, "Phone Number", "phone" },
  { HS_CONTACTS, "Contact owner", NULL },    /* detect-only */
  { HS_CONTACTS, "Primary Associated Company ID", NULL },
  { HS_CONTACTS, "Last Activity Date", NULL },
  { HS_CONTACTS, "Lead Status", NULL },      /* detect-only: the sales status, not the lifecycle stage */
  { HS_CONTACTS, "Marketing contact status", NULL },
  { HS_CONTACTS, "Create Date", "created_at" },
  { HS_CONTACTS, "Associated Company", NULL },

  /* FORMATS.md 4.1: HubSpot contacts, all-properties export. */
  { HS_CONTACTS, "Mobile Phone Number", "phone" },
  { HS_CONTACTS, "Lifecycle Stage", "stage" },
  { HS_CONTACTS, "Original Source", "crm_source" },
  { HS_CONTACTS, "Original Source Drill-Down 1", "crm_source_detail" },
  { HS_CONTACTS, "Original Source Drill-Down 2", "crm_source_campaign" },
  { HS_CONTACTS, "Latest Source", "latest_crm_source" },
  { HS_CONTACTS, "Latest Source Date", NULL },
  { HS_CONTACTS, "Latest Source Drill-Down 1", "latest_crm_source_detail" },
  { HS_CONTACTS, "Latest Source Drill-Down 2", "latest_crm_source_campaign" },
  { HS_CONTACTS, "Became a Subscriber Date", NULL },
  { HS_CONTACTS, "Became a Lead Date", NULL },
  { HS_CONTACTS, "Became a Marketing Qualified Lead Date", NULL },
  { HS_CONTACTS, "Became a Sales Qualified Lead Date", NULL },
  { HS_CONTACTS, "Became an Opportunity Date", NULL },
  { HS_CONTACTS, "Became a Customer Date", "won_at" },
  { HS_CONTACTS, "Became an Evangelist Date", NULL },
  { HS_CONTACTS, "Became an Other Lifecycle Date", NULL },
  { HS_CONTACTS, "First Conversion", NULL },
  { HS_CONTACTS, "First Conversion Date", NULL },
  { HS_CONTACTS, "Recent Conversion", NULL },
  { HS_CONTACTS, "Recent Conversion Date", NULL },
  { HS_CONTACTS, "First Deal Created Date", NULL },
  { HS_CONTACTS, "Recent Deal Amount", NULL },
  { HS_CONTACTS, "Recent Deal Close Date", NULL },
  { HS_CONTACTS, "Number of Associated Deals", NULL },
  { HS_CONTACTS, "Total Revenue", NULL },
  { HS_CONTACTS, "Facebook click id", "fbclid" },
  { HS_CONTACTS, "Google ad click id", NULL },
  { HS_CONTACTS, "First Page Seen", "landing_url" },
  { HS_CONTACTS, "First Referring Site", NULL },
  { HS_CONTACTS, "Last Modified Date", NULL },
  { HS_CONTACTS, "Object create date/time", "created_at" },
  { HS_CONTACTS, "Time to move from lead to customer (HH:mm:ss)", NULL },
  { HS_CONTACTS, "Associated Deal", NULL },
  { HS_CONTACTS, "Associated Company IDs", NULL },
  { HS_CONTACTS, "Associated Deal IDs", NULL },

  /* samples/real/hubspot-contacts-workspacelive (the header not listed above). */
  { HS_CONTACTS, "Additional email addresses", NULL },

  /* FORMATS.md 4.1: HubSpot deals export columns. "Original Source Type" and
   * "Currency" are marked unverified there. */
  { HS_DEALS, "Record ID", "record_id" },
  { HS_DEALS, "Deal Name", NULL },           /* detect-only */
  { HS_DEALS, "Last Activity Date", NULL },
  { HS_DEALS, "State", NULL },
  { HS_DEALS, "Deal Stage", "stage" },
  { HS_DEALS, "Close Date", "won_at" },
  { HS_DEALS, "Deal owner", NULL },          /* detect-only */
  { HS_DEALS, "Amount", "amount" },
  { HS_DEALS, "Date of last meeting booked in meetings tool", NULL },
  { HS_DEALS, "Pipeline", NULL },            /* detect-only */
  { HS_DEALS, "Create Date", "created_at" },
  { HS_DEALS, "Original Source Type", "crm_source" },
  { HS_DEALS, "Currency", "currency" },

  /* samples/real/hubspot-markstringer, 2023-04-03 (UTF-8 BOM). */
  { HS_DEALS, "Closed Lost Reason", NULL },
  { HS_DEALS, "Last Modified Date", NULL },

  /* samples/real/hubspot-markstringer, 2023-05-16, "all properties". */
  { HS_DEALS, "Amount in company currency", "amount" },   /* read when Amount is empty */
  { HS_DEALS, "Annual contract value", NULL },
  { HS_DEALS, "Annual recurring revenue", NULL },
  { HS_DEALS, "Campaign of last booking in meetings tool", NULL },
  { HS_DEALS, "Closed Won Reason", NULL },
  { HS_DEALS, "Created by user ID", NULL },
  { HS_DEALS, "Deal Collaborator", NULL },
  { HS_DEALS, "Deal Description", NULL },
  { HS_DEALS, "Deal probability", NULL },
  { HS_DEALS, "Deal Type", NULL },
  { HS_DEALS, "Exchange rate", NULL },
  { HS_DEALS, "Forecast amount", NULL },
  { HS_DEALS, "Forecast category", NULL },
  { HS_DEALS, "Forecast probability", NULL },
  { HS_DEALS, "HubSpot Team", NULL },
  { HS_DEALS, "Is Deal Closed?", NULL },
  { HS_DEALS, "Last Contacted", NULL },
  { HS_DEALS, "Latest Source", "latest_crm_source" },
  { HS_DEALS, "Latest Source Data 1", "latest_crm_source_detail" },
  { HS_DEALS, "Latest Source Data 2", "latest_crm_source_campaign" },
  { HS_DEALS, "Latest Source Timestamp", NULL },
  { HS_DEALS, "Medium of last booking in meetings tool", NULL },
  { HS_DEALS, "Merged Deal IDs", NULL },
  { HS_DEALS, "Monthly recurring revenue", NULL },
  { HS_DEALS, "Next Activity Date", NULL },
  { HS_DEALS, "Next step", NULL },
  { HS_DEALS, "Number of Associated Contacts", NULL },
  { HS_DEALS, "Number of Sales Activities", NULL },
  { HS_DEALS, "Number of times contacted", NULL },
  { HS_DEALS, "Original Source Data 1", "crm_source_detail" },
  { HS_DEALS, "Original Source Data 2", "crm_source_campaign" },
  { HS_DEALS, "Owner Assigned Date", NULL },
  { HS_DEALS, "Priority", NULL },
  { HS_DEALS, "Source of last booking in meetings tool", NULL },
  { HS_DEALS, "Total contract value", NULL },
  { HS_DEALS, "Weighted amount", NULL },
  { HS_DEALS, "Weighted amount in company currency", NULL },
  { HS_DEALS, "Associated Contact", NULL },
  { HS_DEALS, "Associated Postal Mail", NULL },
  { HS_DEALS, "Associated Shared Message", NULL },
  { HS_DEALS, "Associated Company", NULL },
  { HS_DEALS, "Associated Meeting", NULL },
  { HS_DEALS, "Associated Lead", NULL },
  { HS_DEALS, "Associated Email", NULL },
  { HS_DEALS, "Associated Sequence enrollment", NULL },
  { HS_DEALS, "Associated Communication", NULL },
  { HS_DEALS, "Associated Deal registration", NULL },
  { HS_DEALS, "Associated Invoice", NULL },
  { HS_DEALS, "Associated Order", NULL },
  { HS_DEALS, "Associated Payment Link", NULL },
  { HS_DEALS, "Associated Sales Activity", NULL },
  { HS_DEALS, "Associated Engagement", NULL },
  { HS_DEALS, "Associated Quote", NULL },
  { HS_DEALS, "Associated Deal create attribution", NULL },
  { HS_DEALS, "Associated Note", NULL },
  { HS_DEALS, "Associated Ticket", NULL },
  { HS_DEALS, "Associated Line item", NULL },
  { HS_DEALS, "Associated Deal split", NULL },
  { HS_DEALS, "Associated Call", NULL },
  { HS_DEALS, "Associated Conversation", NULL },
  { HS_DEALS, "Associated Revenue attribution", NULL },
  { HS_DEALS, "Associated Discount", NULL },
  { HS_DEALS, "Associated Task", NULL },
  { HS_DEALS, "Associated Subscription", NULL },
  { HS_DEALS, "Associated Payment", NULL },
  { HS_DEALS, "Associated Sync error", NULL },
  { HS_DEALS, "Associated Contact IDs", "contact_id" },
  { HS_DEALS, "Associated Postal Mail IDs", NULL },
  { HS_DEALS, "Associated Shared Message IDs", NULL },
  { HS_DEALS, "Associated Company IDs", NULL },
  { HS_DEALS, "Associated Meeting IDs", NULL },
  { HS_DEALS, "Associated Lead IDs", NULL },
  { HS_DEALS, "Associated Email IDs", NULL },
  { HS_DEALS, "Associated Sequence enrollment IDs", NULL },
  { HS_DEALS, "Associated Communication IDs", NULL },
  { HS_DEALS, "Associated Deal registration IDs", NULL },
  { HS_DEALS, "Associated Invoice IDs", NULL },
  { HS_DEALS, "Associated Order IDs", NULL },
  { HS_DEALS, "Associated Payment Link IDs", NULL },
  { HS_DEALS, "Associated Sales Activity IDs", NULL },
  { HS_DEALS, "Associated Engagement IDs", NULL },
  { HS_DEALS, "Associated Quote IDs", NULL },
  { HS_DEALS, "Associated Deal create attribution IDs", NULL },
  { HS_DEALS, "Associated Note IDs", NULL },
  { HS_DEALS, "Associated Ticket IDs", NULL },
  { HS_DEALS, "Associated Line item IDs", NULL },
  { HS_DEALS, "Associated Deal split IDs", NULL },
  { HS_DEALS, "Associated Call IDs", NULL },
  { HS_DEALS, "Associated Conversation IDs", NULL },
  { HS_DEALS, "Associated Revenue attribution IDs", NULL },
  { HS_DEALS, "Associated Discount IDs", NULL },
  { HS_DEALS, "Associated Task IDs", NULL },
  { HS_DEALS, "Associated Subscription IDs", NULL },
  { HS_DEALS, "Associated Payment IDs", NULL },
  { HS_DEALS, "Associated Sync error IDs", NULL },

  /* samples/real/hubspot-solarhub (the header not listed above). */
  { HS_DEALS, "Simpro Quote Id", NULL },

  /* FORMATS.md 4.2: Salesforce Opportunity field labels (official field
   * reference); "Stage Name" is the history object's label. */
  { SF_OPPS, "Opportunity ID", "record_id" },
  { SF_OPPS, "Opportunity Name", NULL },     /* detect-only */
  { SF_OPPS, "Account Name", NULL },         /* detect-only */
  { SF_OPPS, "Account ID", NULL },
  { SF_OPPS, "Amount", "amount" },
  { SF_OPPS, "Close Date", "won_at" },
  { SF_OPPS, "Stage", "stage" },
  { SF_OPPS, "Stage Name", "stage" },
  { SF_OPPS, "Probability (%)", NULL },      /* detect-only */
  { SF_OPPS, "Lead Source", "crm_source" },
  { SF_OPPS, "Created Date", "created_at" },
  { SF_OPPS, "Type", NULL },
  { SF_OPPS, "Opportunity Type", NULL },
  { SF_OPPS, "Closed", NULL },
  { SF_OPPS, "Won", NULL },                  /* a yes/no flag; the stage says won */
  { SF_OPPS, "Fiscal Period", NULL },
  { SF_OPPS, "Next Step", NULL },
  { SF_OPPS, "Opportunity Currency", "currency" },
  { SF_OPPS, "Campaign ID", NULL },          /* a Salesforce campaign, not a UTM */
  { SF_OPPS, "Age", NULL },

  /* FORMATS.md 4.3: Pipedrive deals, in the column order of the real export,
   * with the newer spellings after the older ones. */
  { PIPEDRIVE, "Deal - ID", "record_id" },
  { PIPEDRIVE, "Deal - Title", NULL },       /* detect-only */
  { PIPEDRIVE, "Deal - Creator", NULL },
  { PIPEDRIVE, "Deal - Owner", NULL },       /* detect-only */
  { PIPEDRIVE, "Deal - Value", "amount" },
  { PIPEDRIVE, "Deal - Currency of Value", "currency" },
  { PIPEDRIVE, "Deal - Currency of value", "currency" },
  { PIPEDRIVE, "Deal - Weighted value", NULL },
  { PIPEDRIVE, "Deal - Probability", NULL },
  { PIPEDRIVE, "Deal - Organization", NULL },
  { PIPEDRIVE, "Deal - Pipeline", NULL },    /* detect-only */
  { PIPEDRIVE, "Deal - Contact person", NULL },   /* a name, not an id */
  { PIPEDRIVE, "Deal - Stage", NULL },       /* detect-only: the pipeline stage */
  { PIPEDRIVE, "Deal - Stage (pipeline)", NULL },
  { PIPEDRIVE, "Deal - Label", NULL },
  { PIPEDRIVE, "Deal - Status", "stage" },   /* Open / Won / Lost */
  { PIPEDRIVE, "Deal - Expected close date", NULL },
  { PIPEDRIVE, "Deal - Deal created", "created_at" },
  { PIPEDRIVE, "Deal - Creation date", "created_at" },
  { PIPEDRIVE, "Deal - Update time", NULL },
  { PIPEDRIVE, "Deal - Last stage change", NULL },
  { PIPEDRIVE, "Deal - Next activity date", NULL },
  { PIPEDRIVE, "Deal - Last activity date", NULL },
  { PIPEDRIVE, "Deal - Won time", "won_at" },
  { PIPEDRIVE, "Deal - Lost time", NULL },
  { PIPEDRIVE, "Deal - Deal closed on", NULL },   /* won or lost; the won time is "Won time" */
  { PIPEDRIVE, "Deal - Closed on", NULL },
  { PIPEDRIVE, "Deal - Lost reason", NULL },
  { PIPEDRIVE, "Deal - Visible to", NULL },
  { PIPEDRIVE, "Deal - Total activities", NULL },
  { PIPEDRIVE, "Deal - Pipedrive System ID", NULL },
  { PIPEDRIVE, "Deal - System ID", NULL },
  { PIPEDRIVE, "Person - Name", NULL },
  { PIPEDRIVE, "Person - Email (Work)", "email" },
  { PIPEDRIVE, "Person - Phone (Work)", "phone" },
  { PIPEDRIVE, "Organization - Name", NULL },
  /* FORMATS.md 4.3: a Czech export. */
  { PIPEDRIVE, "Obchod - Název", NULL },     /* detect-only: the title */
  { PIPEDRIVE, "Obchod - Hodnota", "amount" },

  /* samples/real/pipedrive-rosie: custom fields of a listings account. */
  { PIPEDRIVE, "Deal - Order", NULL },
  { PIPEDRIVE, "Deal - Neighborhood Link Local", NULL },
  { PIPEDRIVE, "Deal - Partner Wellspring Weblink", NULL },
  { PIPEDRIVE, "Deal - Neighborhood (address details)", NULL },
  { PIPEDRIVE, "Deal - Slug Address", NULL },
  { PIPEDRIVE, "Deal - Web Description Copy", NULL },
  { PIPEDRIVE, "Deal - Unified Neighborhood Link", NULL },
  { PIPEDRIVE, "Deal - Neighborhood (primary)", NULL },
  { PIPEDRIVE, "Deal - Neighborhood (secondary)", NULL },
  { PIPEDRIVE, "Deal - State", NULL },       /* a US state here, not a status */
  { PIPEDRIVE, "Deal - Zip Code", NULL },
  { PIPEDRIVE, "Deal - Map", NULL },
  { PIPEDRIVE, "Deal - FT | PT Availability/ Requirement", NULL },
  { PIPEDRIVE, "Deal - Profession | Use", NULL },
  { PIPEDRIVE, "Deal - Profession | Use2", NULL },
  { PIPEDRIVE, "Deal - Picture 1", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 1", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 1", NULL },
  { PIPEDRIVE, "Deal - Picture 2", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 2", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 2", NULL },
  { PIPEDRIVE, "Deal - Picture 3", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 3", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 3", NULL },
  { PIPEDRIVE, "Deal - Picture 4", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 4", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 4", NULL },
  { PIPEDRIVE, "Deal - Picture 5", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 5", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 5", NULL },
  { PIPEDRIVE, "Deal - Picture 6", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 6", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 6", NULL },
  { PIPEDRIVE, "Deal - Picture 7", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 7", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 7", NULL },
  { PIPEDRIVE, "Deal - Picture 8", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 8", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 8", NULL },
  { PIPEDRIVE, "Deal - Picture 9", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 9", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 9", NULL },
  { PIPEDRIVE, "Deal - Picture 10", NULL },
  { PIPEDRIVE, "Deal - Alt Text Pic 10", NULL },
  { PIPEDRIVE, "Deal - Tooltip Pic 10", NULL },
  { PIPEDRIVE, "Deal - ID (Wix)", NULL },    /* another system's id */

  /* samples/real/ga4-h2oplumbers and ga4-burnsedia (the same header); FORMATS.md
   * has no GA4 header list. */
  { GA4, "Session primary channel group (Default Channel Group)", NULL },   /* a channel group, not a source */
  { GA4, "Sessions", "sessions" },
  { GA4, "Engaged sessions", "engaged_sessions" },
  { GA4, "Engagement rate", NULL },
  { GA4, "Average engagement time per session", NULL },
  { GA4, "Events per session", NULL },
  { GA4, "Event count", NULL },
  { GA4, "Key events", NULL },
  { GA4, "Session key event rate", NULL },
  { GA4, "Total revenue", NULL },

  /* SPEC 4, FX rates: FORMATS.md lists no FX CSV header (section 5 is the
   * ECB XML), so these are SPEC's own column names. */
  { FX, "date", "day" },
  { FX, "currency", "currency" },
  { FX, "rate", "rate" },
  { FX, "base", "base" },
};

/* SPEC 4, "Header variants": the spellings it names, and the same header
 * in other case, spacing, "_" "-" ".", accents and object prefixes. */
static const HeaderRow variants[] = {
  /* The UTM examples of SPEC 4, known to every CRM preset (crm-custom-fields.json). */
  { NULL, "utm_source", "utm_source" },
  { NULL, "UTM Source", "utm_source" },
  { NULL, "UTM_SOURCE", "utm_source" },
  { NULL, "Utm-Source", "utm_source" },
  { NULL, "utm.source", "utm_source" },
  { NULL, "Deal - utm_source", "utm_source" },
  { NULL, "Contact: UTM source", "utm_source" },
  { NULL, "Person - UTM Source", "utm_source" },
  { NULL, "Opportunity.UTM_Source", "utm_source" },
  { NULL, "Lead: utm_source", "utm_source" },
  { NULL, "Original UTM Source", "utm_source" },        /* first touch */
  { NULL, "original_utm_source", "utm_source" },
  { NULL, "Deal - Original UTM Source", "utm_source" },
  { NULL, "Latest UTM source", "latest_utm_source" },   /* last touch */
  { NULL, "latest_utm_source", "latest_utm_source" },
  { NULL, "Contact: Latest UTM Source", "latest_utm_source" },
  { NULL, "utm_medium", "utm_medium" },
  { NULL, "Deal - UTM medium", "utm_medium" },
  { NULL, "Latest UTM Medium", "latest_utm_medium" },
  { NULL, "utm_campaign", "utm_campaign" },
  { NULL, "Opportunity.UTM Campaign", "utm_campaign" },
  { NULL, "Last UTM Campaign", "latest_utm_campaign" },
  { NULL, "utm_content", "utm_content" },
  { NULL, "UTM term", "utm_term" },
  { NULL, "fbclid", "fbclid" },
  { NULL, "FBCLID", "fbclid" },
  { NULL, "Deal - fbclid", "fbclid" },
  { NULL, "Facebook Click ID", "fbclid" },
  { NULL, "_fbc", "fbc" },
  { NULL, "Contact: _fbc", "fbc" },
  { NULL, "_fbp", "fbp" },
  { NULL, "Deal - _fbp", "fbp" },
  { NULL, "Landing Page URL", "landing_url" },
  { NULL, "landing_page_url", "landing_url" },

  /* Meta: the currency comes from the header, whatever its case. */
  { META, "Importe Gastado (COP)", "spend", "COP" },
  { META, "importe_gastado (COP)", "spend", "COP" },
  { META, "IMPORTE GASTADO (MXN)", "spend", "MXN" },
  { META, "Valor usado (BRL)", "spend", "BRL" },
  { META, "valor_usado (BRL)", "spend", "BRL" },
  { META, "Valor Gasto (brl)", "spend", "BRL" },
  { META, "amount_spent (USD)", "spend", "USD" },
  { META, "Amount-Spent (EUR)", "spend", "EUR" },
  { META, "Amount spent (mxn)", "spend", "MXN" },
  { META, "Purchases conversion value (USD)", "purchase_value", "USD" },
  /* Meta: accents, case and separators. */
  { META, "Nome da Campanha", "campaign_name" },
  { META, "nome_da_campanha", "campaign_name" },
  { META, "Identificacao da campanha", "campaign_id" },
  { META, "IDENTIFICAÇÃO DO ANÚNCIO", "ad_id" },
  { META, "Inicio dos relatorios", "date_start" },
  { META, "Termino dos relatorios", "date_end" },
  { META, "Nombre de la campana", "campaign_name" },
  { META, "nombre-del-conjunto-de-anuncios", "adset_name" },
  { META, "Configuracion de atribucion", "attribution_setting" },
  { META, "Visualizacoes da pagina de destino", "landing_page_views" },
  { META, "Dia", "day" },
  { META, "DÍA", "day" },
  { META, "reporting_starts", "date_start" },
  { META, "REPORTING ENDS", "date_end" },
  { META, "Ad Set ID", "adset_id" },
  { META, "link.clicks", "link_clicks" },
  { META, "Clicks(all)", "all_clicks" },
  { META, "  Attribution   setting ", "attribution_setting" },
  { META, "\xef\xbb\xbfReporting starts", "date_start" },    /* a BOM left on the first header */

  /* CRM presets' own fields with other spellings and prefixes. */
  { HS_CONTACTS, "record_id", "record_id" },
  { HS_CONTACTS, "Contact: Email", "email" },
  { HS_CONTACTS, "LIFECYCLE STAGE", "stage" },
  { HS_CONTACTS, "original-source", "crm_source" },
  { HS_DEALS, "Deal - Amount", "amount" },
  { HS_DEALS, "deal_stage", "stage" },
  { HS_DEALS, "close date", "won_at" },
  { SF_OPPS, "Opportunity.Amount", "amount" },
  { SF_OPPS, "Opportunity: Stage", "stage" },
  { SF_OPPS, "Opportunity.Close Date", "won_at" },
  { SF_OPPS, "lead_source", "crm_source" },
  { SF_LEADS, "Lead.Lead Status", "stage" },
  { SF_LEADS, "Lead: Email", "email" },
  { SF_LEADS, "created_date", "created_at" },
  { PIPEDRIVE, "deal - status", "stage" },
  { PIPEDRIVE, "DEAL - WON TIME", "won_at" },
  { PIPEDRIVE, "Deal-Value", "amount" },
  { PIPEDRIVE, "Person - email (work)", "email" },
  { PIPEDRIVE, "Obchod - Nazev", NULL },      /* detect-only, without its accent */
  { PIPEDRIVE, "Obchod - hodnota", "amount" },
  { GA4, "engaged_sessions", "engaged_sessions" },
  { GA4, "SESSION SOURCE / MEDIUM", "source_medium" },
  { FX, "Date", "day" },
  { FX, "CURRENCY", "currency" },
  { FX, "Base Currency", "base" },
};

/* Headers that must not be read as the field they look like. */
static const HeaderRow negatives[] = {
  /* Costs and rates are not the count or amount they are of (FORMATS.md 1.2, 1.5, 1.6). */
  { META, "Cost per result", NULL },
  { META, "Cost per result (USD)", NULL },
  { META, "Costo por resultados", NULL },
  { META, "Custo por resultado", NULL },
  { META, "Cost per Purchase (USD)", NULL },
  { META, "CPC (cost per link click) (USD)", NULL },
  { META, "Purchase ROAS (return on ad spend)", NULL },
  { META, "Link clicks to landing page views rate", NULL },
  { META, "Impressions to 3-second video plays rate", NULL },
  { META, "Results (initial)", NULL },
  { META, "Result type", NULL },
  { META, "Amount spent per day", NULL },
  /* A currency suffix that is no ISO code still maps, with that code: the
   * import refuses it with its reason (SPEC 4, strict reading). */
  { META, "Amount spent (XYZ)", "spend", "XYZ" },
  { META, "Amount spent", "spend", NULL },
  { META, "Importe gastado", "spend", NULL },
  /* Only a suffix of three letters is a currency. */
  { META, "Amount spent (US$)", NULL },
  { META, "Amount spent (EURO)", NULL },

  /* Pipedrive (FORMATS.md 4.3): the won/lost status is "Deal - Status"; "Deal -
   * Stage" is the pipeline stage, detect-only. */
  { PIPEDRIVE, "Deal - Stage", NULL },
  { PIPEDRIVE, "Deal - Stage (pipeline)", NULL },
  { PIPEDRIVE, "Deal - Weighted value", NULL },
  { PIPEDRIVE, "Deal - Contact person", NULL },
  { PIPEDRIVE, "Deal - Lost time", NULL },
  { PIPEDRIVE, "Deal - Currency of Weighted value", NULL },

  /* HubSpot (FORMATS.md 4.1 and the markstringer sample). */
  { HS_DEALS, "Deal Name", NULL },
  { HS_DEALS, "Weighted amount", NULL },
  { HS_DEALS, "Forecast amount", NULL },
  { HS_DEALS, "Deal probability", NULL },
  { HS_DEALS, "Latest Source Timestamp", NULL },
  { HS_DEALS, "Campaign of last booking in meetings tool", NULL },
  { HS_CONTACTS, "Google ad click id", NULL },
  { HS_CONTACTS, "First Referring Site", NULL },
  { HS_CONTACTS, "Latest Source Date", NULL },
  { HS_CONTACTS, "Lead Status", NULL },
  { HS_CONTACTS, "Recent Deal Amount", NULL },

  /* Salesforce (FORMATS.md 4.2). */
  { SF_OPPS, "Campaign ID", NULL },
  { SF_OPPS, "Probability (%)", NULL },
  { SF_OPPS, "Won", NULL },

  /* A word before " - " or ":" that is no object is part of the name. */
  { NULL, "Campaign - utm_source", NULL },
  { NULL, "Ads: UTM Source", NULL },
  { NULL, "UTM Source Drill-Down", NULL },
  { NULL, "Google click id", NULL },

  /* GA4 (the real samples): a channel group is not a source. */
  { GA4, "Session primary channel group (Default Channel Group)", NULL },
  { GA4, "Total revenue", NULL },
};

/* Helpers ------------------------------------------------------------------ */

static const char *
field_name (const TallyMapping *mapping,
            guint               column)
{
  const TallyFieldSpec *fields;
  guint n_fields;
  int f = mapping->column_fields[column];

  if (f < 0)
    return NULL;
  fields = tally_fields_get (mapping->target, &n_fields);
  g_assert_cmpint (f, <, (int) n_fields);
  return fields[f].name;
}

static const TallyPreset *
lookup (const char *id)
{
  const TallyPreset *preset = tally_preset_lookup (id);

  if (preset == NULL)
    g_error ("The test names a preset %s that Tally does not have", id);
  return preset;
}

static void
check_field_exists (const TallyPreset *preset,
                    const HeaderRow   *row)
{
  if (row->field != NULL && tally_fields_find (tally_preset_get_target (preset), row->field) < 0)
    g_error ("The test row “%s” names a field %s that %s data does not have",
             row->header, row->field, tally_target_to_string (tally_preset_get_target (preset)));
}

/* Lists every problem as a TAP comment, then fails the test once. */
static void
fail_with (GString    *problems,
           const char *what)
{
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (problems->len == 0)
    return;

  lines = g_strsplit (problems->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_test_message ("%s", lines[i]);
        n++;
      }
  g_test_fail_printf ("%u %s (listed above)", n, what);
}

/* Checks a table's rows of @preset_id, all together as one header row and
 * each on its own; appends what is wrong to @problems. */
static void
check_rows (const char      *preset_id,
            const HeaderRow *rows,
            guint            n_rows,
            const char      *table,
            GString         *problems)
{
  const TallyPreset *preset = lookup (preset_id);
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(TallyMapping) mapping = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      const HeaderRow *row = &rows[i];
      const char * const one[] = { row->header };
      g_autoptr(TallyMapping) single = NULL;
      const char *got;

      if (row->preset != NULL ? !g_str_equal (row->preset, preset_id)
                              : !g_strv_contains (crm_presets, preset_id))
        continue;

      check_field_exists (preset, row);
      g_ptr_array_add (headers, (gpointer) row->header);
      g_ptr_array_add (expected, (gpointer) row);

      single = tally_mapping_for_preset (preset, one, 1);
      got = field_name (single, 0);
      if (g_strcmp0 (got, row->field) != 0)
        g_string_append_printf (problems, "%s, %s: “%s” maps onto %s, not %s\n",
                                table, preset_id, row->header, got != NULL ? got : "nothing",
                                row->field != NULL ? row->field : "nothing");
      if (g_strcmp0 (single->header_currency, row->currency) != 0)
        g_string_append_printf (problems, "%s, %s: “%s” gives the currency %s, not %s\n",
                                table, preset_id, row->header,
                                single->header_currency != NULL ? single->header_currency : "none",
                                row->currency != NULL ? row->currency : "none");
    }

  if (headers->len == 0)
    return;

  /* The same columns side by side, as an export has them. */
  mapping = tally_mapping_for_preset (preset, (const char * const *) headers->pdata, headers->len);
  g_assert_cmpuint (mapping->n_columns, ==, headers->len);
  for (guint c = 0; c < headers->len; c++)
    {
      const HeaderRow *row = g_ptr_array_index (expected, c);
      const char *got = field_name (mapping, c);

      if (g_strcmp0 (got, row->field) != 0)
        g_string_append_printf (problems, "%s, %s, in a row of %u headers: column %u “%s” maps onto %s, not %s\n",
                                table, preset_id, headers->len, c + 1, row->header,
                                got != NULL ? got : "nothing", row->field != NULL ? row->field : "nothing");
    }
}

static void
check_table (const HeaderRow *rows,
             guint            n_rows,
             const char      *table)
{
  g_autoptr(GPtrArray) presets = tally_preset_list ();
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint p = 0; p < presets->len; p++)
    check_rows (tally_preset_get_id (g_ptr_array_index (presets, p)), rows, n_rows, table, problems);

  /* Every row names a preset Tally has. */
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].preset != NULL)
      lookup (rows[i].preset);

  fail_with (problems, "headers not read as SPEC 4 and FORMATS.md say");
}

/* Tests -------------------------------------------------------------------- */

static void
test_real_headers (void)
{
  /* No header twice for one preset: one row per real spelling. */
  for (guint i = 0; i < G_N_ELEMENTS (real_headers); i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (real_headers[i].preset, real_headers[j].preset) &&
          g_str_equal (real_headers[i].header, real_headers[j].header))
        g_error ("“%s” is listed twice for %s", real_headers[i].header, real_headers[i].preset);

  check_table (real_headers, G_N_ELEMENTS (real_headers), "real");
}

static void
test_variants (void)
{
  check_table (variants, G_N_ELEMENTS (variants), "variant");
}

static void
test_negatives (void)
{
  const char * const pipedrive[] = { "Deal - ID", "Deal - Stage", "Deal - Status", "Deal - Won time" };
  const char * const meta[] = { "Reporting starts", "Amount spent (XYZ)", "Cost per result (XYZ)" };
  g_autoptr(TallyMapping) deals = NULL;
  g_autoptr(TallyMapping) spend = NULL;
  int stage;

  check_table (negatives, G_N_ELEMENTS (negatives), "negative");

  /* With both in one export, the stage is the status column, the only one. */
  deals = tally_mapping_for_preset (lookup (PIPEDRIVE), pipedrive, G_N_ELEMENTS (pipedrive));
  stage = tally_fields_find (TALLY_TARGET_CRM, "stage");
  g_assert_cmpint (deals->column_fields[1], ==, -1);
  g_assert_cmpint (deals->column_fields[2], ==, stage);
  g_assert_cmpint (deals->field_columns[stage][0], ==, 2);
  g_assert_cmpint (deals->field_columns[stage][1], ==, -1);

  /* An unknown code is kept as written, for the import to refuse. */
  spend = tally_mapping_for_preset (lookup (META), meta, G_N_ELEMENTS (meta));
  g_assert_cmpstr (field_name (spend, 1), ==, "spend");
  g_assert_null (field_name (spend, 2));
  g_assert_cmpstr (spend->header_currency, ==, "XYZ");
}

/* The header rows of the real samples ------------------------------------- */

/* meta-8urt/Le-Mauricien-LTD-Ad-sets-Jun-10-2025-Jul-9-2025.csv (FORMATS.md 1.1) */
static const char * const sample_meta_8urt[] = {
  "Reporting starts", "Reporting ends", "Ad Set Name", "Age", "Gender", "Impressions", "Reach", "Clicks (all)",
  "ThruPlays", "Post engagements", NULL
};

/* real/meta-bluetea-inr/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv */
static const char * const sample_meta_bluetea[] = {
  "Reporting starts", "Reporting ends", "Ad set name", "Audience segments", "Ad set delivery", "Bid", "Bid Type",
  "Ad set budget", "Ad set budget type", "Amount spent (INR)", "Purchases", "Purchase ROAS (return on ad spend)",
  "Purchases conversion value", "Cost per purchase (INR)", "Hook Rate", "Results", "Result indicator",
  "Cost per results", "Adds to cart", "Cost per add to cart (INR)", "CPM (cost per 1,000 impressions) (INR)",
  "Impressions", "Frequency", "Reach", "CTR (all)", "Outbound CTR (click-through rate)",
  "Link clicks to landing page views rate", "Cost per landing page view (INR)", "custom_audiences",
  "excluded_custom_audiences", "Attribution setting", "Impressions to 3-second video plays rate", NULL
};

/* real/meta-isn-eur/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv */
static const char * const sample_meta_isn[] = {
  "Reporting starts", "Reporting ends", "Campaign name", "Campaign delivery", "Results", "Result indicator",
  "Cost per results", "Ad set budget", "Ad set budget type", "Amount spent (EUR)", "Impressions", "Reach", "Ends",
  "Attribution setting", NULL
};

/* real/meta-mercatelia-es-cop/Mercatelia-Campañas-1-a-r-2026---4-may-2026 (1).csv */
static const char * const sample_meta_mercatelia[] = {
  "Inicio del informe", "Fin del informe", "Nombre de la campaña", "Entrega de la campaña",
  "Configuración de atribución", "Resultados", "Indicador de resultado", "Alcance", "Frecuencia",
  "Costo por resultados", "Presupuesto del conjunto de anuncios", "Tipo de presupuesto del conjunto de anuncios",
  "Importe gastado (COP)", "Finalización", "Impresiones", "CPM (costo por mil impresiones) (COP)",
  "Clics en el enlace", "shop_clicks", "CPC (costo por clic en el enlace) (COP)",
  "CTR (porcentaje de clics en el enlace)", "Clics (todos)", "CTR (todos)", "CPC (todos) (COP)",
  "Visitas a la página de destino", "Costo por visita a la página de destino (COP)", NULL
};

/* real/meta-nanovit-ptbr/CA-01---NANOVIT-Campanhas-1-de-jun-de-2025-30-de-jun-de-2025.csv and
 * real/meta-rafael-ptbr/[VL]-[RS]-Rafael-Santos-CA-Campanhas-1-de-set-de-2025-12-de-set-de-2025.csv
 * (the same header) */
static const char * const sample_meta_ptbr[] = {
  "Início dos relatórios", "Término dos relatórios", "Nome da campanha", "Veiculação da campanha",
  "Orçamento do conjunto de anúncios", "Tipo de orçamento do conjunto de anúncios", "Configuração de atribuição",
  "Resultados", "Indicador de resultados", "Alcance", "Impressões", "Custo por resultados", "Valor usado (BRL)",
  "Término", NULL
};

/* real/meta-pcm-php/John-Bernard-Olermo-Ads-Dec-1-2025-Dec-31-2025.csv and -Sep-1-2025-Sep-30-2025.csv
 * (the same header) */
static const char * const sample_meta_pcm[] = {
  "Reporting starts", "Reporting ends", "Ad name", "Ad delivery", "Ad set name", "Bid", "Bid type", "Ad set budget",
  "Ad set budget type", "Last significant edit", "Attribution setting", "Results", "Result indicator", "Reach",
  "Impressions", "Cost per results", "Quality ranking", "Engagement rate ranking", "Conversion rate ranking",
  "Amount spent (PHP)", "Ends", "Total messaging contacts", "New messaging contacts", "Purchases",
  "Cost per purchase (PHP)", "Purchases conversion value", "Purchase ROAS (return on ad spend)",
  "Cost per new messaging contact (PHP)", "Messaging conversations started",
  "Cost per messaging conversation started (PHP)", "Orders created", "Orders shipped", "Link clicks", NULL
};

/* real/meta-yoa-ngn-xlsx/YOA Campaigns-1-Sep-2025-31-Mar-2026.xlsx, the first row of sheet1 */
static const char * const sample_meta_yoa[] = {
  "Reporting starts", "Reporting ends", "Campaign name", "Campaign delivery", "Results", "Result indicator",
  "Cost per results", "Ad set budget", "Ad set budget type", "Amount spent (NGN)", "Impressions", "Reach", "Ends",
  "Attribution setting", NULL
};

/* real/hubspot-contacts-workspacelive/hubspot-crm-exports-all-contacts-2026-02-10_1770680837777.csv */
static const char * const sample_hubspot_contacts[] = {
  "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner", "Primary Associated Company ID",
  "Last Activity Date", "Lead Status", "Create Date", "Additional email addresses", "Associated Company", NULL
};

/* FORMATS.md 4.1, the default-view contacts export header */
static const char * const formats_hubspot_contacts[] = {
  "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner", "Primary Associated Company ID",
  "Last Activity Date", "Lead Status", "Marketing contact status", "Create Date", "Associated Company", NULL
};

/* real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-04-03.csv, with its BOM */
static const char * const sample_hubspot_deals_0403[] = {
  "\xef\xbb\xbfRecord ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Closed Lost Reason",
  "Last Modified Date", "Create Date", NULL
};

/* real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-05-16.csv (two headers twice, as there) */
static const char * const sample_hubspot_deals_0516[] = {
  "Record ID", "Amount", "Amount in company currency", "Annual contract value", "Annual recurring revenue",
  "Campaign of last booking in meetings tool", "Close Date", "Closed Lost Reason", "Closed Won Reason",
  "Create Date", "Created by user ID", "Date of last meeting booked in meetings tool", "Deal Collaborator",
  "Deal Description", "Deal Name", "Deal owner", "Deal probability", "Deal Stage", "Deal Type", "Exchange rate",
  "Forecast amount", "Forecast category", "Forecast probability", "HubSpot Team", "Is Deal Closed?",
  "Last Activity Date", "Last Contacted", "Last Modified Date", "Latest Source", "Latest Source Data 1",
  "Latest Source Data 2", "Latest Source Timestamp", "Medium of last booking in meetings tool", "Merged Deal IDs",
  "Monthly recurring revenue", "Next Activity Date", "Next step", "Number of Associated Contacts",
  "Number of Sales Activities", "Number of times contacted", "Original Source Data 1", "Original Source Data 2",
  "Original Source Type", "Owner Assigned Date", "Pipeline", "Priority", "Source of last booking in meetings tool",
  "Total contract value", "Weighted amount", "Weighted amount in company currency", "Associated Contact",
  "Associated Postal Mail", "Associated Shared Message", "Associated Company", "Associated Meeting",
  "Associated Lead", "Associated Email", "Associated Sequence enrollment", "Associated Communication",
  "Associated Deal registration", "Associated Invoice", "Associated Order", "Associated Payment Link",
  "Associated Sales Activity", "Associated Engagement", "Associated Quote", "Associated Deal create attribution",
  "Associated Note", "Associated Ticket", "Associated Line item", "Associated Deal split", "Associated Call",
  "Associated Conversation", "Associated Revenue attribution", "Associated Company", "Associated Discount",
  "Associated Task", "Associated Subscription", "Associated Payment", "Associated Sync error",
  "Associated Contact IDs", "Associated Postal Mail IDs", "Associated Shared Message IDs", "Associated Company IDs",
  "Associated Meeting IDs", "Associated Lead IDs", "Associated Email IDs", "Associated Sequence enrollment IDs",
  "Associated Communication IDs", "Associated Deal registration IDs", "Associated Invoice IDs",
  "Associated Order IDs", "Associated Payment Link IDs", "Associated Sales Activity IDs",
  "Associated Engagement IDs", "Associated Quote IDs", "Associated Deal create attribution IDs",
  "Associated Note IDs", "Associated Ticket IDs", "Associated Line item IDs", "Associated Deal split IDs",
  "Associated Call IDs", "Associated Conversation IDs", "Associated Revenue attribution IDs",
  "Associated Company IDs", "Associated Discount IDs", "Associated Task IDs", "Associated Subscription IDs",
  "Associated Payment IDs", "Associated Sync error IDs", NULL
};

/* real/hubspot-solarhub/hubspot-crm-exports-all-deals-2025-11-28.csv */
static const char * const sample_hubspot_solarhub[] = {
  "Record ID", "Deal Name", "Simpro Quote Id", "Amount", NULL
};

/* FORMATS.md 4.1, the deals export columns of the analysis script (as far as it lists them) */
static const char * const formats_hubspot_deals[] = {
  "Record ID", "Deal Name", "Last Activity Date", "State", "Deal Stage", "Close Date", "Deal owner", "Amount",
  "Date of last meeting booked in meetings tool", "Pipeline", NULL
};

/* real/pipedrive-rosie/deals-2979966-149_1763475126278.csv */
static const char * const sample_pipedrive_rosie[] = {
  "Deal - ID", "Deal - Order", "Deal - Neighborhood Link Local", "Deal - Partner Wellspring Weblink", "Deal - Title",
  "Deal - Neighborhood (address details)", "Deal - Slug Address", "Deal - Web Description Copy",
  "Deal - Unified Neighborhood Link", "Deal - Neighborhood (primary)", "Deal - Neighborhood (secondary)",
  "Deal - Stage", "Deal - State", "Deal - Zip Code", "Deal - Map", "Deal - FT | PT Availability/ Requirement",
  "Deal - Profession | Use", "Deal - Profession | Use2", "Deal - Picture 1", "Deal - Alt Text Pic 1",
  "Deal - Tooltip Pic 1", "Deal - Picture 2", "Deal - Alt Text Pic 2", "Deal - Tooltip Pic 2", "Deal - Picture 3",
  "Deal - Alt Text Pic 3", "Deal - Tooltip Pic 3", "Deal - Picture 4", "Deal - Alt Text Pic 4",
  "Deal - Tooltip Pic 4", "Deal - Picture 5", "Deal - Alt Text Pic 5", "Deal - Tooltip Pic 5", "Deal - Picture 6",
  "Deal - Alt Text Pic 6", "Deal - Tooltip Pic 6", "Deal - Picture 7", "Deal - Alt Text Pic 7",
  "Deal - Tooltip Pic 7", "Deal - Picture 8", "Deal - Alt Text Pic 8", "Deal - Tooltip Pic 8", "Deal - Picture 9",
  "Deal - Alt Text Pic 9", "Deal - Tooltip Pic 9", "Deal - Picture 10", "Deal - Alt Text Pic 10",
  "Deal - Tooltip Pic 10", "Deal - ID (Wix)", NULL
};

/* FORMATS.md 4.3, the Pipedrive deals columns in the order of the real export */
static const char * const formats_pipedrive[] = {
  "Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value", "Deal - Currency of Value",
  "Deal - Weighted value", "Deal - Probability", "Deal - Organization", "Deal - Pipeline", "Deal - Contact person",
  "Deal - Stage", "Deal - Label", "Deal - Status", "Deal - Expected close date", "Deal - Deal created",
  "Deal - Update time", "Deal - Last stage change", "Deal - Next activity date", "Deal - Last activity date",
  "Deal - Won time", "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Visible to",
  "Deal - Total activities", "Deal - Pipedrive System ID", "Person - Name", "Person - Email (Work)",
  "Person - Phone (Work)", "Organization - Name", NULL
};

/* real/ga4-h2oplumbers and real/ga4-burnsedia, Traffic_acquisition_…csv: the
 * first line after the "#" preamble */
static const char * const sample_ga4[] = {
  "Session primary channel group (Default Channel Group)", "Sessions", "Engaged sessions", "Engagement rate",
  "Average engagement time per session", "Events per session", "Event count", "Key events",
  "Session key event rate", "Total revenue", NULL
};

typedef struct
{
  const char         *file;
  const char * const *headers;
  const char         *preset;      /* NULL: refused */
  const char         *currency;
  const char         *refusal;     /* what the refusal names */
  const char         *files[3];    /* under fixtures/samples/, whose first row this is */
} Sample;

static const Sample samples[] = {
  { "meta-8urt", sample_meta_8urt, META, NULL, NULL,
    { "meta-8urt/Le-Mauricien-LTD-Ad-sets-Jun-10-2025-Jul-9-2025.csv" } },
  { "meta-bluetea-inr", sample_meta_bluetea, META, "INR", NULL,
    { "real/meta-bluetea-inr/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv" } },
  { "meta-isn-eur", sample_meta_isn, META, "EUR", NULL,
    { "real/meta-isn-eur/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv" } },
  { "meta-mercatelia-es-cop", sample_meta_mercatelia, META, "COP", NULL,
    { "real/meta-mercatelia-es-cop/Mercatelia-Campañas-1-a-r-2026---4-may-2026 (1).csv" } },
  { "meta-nanovit-ptbr, meta-rafael-ptbr", sample_meta_ptbr, META, "BRL", NULL,
    { "real/meta-nanovit-ptbr/CA-01---NANOVIT-Campanhas-1-de-jun-de-2025-30-de-jun-de-2025.csv",
      "real/meta-rafael-ptbr/[VL]-[RS]-Rafael-Santos-CA-Campanhas-1-de-set-de-2025-12-de-set-de-2025.csv" } },
  { "meta-pcm-php", sample_meta_pcm, META, "PHP", NULL,
    { "real/meta-pcm-php/John-Bernard-Olermo-Ads-Dec-1-2025-Dec-31-2025.csv",
      "real/meta-pcm-php/John-Bernard-Olermo-Ads-Sep-1-2025-Sep-30-2025.csv" } },
  { "meta-yoa-ngn-xlsx", sample_meta_yoa, META, "NGN", NULL,
    { "real/meta-yoa-ngn-xlsx/YOA Campaigns-1-Sep-2025-31-Mar-2026.xlsx" } },
  { "hubspot-contacts-workspacelive", sample_hubspot_contacts, HS_CONTACTS, NULL, NULL,
    { "real/hubspot-contacts-workspacelive/hubspot-crm-exports-all-contacts-2026-02-10_1770680837777.csv" } },
  { "FORMATS.md 4.1 contacts", formats_hubspot_contacts, HS_CONTACTS },
  { "hubspot-markstringer 2023-04-03", sample_hubspot_deals_0403, HS_DEALS, NULL, NULL,
    { "real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-04-03.csv" } },
  { "hubspot-markstringer 2023-05-16", sample_hubspot_deals_0516, HS_DEALS, NULL, NULL,
    { "real/hubspot-markstringer/hubspot-crm-exports-all-deals-2023-05-16.csv" } },
  { "hubspot-solarhub", sample_hubspot_solarhub, HS_DEALS, NULL, NULL,
    { "real/hubspot-solarhub/hubspot-crm-exports-all-deals-2025-11-28.csv" } },
  { "FORMATS.md 4.1 deals", formats_hubspot_deals, HS_DEALS },
  { "pipedrive-rosie", sample_pipedrive_rosie, PIPEDRIVE, NULL, NULL,
    { "real/pipedrive-rosie/deals-2979966-149_1763475126278.csv" } },
  { "FORMATS.md 4.3 Pipedrive", formats_pipedrive, PIPEDRIVE },
  /* No Date dimension: refused as a GA4 export that lacks it (see test-samples.c). */
  { "ga4-h2oplumbers, ga4-burnsedia", sample_ga4, NULL, NULL, "Date",
    { "real/ga4-h2oplumbers/Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group).csv",
      "real/ga4-burnsedia/Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group).csv" } },
};

static const HeaderRow *
real_row (const char *preset,
          const char *header)
{
  if (g_str_has_prefix (header, "\xef\xbb\xbf"))
    header += 3;
  for (guint i = 0; i < G_N_ELEMENTS (real_headers); i++)
    if (g_str_equal (real_headers[i].preset, preset) && g_str_equal (real_headers[i].header, header))
      return &real_headers[i];
  return NULL;
}

static void
test_detect (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      const Sample *sample = &samples[s];
      guint n = g_strv_length ((char **) sample->headers);
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyMapping) mapping = tally_mapping_detect (sample->headers, n, sample->file, &error);

      if (sample->preset == NULL)
        {
          if (mapping != NULL)
            g_string_append_printf (problems, "%s: detected as %s, but it must be refused\n",
                                    sample->file, tally_preset_get_id (mapping->preset));
          else if (strstr (error->message, sample->refusal) == NULL ||
                   strstr (error->message, tally_preset_get_name (lookup (GA4))) == NULL)
            g_string_append_printf (problems, "%s: refused with “%s”, which does not name %s\n",
                                    sample->file, error->message, sample->refusal);
          continue;
        }

      if (mapping == NULL)
        {
          g_string_append_printf (problems, "%s: not detected (%s)\n", sample->file, error->message);
          continue;
        }
      if (!g_str_equal (tally_preset_get_id (mapping->preset), sample->preset))
        {
          g_string_append_printf (problems, "%s: detected as %s, not %s\n",
                                  sample->file, tally_preset_get_id (mapping->preset), sample->preset);
          continue;
        }
      if (g_strcmp0 (mapping->header_currency, sample->currency) != 0)
        g_string_append_printf (problems, "%s: currency %s, not %s\n", sample->file,
                                mapping->header_currency != NULL ? mapping->header_currency : "none",
                                sample->currency != NULL ? sample->currency : "none");

      for (guint c = 0; c < n; c++)
        {
          const HeaderRow *row = real_row (sample->preset, sample->headers[c]);
          const char *got = field_name (mapping, c);

          if (row == NULL)
            g_error ("%s: “%s” has no row in real_headers", sample->file, sample->headers[c]);
          if (g_strcmp0 (got, row->field) != 0)
            g_string_append_printf (problems, "%s: column %u “%s” maps onto %s, not %s\n", sample->file, c + 1,
                                    row->header, got != NULL ? got : "nothing",
                                    row->field != NULL ? row->field : "nothing");
        }
    }

  fail_with (problems, "problems detecting the header rows of the real samples");
}

/* The copies above are the header rows the reader finds in the fixtures
 * (the BOM of a first header is the reader's to drop). */
static void
test_sample_copies (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    for (guint f = 0; samples[s].files[f] != NULL; f++)
      {
        g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "samples", samples[s].files[f], NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(TallyTableReader) reader = tally_table_reader_open (path, &error);
        g_auto(GStrv) row = NULL;
        guint n = g_strv_length ((char **) samples[s].headers);

        g_assert_no_error (error);
        g_assert_true (tally_table_reader_next_row (reader, &error));
        g_assert_no_error (error);
        row = tally_table_reader_dup_row (reader);

        if (g_strv_length (row) != n)
          g_string_append_printf (problems, "%s: %u headers, the copy has %u\n", samples[s].files[f], g_strv_length (row), n);
        for (guint c = 0; c < n && row[c] != NULL; c++)
          {
            const char *copy = samples[s].headers[c];

            if (g_str_has_prefix (copy, "\xef\xbb\xbf") && c == 0)
              copy += 3;
            if (!g_str_equal (row[c], copy))
              g_string_append_printf (problems, "%s: column %u is “%s”, the copy has “%s”\n",
                                      samples[s].files[f], c + 1, row[c], copy);
          }
      }

  fail_with (problems, "differences between the copied header rows and the sample files");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/headers/real", test_real_headers);
  g_test_add_func ("/tally/headers/variants", test_variants);
  g_test_add_func ("/tally/headers/negatives", test_negatives);
  g_test_add_func ("/tally/headers/detect", test_detect);
  g_test_add_func ("/tally/headers/sample-copies", test_sample_copies);

  return g_test_run ();
}
