/**
 * What the leads module offers the modules above it, in one place: they import from this file only
 * (test/architecture.spec.ts holds them to it); everything else in leads/ is its own business. Services
 * that other modules call take the caller's `manager` first.
 */

// ---- the module and its services ----
export { LeadsModule } from './leads.module';
export { LeadsService, type LeadForContract } from './leads.service';
export { LeadQueriesService } from './lead-queries.service';
export { CustomersService } from './customers/customers.service';
export { LeadMetricsService } from './metrics/lead-metrics.service';
export {
  LeadAnalyticsService,
  PERIOD_KEY_SQL,
  type LeadMeasureRow,
  type LeadSliceFilter,
  type PeriodGrain,
} from './metrics/lead-analytics.service';
export { LeadPipelineService, type WeightedPipelineGroupKey } from './pipeline/lead-pipeline.service';
export {
  ERASED_MARKER,
  LeadPersonalDataService,
  type ContactPersonMatch,
  type ErasedLead,
} from './personal-data/lead-personal-data.service';
export { CONTACTS_READ, ContactReadsRecorder } from './personal-data/contact-reads';
export { RoutingService } from './routing/routing.service';
export { RoutingCertifications } from './routing/routing-certifications';
export { PoolService } from './pool/pool.service';

// ---- demo data ----
export { LeadDemoSeeder } from './leads.demo';
export { RoutingDemoSeeder } from './routing/routing.demo';

// ---- records, enums and request/response shapes other modules reuse ----
export type { Lead, ListedLead } from './lead.entity';
export { ContactReadPurpose, LeadGrade, LeadSource, LeadStatus } from './lead.enums';
export { INDUSTRY_CODE_PATTERN, ListLeadsQuery } from './leads.dto';
export { CustomerDto, GetCustomerQuery, mapCustomer } from './customers/customers.dto';
export type { AssignmentDecision } from './routing/assignment-decision.entity';
export { AssignmentDecisionDto, mapAssignmentDecision } from './routing/routing.dto';
export { FORECAST_CATEGORIES, type ForecastCategory } from './pipeline/lead-pipeline.rules';
export { FORECAST_CATEGORY_ENUM } from './pipeline/lead-pipeline.dto';

// ---- rules other modules apply the same way ----
export { parseCsv } from './intake/lead-csv';
export { normaliseEmail, normalisePhone } from './intake/lead-keys.rules';
export { firstResponseState, workingHoursBetween } from './metrics/first-response-sla.rules';
