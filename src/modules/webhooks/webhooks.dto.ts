import { EVENT_CATALOGUE } from './webhook-events';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { PageOf } from '../../common/pagination/pagination';
import {
  type DeliveryStatus,
  WEBHOOK_EVENT_TYPES,
  WebhookDelivery,
  type WebhookEventType,
  WebhookSubscription,
} from './webhook.entity';
import { UuidField, TextField, BooleanField } from '../../common/validation/fields';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookSubscriptionDto {
  @ApiProperty({
    example: 'https://erp.example.com/osm/events',
    description: 'http(s) only; redirects are not followed',
  })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    example: ['alert.raised'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: WebhookEventType[];

  @UuidField({
    optional: true,
    description: 'Only this vendor’s events (vendor-bound clients: always theirs)',
  })
  vendorId?: string;

  @TextField({ optional: true, example: 'Kingdee alerts inbox', maxLength: 200 })
  description?: string;
}

export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://erp.example.com/osm/events' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @TextField({ optional: true, maxLength: 200 })
  description?: string;

  @BooleanField({
    optional: true,
    description: 'Re-enabling resets the failure streak and sends the held backlog in order',
  })
  active?: boolean;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://erp.example.com/osm/events' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  eventTypes!: WebhookEventType[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ example: 'Kingdee alerts inbox' })
  description!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ example: 0 })
  consecutiveFailures!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'Start of the current streak of failed attempts; null while deliveries succeed',
  })
  failingSince!: string | null;

  @ApiProperty({
    example: 0,
    description:
      'Held deliveries dropped because the backlog of the switched-off subscription was full (10 000)',
  })
  droppedWhileDisabled!: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  disabledReason!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({
    description:
      'Signing secret, shown once. Each delivery carries `OSM-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
    example: 'whsec_3q2…',
  })
  secret!: string;
}

export const WebhookSubscriptionPage = PageOf(WebhookSubscriptionDto);

export function mapSubscription(subscription: WebhookSubscription): WebhookSubscriptionDto {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    vendorId: subscription.vendorId,
    description: subscription.description,
    active: subscription.active,
    consecutiveFailures: subscription.consecutiveFailures,
    failingSince: subscription.failingSince ? subscription.failingSince.toISOString() : null,
    droppedWhileDisabled: subscription.droppedWhileDisabled,
    disabledReason: subscription.disabledReason,
    createdAt: subscription.createdAt.toISOString(),
    version: subscription.version,
  };
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' })
  eventType!: WebhookEventType;

  @ApiProperty({ enum: ['pending', 'held', 'delivered', 'failed'], enumName: 'WebhookDeliveryStatus' })
  status!: DeliveryStatus;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  nextAttemptAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

export const WebhookDeliveryPage = PageOf(WebhookDeliveryDto);

export function mapDelivery(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.event!.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}

export class WebhookEventTypeDto {
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', example: 'lead.status_changed' })
  type!: WebhookEventType;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description:
      'The payload version deliveries carry now (the body’s `version`, header `OSM-Event-Version`)',
  })
  version!: number;

  @ApiProperty({ example: 'A lead moved to another status' })
  summary!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '#/components/schemas/LeadStatusChangedEventData',
    description: 'Where the contract describes the payload (`data`); null where it is not documented yet',
  })
  payloadSchema!: string | null;
}

export class WebhookEventTypeListDto {
  @ApiProperty({ type: [WebhookEventTypeDto] })
  data!: WebhookEventTypeDto[];
}

export function listEventTypes(): WebhookEventTypeListDto {
  return {
    data: WEBHOOK_EVENT_TYPES.map((type) => {
      const entry = EVENT_CATALOGUE[type];
      return {
        type,
        version: entry.version,
        summary: entry.summary,
        payloadSchema: entry.payload
          ? `#/components/schemas/${typeof entry.payload === 'string' ? entry.payload : entry.payload.name}`
          : null,
      };
    }),
  };
}
