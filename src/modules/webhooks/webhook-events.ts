import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook.entity';

/*
 * The event catalogue: every event type with the version of its payload (`data` in the delivered body)
 * and, for the documented ones, the payload's schema. A payload changes compatibly (a new field) within a
 * version; a removed or re-typed field makes the next version, and the envelope's `version` says which
 * one a delivery carries. `GET /api/v1/webhooks/event-types` serves this table; the schemas are in the
 * contract's components.
 */

const uuid = { type: String, format: 'uuid' } as const;
const nullableUuid = { type: String, format: 'uuid', nullable: true } as const;

export class LeadCreatedEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty({ example: 'api', description: 'How it came in: api, import, web_form, invoice, referral…' })
  source!: string;

  @ApiProperty({ example: 'new', description: 'new, or assigned when taken in by or routed to a rep' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, example: 'high', description: 'high, medium, low or dead' })
  grade!: string | null;

  @ApiProperty(nullableUuid)
  vendorId!: string | null;

  @ApiProperty(nullableUuid)
  ownerRepId!: string | null;
}

export class LeadStatusChangedEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty({ example: 'contacted' })
  from!: string;

  @ApiProperty({ example: 'qualified' })
  to!: string;

  @ApiProperty(nullableUuid)
  vendorId!: string | null;

  @ApiProperty(nullableUuid)
  ownerRepId!: string | null;
}

export class LeadWonEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty({ ...nullableUuid, description: 'The contract that won it; null when won by a status change' })
  contractId!: string | null;

  @ApiProperty({ ...uuid, description: 'The customer the lead became (created now or found)' })
  customerId!: string;
}

export class LeadLostEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty({
    example: 'competitor',
    description: 'price, competitor, no_budget, no_need, no_response, other',
  })
  reason!: string;

  @ApiProperty({ type: String, nullable: true })
  reasonText!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Robotics' })
  competitor!: string | null;

  @ApiProperty(nullableUuid)
  vendorId!: string | null;
}

export class CustomerCreatedEventData {
  @ApiProperty(uuid)
  customerId!: string;

  @ApiProperty({ ...nullableUuid, description: 'The won lead it came from; null when imported from the ERP' })
  leadId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'K-100234', description: 'Set when imported' })
  erpCustomerId!: string | null;
}

export const REP_CHANGES = ['created', 'updated', 'deactivated'] as const;
export type RepChange = (typeof REP_CHANGES)[number];

export class RepChangedEventData {
  @ApiProperty(uuid)
  repId!: string;

  @ApiProperty(uuid)
  vendorId!: string;

  @ApiProperty({ enum: REP_CHANGES, enumName: 'RepChange' })
  change!: RepChange;

  @ApiProperty({
    type: [String],
    example: ['capacity', 'active'],
    description: 'The fields that changed (on `created`: the fields given)',
  })
  fields!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: 'integer', example: 3, description: 'The rep’s version after the change' })
  version!: number;
}

export class VendorStatusChangedEventData {
  @ApiProperty(uuid)
  vendorId!: string;

  @ApiProperty({ example: 'onboarding' })
  from!: string;

  @ApiProperty({ example: 'active' })
  to!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Agreement signed' })
  reason!: string | null;
}

export class AlertEventData {
  @ApiProperty(uuid)
  alertId!: string;

  @ApiProperty({ example: 'rep_idle' })
  type!: string;

  @ApiProperty({ enum: ['info', 'warning', 'critical'], enumName: 'AlertSeverity', example: 'warning' })
  severity!: string;

  @ApiProperty({ example: 'rep', description: 'What the alert is about: rep, lead, vendor, agreement…' })
  subjectType!: string;

  @ApiProperty(uuid)
  subjectId!: string;

  @ApiProperty(nullableUuid)
  vendorId!: string | null;

  @ApiProperty({ example: 'Szabó Katalin has filed no call report for 6 working days' })
  message!: string;
}

