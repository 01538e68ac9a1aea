import { ImportMappingRules, ImportMappingTarget } from './import-mapping.rules';

/** A mapping shipped with OSM for a well-known export; read-only, listed beside the saved ones. */
export interface ImportMappingPreset extends ImportMappingRules {
  name: string;
  description: string;
}

const SALESFORCE_LEAD_SOURCE: Record<string, string> = {
  Web: 'web_form',
  'Phone Inquiry': 'import',
  'Partner Referral': 'partner',
  Partner: 'partner',
  'Employee Referral': 'referral',
  'External Referral': 'referral',
  'Word of mouth': 'referral',
  'Trade Show': 'event',
  'Seminar - Internal': 'event',
  'Seminar - Partner': 'event',
  Webinar: 'event',
  'Purchased List': 'import',
  Advertisement: 'import',
  Other: 'import',
  '*': 'import',
};

/**
 * Salesforce Setup → Data Export (or a Leads report) of the Lead object. Lead Status, Industry, address,
 * owner and revenue columns are skipped: OSM sets status by working the lead, and industries and regions
 * must be codes OSM knows (copy this preset into a saved mapping to add your own value maps for them).
 */
const SALESFORCE_LEAD: ImportMappingPreset = {
  name: 'salesforce-lead',
  description: 'Salesforce Lead export (report or Data Export, column labels as headers)',
  target: ImportMappingTarget.LEADS,
  columns: {
    'First Name': 'contactName',
    'Last Name': 'contactName',
    Company: 'companyName',
    Title: 'contactTitle',
    Email: 'contactEmail',
    Phone: 'contactPhone',
    Mobile: 'contactPhone',
    Website: 'website',
    'Lead Source': 'source',
    Rating: 'tags',
    Description: 'needs',
  },
  values: {
    'Lead Source': SALESFORCE_LEAD_SOURCE,
    Rating: { Hot: 'rating-hot', Warm: 'rating-warm', Cold: 'rating-cold', '*': '' },
  },
  ignoreUnknownColumns: true,
};

/**
 * Odoo CRM → Leads/Pipeline → Export, "import-compatible" (field names as headers). The opportunity
 * title and its notes become the needs; stage and priority become tags; revenue, probability,
 * salesperson and address are skipped.
 */
const ODOO_CRM_LEAD: ImportMappingPreset = {
  name: 'odoo-crm-lead',
  description: 'Odoo crm.lead export (import-compatible, technical field names as headers)',
  target: ImportMappingTarget.LEADS,
  columns: {
    name: 'needs',
    partner_name: 'companyName',
    contact_name: 'contactName',
    email_from: 'contactEmail',
    phone: 'contactPhone',
    mobile: 'contactPhone',
    function: 'contactTitle',
    website: 'website',
    description: 'needs',
    tag_ids: 'tags',
    stage_id: 'tags',
    priority: 'tags',
    source_id: 'source',
    campaign_id: 'sourceCampaign',
  },
  values: {
    stage_id: {
      New: 'stage-new',
      Qualified: 'stage-qualified',
      Proposition: 'stage-proposition',
      Won: 'stage-won',
      '*': '',
    },
    priority: {
      Low: '',
      Medium: 'priority-medium',
      High: 'priority-high',
      'Very High': 'priority-very-high',
      '*': '',
    },
    source_id: {
      'Search engine': 'web_form',
      Website: 'web_form',
      Newsletter: 'import',
      Referral: 'referral',
      'Lead Recall': 'import',
      '*': 'import',
    },
  },
  ignoreUnknownColumns: true,
};

/**
 * HubSpot Contacts → Export (property labels as headers). Lifecycle Stage and Lead Status become tags,
 * Original Source the channel; owner, address, industry and dates are skipped.
 */
const HUBSPOT_CONTACTS: ImportMappingPreset = {
  name: 'hubspot-contacts',
  description: 'HubSpot contacts export (property labels as headers)',
  target: ImportMappingTarget.LEADS,
  columns: {
    'First Name': 'contactName',
    'Last Name': 'contactName',
    Email: 'contactEmail',
    'Phone Number': 'contactPhone',
    'Mobile Phone Number': 'contactPhone',
    'Company Name': 'companyName',
    'Job Title': 'contactTitle',
    'Website URL': 'website',
    'Lifecycle Stage': 'tags',
    'Lead Status': 'tags',
    'Original Source': 'source',
  },
  values: {
    'Lifecycle Stage': {
      Subscriber: 'lifecycle-subscriber',
      Lead: 'lifecycle-lead',
      'Marketing Qualified Lead': 'lifecycle-mql',
      'Sales Qualified Lead': 'lifecycle-sql',
      Opportunity: 'lifecycle-opportunity',
      Customer: 'lifecycle-customer',
      Evangelist: 'lifecycle-evangelist',
      '*': '',
    },
    'Lead Status': {
      'In Progress': 'hubspot-in-progress',
      'Open Deal': 'hubspot-open-deal',
      Unqualified: 'hubspot-unqualified',
      'Attempted to Contact': 'hubspot-attempted',
      Connected: 'hubspot-connected',
      'Bad Timing': 'hubspot-bad-timing',
      '*': '',
    },
    'Original Source': {
      'Organic Search': 'web_form',
      'Paid Search': 'web_form',
      'Direct Traffic': 'web_form',
      'Social Media': 'web_form',
      'Paid Social': 'web_form',
      Referrals: 'referral',
      'Email Marketing': 'import',
      'Offline Sources': 'import',
      'Other Campaigns': 'import',
      '*': 'import',
    },
  },
  ignoreUnknownColumns: true,
};

