import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { Page, PageQuery, mapPage, REPLICA_PAGES_NOTE } from '../../common/pagination/pagination';
import { LeadSource } from './lead.enums';
import {
  ImportInvoicesDto,
  ImportLeadsDto,
  ImportOutcome,
  ImportResultDto,
  MAX_IMPORT_ROWS,
} from './intake/lead-imports.dto';
import { LEAD_CSV_COLUMNS, LeadImportsService } from './intake/lead-imports.service';
import { ImportMappingQuery } from './intake/import-mappings.dto';
import { intakeRefusal, LeadIntakeService } from './intake/lead-intake.service';
import { LeadUpsertService } from './intake/lead-upsert.service';
import { ExternalIdPath } from '../../common/validation/external-id';
import { ConversionMetricsDto, ConversionMetricsQuery } from './metrics/lead-metrics.dto';
import { LeadMetricsService } from './metrics/lead-metrics.service';
import { LEAD_STATUS_RULES_TEXT } from './lead-status.rules';
import {
  ChangeLeadStatusDto,
  CreateLeadDto,
  DueFollowUpDto,
  DueFollowUpPage,
  FollowUpPlanDto,
  GetLeadQuery,
  LeadActivityDto,
  LeadActivityPage,
  LeadDto,
  LeadInputDto,
  LeadPage,
  ListDueFollowUpsQuery,
  ListLeadsQuery,
  mapLead,
  mapLeadActivity,
  MergeLeadsDto,
  RecordLeadActivityDto,
  RefreshGradesResultDto,
  SetKeyLeadDto,
  UpdateLeadDto,
} from './leads.dto';
import { LeadsService } from './leads.service';
import { ContactReadsRecorder, type ShownLead } from './personal-data/contact-reads';
import type { LeadView } from './lead.entity';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag (version) last read; stale → 412',
  example: '"1"',
});

const MAPPING_RULE =
  'With `mapping` (a saved import mapping or a preset: salesforce-lead, odoo-crm-lead, hubspot-contacts) the ' +
  'rows are in the other system’s own columns and values (JSON: objects of text, number or boolean values ' +
  'keyed by its column names); the mapping translates them and the same checks, dedupe and all-or-nothing ' +
  'rules apply. Errors and results then name the source column (`rows.2.Email`, `field: Email`), and a ' +
  'header the mapping does not fit is refused whole with 400 naming `header.<column>`.';

const INTAKE_RULES =
  'Dedupe keys, tried in this order: tax id (USCC check character / adószám check digit verified, ' +
  'normalised), company name (NFKC, full-width → half-width, case, punctuation and legal forms such as ' +
  '有限公司, Kft., Zrt., GmbH, Ltd stripped), contact phone (E.164), contact email (lower-cased). ' +
  'A company that is already a customer is refused with EXISTING_CUSTOMER; one whose lead was rejected ' +
  'for no intent with LEAD_NO_INTENT; a duplicate is not created but recorded as a touch on the lead it ' +
  'matches. Leads taken in by company-wide callers are unassigned (status new); a vendor manager or ' +
  'vendor-bound client takes them in for its vendor, a rep for themself (status assigned).';

const shownLead = (lead: LeadView): ShownLead => ({
  id: lead.id,
  vendorId: lead.vendorId,
  hasContacts: (lead.contacts?.length ?? 0) > 0,
});

const CONTACT_READ_RULE =
  'Reading contact persons is recorded: an audit entry (entityType lead, action contacts_read) with the ' +
  'caller, the leads and the purpose (`purpose`, default sales_follow_up). Leads without contacts, or with ' +
  'contacts masked for the caller, are not recorded.';