export class LeadAssignedEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty(nullableUuid)
  vendorId!: string | null;

  @ApiProperty(nullableUuid)
  ownerRepId!: string | null;

  @ApiProperty({
    example: 'intake',
    description:
      'What routed it: intake, single, bulk, manual, decline, claim, distribute, revival, rematch, offboarding',
  })
  trigger!: string;

  @ApiProperty({ ...nullableUuid, description: 'The assignment rule that matched' })
  ruleId!: string | null;
}

export class LeadReclaimedEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty(nullableUuid)
  poolId!: string | null;

  @ApiProperty(nullableUuid)
  previousOwnerRepId!: string | null;

  @ApiProperty({ enum: ['no_follow_up', 'no_progress'], description: 'Why the lead went back to the pool' })
  cause!: string;
}

export class CallReportFlaggedEventData {
  @ApiProperty(uuid)
  flagId!: string;

  @ApiProperty(uuid)
  callReportId!: string;

  @ApiProperty(uuid)
  repId!: string;

  @ApiProperty({ example: 'impossible_travel' })
  kind!: string;

  @ApiProperty({ example: '812 km in 40 minutes' })
  detail!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: string;
}

export class WebhookTestEventData {
  @ApiProperty(uuid)
  subscriptionId!: string;
}

export class ContractSignedEventData {
  @ApiProperty(uuid)
  contractId!: string;

  @ApiProperty(nullableUuid)
  customerId!: string | null;

  @ApiProperty({ type: String, format: 'date', example: '2026-07-01' })
  signedOn!: string;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 12000000, description: 'Total in minor units of the currency' })
  totalMinor!: number;
}

export class ContractStatusChangedEventData {
  @ApiProperty(uuid)
  contractId!: string;

  @ApiProperty({ example: 'signed' })
  from!: string;

  @ApiProperty({ example: 'active' })
  to!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class ContractExpiringEventData {
  @ApiProperty(uuid)
  contractId!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' })
  endsOn!: string;

  @ApiProperty({ type: 'integer', example: 60 })
  daysLeft!: number;

  @ApiProperty({ type: 'integer', example: 60, description: 'The announcement tier reached (90, 60, 30…)' })
  tierDays!: number;
}

export class RepGradeChangedEventData {
  @ApiProperty(uuid)
  repId!: string;

  @ApiProperty(uuid)
  vendorId!: string;

  @ApiProperty({ example: 'B' })
  from!: string;

  @ApiProperty({ example: 'A' })
  to!: string;

  @ApiProperty({ example: 'earned', description: 'earned, override, override_expired or override_cleared' })
  cause!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-Q2' })
  periodKey!: string | null;
}

export class VendorTierChangedEventData {
  @ApiProperty(uuid)
  vendorId!: string;

  @ApiProperty({ example: 'silver' })
  from!: string;

  @ApiProperty({ example: 'gold' })
  to!: string;

  @ApiProperty({ example: 'A', description: 'The grade that earned the tier' })
  grade!: string;

  @ApiProperty({ example: 'earned', description: 'earned, override, override_expired or override_cleared' })
  cause!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-Q2' })
  periodKey!: string | null;
}

export class LeadPersonalDataErasedEventData {
  @ApiProperty(uuid)
  leadId!: string;

  @ApiProperty({
    enum: ['data_subject_request', 'retention'],
    description: 'Why the contact data was erased',
  })
  trigger!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  erasedAt!: string;
}

export class EventMoneyTotal {
  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 1250000, description: 'Minor units (fen, fillér, cents)' })
  amountMinor!: number;
}

export class StatementApprovedEventData {
  @ApiProperty(uuid)
  statementId!: string;

  @ApiProperty(uuid)
  vendorId!: string;

  @ApiProperty({ ...nullableUuid, description: 'Set for a rep’s own statement; null for the vendor’s' })
  repId!: string | null;

  @ApiProperty({ example: '2026-06', description: 'The settled month' })
  periodKey!: string;

  @ApiProperty({
    type: [EventMoneyTotal],
    description: 'What is owed, one total per currency (never summed across)',
  })
  totals!: EventMoneyTotal[];

