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

export const IMPORT_MAPPING_PRESETS: readonly ImportMappingPreset[] = [
  SALESFORCE_LEAD,
  ODOO_CRM_LEAD,
  HUBSPOT_CONTACTS,
];

export function findPreset(name: string): ImportMappingPreset | undefined {
  return IMPORT_MAPPING_PRESETS.find((preset) => preset.name === name);
}