@ApiTags('leads')
@Controller('leads')
@Auth(...ALL_ROLES)
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly intake: LeadIntakeService,
    private readonly imports: LeadImportsService,
    private readonly metrics: LeadMetricsService,
    private readonly upserts: LeadUpsertService,
    private readonly contactReads: ContactReadsRecorder,
  ) {}

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Take in one lead',
    description: INTAKE_RULES,
    created: LeadDto,
    problems: [
      400,
      ErrorCode.LEAD_DUPLICATE,
      ErrorCode.EXISTING_CUSTOMER,
      ErrorCode.LEAD_NO_INTENT,
      ErrorCode.LEAD_REFERENCE_UNKNOWN,
    ],
  })
  async createLead(
    @Body() body: CreateLeadDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    const [outcome] = await this.intake.intake([body], { scope, principal, defaultSource: LeadSource.API });
    if (outcome.outcome === ImportOutcome.CREATED)
      return mapLead(await this.leads.getLead(outcome.id!, scope), scope);
    throw intakeRefusal(outcome);
  }

  @Put('by-external-id/:source/:externalId')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Take in or update the lead another system holds under its own id (idempotent upsert)',
    description:
      'For an ERP or CRM that keeps its own lead ids: one id per source system, one lead per (source, id). ' +
      'An id not known yet takes the body in exactly as `createLead` does (same validation, dedupe, grading ' +
      'and routing) and links the id: 201. When the company already has a lead the caller may see and that ' +
      'lead has no id from this source, the id is linked to it and its profile edited: 200. A known id edits ' +
      'the lead’s profile as `updateLead` does (fields left out are kept; registered capital and the source ' +
      'fields are set at intake only): 200, and the same body again writes nothing (no new version, no ' +
      'history). A vendor-bound client reaches only its vendor’s leads: an id held by a lead outside its ' +
      'scope is 404. ' +
      INTAKE_RULES,
    ok: { type: LeadDto, description: 'The lead was known (or linked) and now matches the body' },
    created: { type: LeadDto, description: 'The lead was taken in and the id linked to it' },
    problems: [
      400,
      404,
      ErrorCode.LEAD_DUPLICATE,
      ErrorCode.EXISTING_CUSTOMER,
      ErrorCode.LEAD_NO_INTENT,
      ErrorCode.LEAD_REFERENCE_UNKNOWN,
    ],
  })
  async upsertLeadByExternalId(
    @Param() path: ExternalIdPath,
    @Body() body: CreateLeadDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadDto> {
    const { lead, created } = await this.upserts.upsertLeadByExternalId(
      path.source,
      path.externalId,
      body,
      scope,
      principal,
    );
    void reply.status(created ? 201 : 200);
    return mapLead(lead, scope);
  }

  @Post('imports')
  @Idempotent()
  @HttpCode(200)
  @ApiExtraModels(LeadInputDto)
  @Endpoint({
    summary: `Import up to ${MAX_IMPORT_ROWS} leads from JSON rows, with a result per row`,
    description:
      `${INTAKE_RULES} A request with rows of the wrong shape (types, unknown fields, unknown enums, more than ` +
      `${MAX_IMPORT_ROWS} rows) is refused whole with 400 naming rows.N.field, and nothing is written. Rows with a ` +
      'bad phone, email or tax id, an unknown reference, an existing customer or a no-intent company are ' +
      'rejected one by one in the result; rows that duplicate an earlier row of the same request are duplicates of it. ' +
      MAPPING_RULE,
    ok: ImportResultDto,
    problems: [400],
  })
  importLeads(
    @Body() body: ImportLeadsDto,
    @Query() query: ImportMappingQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResultDto> {
    return this.imports.importLeads(body.rows, scope, principal, query.mapping);
  }

  @Post('imports/csv')
  @Idempotent()
  @HttpCode(200)
  @Endpoint({
    summary: `Import up to ${MAX_IMPORT_ROWS} leads from a CSV file, with a result per row`,
    description:
      'Send the file itself as the body with `Content-Type: text/csv` (UTF-8, RFC 4180, comma separated, ' +
      `first line a header). Columns: ${LEAD_CSV_COLUMNS.join(', ')} — companyName required, the others ` +
      'optional and in any order; productLineIds and tags are separated by `;`; one contact per line. ' +
      'A file that is not UTF-8, has an unknown or missing column, a line with the wrong number of cells, a ' +
      `cell of the wrong format or more than ${MAX_IMPORT_ROWS} lines is refused whole with 400 naming the ` +
      `row and field, and nothing is written. ${INTAKE_RULES} ${MAPPING_RULE}`,
    ok: ImportResultDto,
    problems: [400, 415],
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'companyName,taxId,regionCode,contactPhone\n华为技术有限公司,914403001922038216,CN-GD,13812345678\n',
    },
  })
  importLeadsCsv(
    @Body() body: unknown,
    @Query() query: ImportMappingQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResultDto> {
    return this.imports.importLeadsCsv(body, scope, principal, query.mapping);
  }

  @Post('invoice-imports')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Turn ERP invoice buyers into leads',
    description:
      'Each invoice row names a buyer. A buyer that is already a customer is `skipped` (EXISTING_CUSTOMER); ' +
      'an unknown buyer becomes a lead with source `invoice` (the invoice number as its campaign), or a touch ' +
      'on the lead it duplicates. Several invoices of one new buyer make one lead.',
    ok: ImportResultDto,
    problems: [400],
  })
  importLeadInvoices(
    @Body() body: ImportInvoicesDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResultDto> {
    return this.imports.importInvoices(body.rows, scope, principal);
  }

  @Get()
  @Endpoint({
    summary: 'List leads in the caller’s scope, oldest first',
    description:
      'A rep sees the leads they own, a vendor manager (or vendor-bound client) its vendor’s, company-wide ' +
      `callers all, including unassigned ones. ${CONTACT_READ_RULE} A page is one entry naming every lead ` +
      `whose contacts it showed. ${REPLICA_PAGES_NOTE}`,
    ok: LeadPage,
    problems: [400],
  })
  async listLeads(
    @Query() query: ListLeadsQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<LeadDto>> {
    const page = await this.leads.listLeads(query, scope);
    await this.contactReads.record(page.data.map(shownLead), scope, principal, query.purpose);
    return { data: page.data.map((lead) => mapLead(lead, scope)), nextCursor: page.nextCursor };
  }

  @Get('follow-ups/due')
  @Endpoint({
    summary: 'My day: follow-ups due today or overdue',
    description:
      'Open leads in the caller’s scope whose next follow-up falls before the end of today in `timeZone`, ' +
      'earliest first; `overdue` marks those already past.',
    ok: DueFollowUpPage,
    problems: [400],
  })
  async listDueFollowUps(
    @Query() query: ListDueFollowUpsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<DueFollowUpDto>> {
    const page = await this.leads.listDueFollowUps(query, scope);
    return {
      data: page.data.map(({ lead, overdue }) => ({
        leadId: lead.id,
        companyName: lead.companyName,
        status: lead.status,
        grade: lead.grade,
        keyLead: lead.keyLead,
        vendorId: lead.vendorId,
        ownerRepId: lead.ownerRepId,
        nextFollowUpDue: lead.nextFollowUpDue!.toISOString(),
        overdue,
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Get('metrics/conversion')
  @Endpoint({
    summary: 'Lead conversion by source, vendor, rep, region or industry',
    description:
      'Leads taken in during [from, to), how many of them were won, the rate and the average days from ' +
      'intake to won, per group and in total; within the caller’s scope.',
    ok: ConversionMetricsDto,
    problems: [400],
  })
  getLeadConversionMetrics(
    @Query() query: ConversionMetricsQuery,
    @Scope() scope: DataScope,
  ): Promise<ConversionMetricsDto> {
    return this.metrics.getLeadConversionMetrics(query, scope);
  }

  @Post('grades/refresh')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Grade all open leads again',
    description: 'Engagement decays with time: leads untouched past the configured days become dead.',
    ok: RefreshGradesResultDto,
  })
  refreshLeadGrades(@CurrentPrincipal() principal: Principal): Promise<RefreshGradesResultDto> {
    return this.leads.refreshLeadGrades(principal);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a lead with its score factors; the ETag carries its version',
    description: CONTACT_READ_RULE,
    ok: LeadDto,
    problems: [400, 404],
  })
  async getLead(
    @UuidParam('id') id: string,
    @Query() query: GetLeadQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    const lead = await this.leads.getLead(id, scope);
    await this.contactReads.record([shownLead(lead)], scope, principal, query.purpose);
    return mapLead(lead, scope);
  }

  @Patch(':id')
  @IF_MATCH
  @Endpoint({
    summary: 'Edit a lead’s profile, contacts, needs and tags (keys and grade follow)',
    description:
      'Any role that may see the lead, within its scope. Changes the company profile, contact ' +
      'persons, needs, product lines and tags; the matching keys (company name, tax id, email, ' +
      'phone) and the grade are computed again. A change that makes it a duplicate of another open ' +
      'lead is 409 `LEAD_DUPLICATE`, one that matches an existing customer 409 ' +
      '`EXISTING_CUSTOMER`. Audited in the lead’s history; send If-Match (stale: 412).',
    ok: LeadDto,
    problems: [400, 404, 412, ErrorCode.EXISTING_CUSTOMER, ErrorCode.LEAD_DUPLICATE],
  })
  async updateLead(
    @UuidParam('id') id: string,
    @Body() body: UpdateLeadDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<LeadDto> {
    return mapLead(await this.leads.updateLead(id, body, ifMatch, scope, principal), scope);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Endpoint({
    summary: 'Move a lead to another status',
    description: LEAD_STATUS_RULES_TEXT,
    ok: LeadDto,
    problems: [400, 404, 409],
  })
  async changeLeadStatus(
    @UuidParam('id') id: string,
    @Body() body: ChangeLeadStatusDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    return mapLead(await this.leads.changeLeadStatus(id, body, scope, principal), scope);
  }

  @Post(':id/activities')
  @Idempotent()
  @Endpoint({
    summary: 'Record a follow-up on a lead',
    description:
      'Appends to the lead’s history and, in the same transaction, moves the status (statusTo), sets the ' +
      `last activity time and the next follow-up due (given, or from the plan). ${LEAD_STATUS_RULES_TEXT}`,
    created: LeadActivityDto,
    problems: [400, 404, 409],
  })
  async recordLeadActivity(
    @UuidParam('id') id: string,
    @Body() body: RecordLeadActivityDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadActivityDto> {
    return mapLeadActivity(await this.leads.recordLeadActivity(id, body, scope, principal));
  }

  @Get(':id/activities')
  @Endpoint({
    summary: 'A lead’s history, newest first (append-only; includes merged leads’ history)',
    description:
      'Any role that may see the lead. Its history, newest first with cursor pagination: intake, ' +
      'status changes, follow-ups, assignments, reclaims and edits, each with who and when. The ' +
      'history is append-only, and includes the history of leads merged into this one.',
    ok: LeadActivityPage,
    problems: [400, 404],
  })
  async listLeadActivities(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<LeadActivityDto>> {
    const page = await this.leads.listLeadActivities(id, query, scope);
    return mapPage(page, mapLeadActivity);
  }

  @Put(':id/follow-up-plan')
  @Endpoint({
    summary: 'Set a lead’s follow-up plan',
    description: 'every_n_days, weekly, monthly or explicit dates; sets nextFollowUpDue from now.',
    ok: LeadDto,
    problems: [400, 404, 409],
  })
  async setLeadFollowUpPlan(
    @UuidParam('id') id: string,
    @Body() body: FollowUpPlanDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    return mapLead(await this.leads.setFollowUpPlan(id, body, scope, principal), scope);
  }

  @Put(':id/key-lead')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Flag or unflag a key lead by hand',
    description:
      'A flag set by hand is kept as it is by the grading rule (grade high and a large company, or a named account).',
    ok: LeadDto,
    problems: [400, 404],
  })
  async setKeyLead(
    @UuidParam('id') id: string,
    @Body() body: SetKeyLeadDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    return mapLead(await this.leads.setKeyLead(id, body.keyLead, body.reason, scope, principal), scope);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Merge a duplicate lead into this one, keeping all history',
    description:
      'The duplicate’s contacts and touches move to this lead; the duplicate is marked merged and its ' +
      'history shows in this lead’s history.',
    ok: LeadDto,
    problems: [400, 404, 409],
  })
  async mergeLeads(
    @UuidParam('id') id: string,
    @Body() body: MergeLeadsDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadDto> {
    return mapLead(await this.leads.mergeLeads(id, body.duplicateLeadId, scope, principal), scope);
  }
}