  @ApiProperty({ type: 'integer', example: 42 })
  lineCount!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  approvedAt!: string;
}

export class TargetMilestoneEventData {
  @ApiProperty(uuid)
  targetId!: string;

  @ApiProperty({
    type: 'integer',
    example: 50,
    description: 'The milestone passed, in percent of the target (50, 75, 100…)',
  })
  milestone!: number;

  @ApiProperty({ example: 'revenue', description: 'The target’s metric' })
  metric!: string;

  @ApiProperty({ example: '2026-Q3' })
  periodKey!: string;

  @ApiProperty({ enum: ['company', 'sales_unit', 'vendor', 'rep'], example: 'vendor' })
  ownerKind!: string;

  @ApiProperty(nullableUuid)
  ownerId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY', description: 'Set for money metrics' })
  currency!: string | null;

  @ApiProperty({ type: 'number', example: 1000000, description: 'The target value (minor units for money)' })
  target!: number;

  @ApiProperty({ type: 'number', example: 520000, description: 'Done so far, in the same unit' })
  actual!: number;

  @ApiProperty({ type: 'number', example: 52 })
  attainmentPercent!: number;
}

export interface EventCatalogueEntry {
  /** The payload version deliveries of this type carry now. */
  version: number;
  summary: string;
  /**
   * The payload's schema: a class documented here, or the name of a response schema the owning module's
   * API already documents (the event carries that very object); null where it is not documented yet.
   */
  payload: Type<unknown> | string | null;
}

export const EVENT_CATALOGUE: Record<WebhookEventType, EventCatalogueEntry> = {
  'alert.raised': { version: 1, summary: 'A scheduler check raised an alert', payload: AlertEventData },
  'alert.resolved': { version: 1, summary: 'An alert’s condition cleared', payload: AlertEventData },
  'lead.created': {
    version: 1,
    summary: 'A lead was taken in (create, import, CSV, invoice, upsert by external id)',
    payload: LeadCreatedEventData,
  },
  'lead.status_changed': {
    version: 1,
    summary:
      'A lead moved to another status by a status change, a follow-up or a won contract (assignment and ' +
      'reclaim have their own events)',
    payload: LeadStatusChangedEventData,
  },
  'lead.assigned': { version: 1, summary: 'Routing gave a lead an owner', payload: LeadAssignedEventData },
  'lead.reclaimed': { version: 1, summary: 'A lead went back to the pool', payload: LeadReclaimedEventData },
  'lead.won': {
    version: 1,
    summary: 'A lead was won, by a status change or a signed contract',
    payload: LeadWonEventData,
  },
  'lead.lost': { version: 1, summary: 'A lead was lost, with the reason', payload: LeadLostEventData },
  'call_report.flagged': {
    version: 1,
    summary: 'A call report was flagged implausible',
    payload: CallReportFlaggedEventData,
  },
  'statement.approved': {
    version: 1,
    summary: 'A settlement statement was approved',
    payload: StatementApprovedEventData,
  },
  'webhook.test': { version: 1, summary: 'A ping of the subscription', payload: WebhookTestEventData },
  'contract.signed': { version: 1, summary: 'A contract was signed', payload: ContractSignedEventData },
  'contract.status_changed': {
    version: 1,
    summary: 'A contract moved to another status',
    payload: ContractStatusChangedEventData,
  },
  'contract.expiring': {
    version: 1,
    summary: 'A contract nears its end',
    payload: ContractExpiringEventData,
  },
  'customer.created': {
    version: 1,
    summary: 'A customer was created, from a won lead or an ERP import',
    payload: CustomerCreatedEventData,
  },
  'target.milestone': {
    version: 1,
    summary: 'A target reached a milestone',
    payload: TargetMilestoneEventData,
  },
  'rep.changed': {
    version: 1,
    summary: 'A rep was created, edited or deactivated (earned grades have `rep.grade_changed`)',
    payload: RepChangedEventData,
  },
  'rep.grade_changed': {
    version: 1,
    summary: 'A rep’s earned grade changed',
    payload: RepGradeChangedEventData,
  },
  'vendor.status_changed': {
    version: 1,
    summary: 'A vendor moved to another status (onboarding, active, suspended, offboarded…)',
    payload: VendorStatusChangedEventData,
  },
  'vendor.tier_changed': {
    version: 1,
    summary: 'A vendor’s earned tier changed',
    payload: VendorTierChangedEventData,
  },
  // The digest as `GET /digests/mine` answers it.
  'digest.daily': { version: 1, summary: 'The daily alert digest', payload: 'DigestDto' },
  'digest.weekly': { version: 1, summary: 'The weekly alert digest', payload: 'DigestDto' },
  'lead.personal_data_erased': {
    version: 1,
    summary: 'A lead’s contact persons were erased (data-subject request or retention); ids only',
    payload: LeadPersonalDataErasedEventData,
  },
};