/**
 * A customer's region code only tells the country of a national phone number, and OSM reads national
 * numbers of China and Hungary alone (others must come as +…). So the account presets translate those
 * two countries (English, local and ISO names) and leave every other country empty rather than refuse
 * the file over a name OSM has no code for.
 */
const COUNTRY_TO_REGION: Record<string, string> = {
  China: 'CN',
  "People's Republic of China": 'CN',
  'China (Mainland)': 'CN',
  中国: 'CN',
  中华人民共和国: 'CN',
  CN: 'CN',
  Hungary: 'HU',
  Magyarország: 'HU',
  HU: 'HU',
  '*': '',
};

/** Odoo's country external ids (country_id/id), `base.<iso code>`. */
const ODOO_COUNTRY_TO_REGION: Record<string, string> = { 'base.cn': 'CN', 'base.hu': 'HU', '*': '' };

/**
 * Salesforce Setup → Data Export of the Account object (API names as headers: Id, Name, BillingCountry)
 * or an Accounts report (labels: Account ID, Account Name, Billing Country). The Salesforce record id is
 * the customer's id, so a second export of the same org matches the first. Accounts carry no email or
 * standard tax id; Website, Industry, Type, BillingState/City and owner are skipped (OSM keeps none of
 * them on a customer; the state adds nothing to the country a phone number is read in).
 */
const SALESFORCE_ACCOUNT: ImportMappingPreset = {
  name: 'salesforce-account',
  description:
    'Salesforce Account export (Data Export with API names, or a report with column labels); ' +
    'BillingCountry China/Hungary become CN/HU, other countries are left empty',
  target: ImportMappingTarget.CUSTOMERS,
  columns: {
    Id: 'erpCustomerId',
    'Account ID': 'erpCustomerId',
    Name: 'name',
    'Account Name': 'name',
    Phone: 'phone',
    BillingCountry: 'regionCode',
    'Billing Country': 'regionCode',
  },
  values: { BillingCountry: COUNTRY_TO_REGION, 'Billing Country': COUNTRY_TO_REGION },
  ignoreUnknownColumns: true,
};

/**
 * Odoo Contacts → Export of res.partner, "import-compatible" (technical field names as headers). The
 * external id (`id`, e.g. `__export__.res_partner_42_1a2b3c4d`) is the customer's id; vat the tax id;
 * phone before mobile. Filter on "Is a Company" before exporting: a person's row would be imported as a
 * customer of its own. ref, website, street, city, state_id, category_id and user_id are skipped.
 */
const ODOO_RES_PARTNER: ImportMappingPreset = {
  name: 'odoo-res-partner',
  description:
    'Odoo res.partner export (import-compatible, technical field names as headers; export companies ' +
    'only); country_id China/Hungary (or base.cn/base.hu) become CN/HU, other countries are left empty',
  target: ImportMappingTarget.CUSTOMERS,
  columns: {
    id: 'erpCustomerId',
    name: 'name',
    vat: 'taxId',
    phone: 'phone',
    mobile: 'phone',
    email: 'email',
    country_id: 'regionCode',
    'country_id/id': 'regionCode',
  },
  values: { country_id: COUNTRY_TO_REGION, 'country_id/id': ODOO_COUNTRY_TO_REGION },
  ignoreUnknownColumns: true,
};

/**
 * HubSpot Companies → Export (property labels as headers). The Record ID is the customer's id; older
 * exports label the company name "Name". Companies have no email or tax id property; the domain,
 * industry, state, city, owner and lifecycle columns are skipped.
 */
const HUBSPOT_COMPANIES: ImportMappingPreset = {
  name: 'hubspot-companies',
  description:
    'HubSpot companies export (property labels as headers); Country/Region China/Hungary become CN/HU, ' +
    'other countries are left empty',
  target: ImportMappingTarget.CUSTOMERS,
  columns: {
    'Record ID': 'erpCustomerId',
    'Company name': 'name',
    Name: 'name',
    'Phone Number': 'phone',
    'Country/Region': 'regionCode',
  },
  values: { 'Country/Region': COUNTRY_TO_REGION },
  ignoreUnknownColumns: true,
};

/** Lead presets first, then the customer (account) ones. */
export const IMPORT_MAPPING_PRESETS: readonly ImportMappingPreset[] = [
  SALESFORCE_LEAD,
  ODOO_CRM_LEAD,
  HUBSPOT_CONTACTS,
  SALESFORCE_ACCOUNT,
  ODOO_RES_PARTNER,
  HUBSPOT_COMPANIES,
];

export function findPreset(name: string): ImportMappingPreset | undefined {
  return IMPORT_MAPPING_PRESETS.find((preset) => preset.name === name);
}