/** The body of every delivery: the same envelope around each event type's `data`. */
export class WebhookEventEnvelope {
  @ApiProperty({ ...uuid, description: 'The event’s id: the same on every retry (header `OSM-Event-Id`)' })
  id!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', example: 'lead.created' })
  type!: WebhookEventType;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'The payload version (header `OSM-Event-Version`)',
  })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T09:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({
    ...nullableUuid,
    description: 'The vendor the event belongs to; null for company-wide events',
  })
  vendorId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload of the event type' })
  data!: Record<string, unknown>;
}

/** The payload schemas documented here, for the contract's components (named ones are there already). */
export const EVENT_PAYLOAD_MODELS: Type<unknown>[] = [
  WebhookEventEnvelope,
  ...new Set(
    Object.values(EVENT_CATALOGUE).flatMap((entry) =>
      entry.payload && typeof entry.payload !== 'string' ? [entry.payload] : [],
    ),
  ),
];

const DELIVERY_HEADERS = [
  ['OSM-Event-Id', 'The event’s id; receivers de-duplicate on it (delivery is at least once)'],
  ['OSM-Event-Type', 'The event type, as in the body'],
  ['OSM-Event-Version', 'The payload version, as in the body'],
  ['OSM-Delivery-Id', 'This delivery (one per subscription and event), as in the delivery log'],
  [
    'OSM-Signature',
    '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the subscription’s secret',
  ],
] as const;

/**
 * The events the API sends, one entry per type, as the `x-webhooks` section of the contract (the OpenAPI
 * 3.1 `webhooks` shape in a 3.0 document): a POST to the subscriber's URL whose body is the envelope with
 * the type's payload as `data`.
 */
export function webhooksSection(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const entry = EVENT_CATALOGUE[type];
      const payload = entry.payload
        ? {
            $ref: `#/components/schemas/${typeof entry.payload === 'string' ? entry.payload : entry.payload.name}`,
          }
        : { type: 'object', additionalProperties: true };
      return [
        type,
        {
          post: {
            summary: entry.summary,
            description:
              `Sent to every active subscription to \`${type}\` (a vendor-bound client only for its vendor's ` +
              `events), signed with the subscription's secret; payload version ${entry.version}. Answer 2xx ` +
              'within the timeout; anything else is retried with back-off, and a subscription failing ' +
              'for long enough is switched off.',
            operationId: `${type.replace(/[._](\w)/g, (_match, letter: string) => letter.toUpperCase())}Event`,
            tags: ['webhooks'],
            parameters: DELIVERY_HEADERS.map(([name, description]) => ({
              in: 'header',
              name,
              required: true,
              description,
              schema: { type: 'string' },
            })),
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    allOf: [
                      { $ref: '#/components/schemas/WebhookEventEnvelope' },
                      {
                        type: 'object',
                        properties: { type: { type: 'string', enum: [type] }, data: payload },
                      },
                    ],
                  },
                },
              },
            },
            responses: { '200': { description: 'Received; any 2xx status acknowledges the delivery' } },
          },
        },
      ];
    }),
  );
}
