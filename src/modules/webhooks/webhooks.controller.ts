import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { type Page, PageQuery, mapPage } from '../../common/pagination/pagination';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  mapDelivery,
  mapSubscription,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryDto,
  WebhookDeliveryPage,
  WebhookSubscriptionDto,
  WebhookSubscriptionPage,
  listEventTypes,
  WebhookEventTypeListDto,
} from './webhooks.dto';
import { EVENT_PAYLOAD_MODELS } from './webhook-events';
import { WebhooksService } from './webhooks.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('webhooks')
@ApiExtraModels(...EVENT_PAYLOAD_MODELS)
@Controller('webhooks')
@Auth(Role.ADMIN, Role.INTEGRATION)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @Endpoint({
    summary: 'The event catalogue: every event type, its payload version and where its payload is described',
    description:
      'A delivery POSTs `{ id, type, version, occurredAt, vendorId, data }`; `data` follows the schema named ' +
      'here for the `version` given. A new field may appear within a version; a removed or re-typed one ' +
      'makes a new version. Delivery is at least once: de-duplicate on `id` (`OSM-Event-Id`).',
    ok: WebhookEventTypeListDto,
  })
  listWebhookEventTypes(): WebhookEventTypeListDto {
    return listEventTypes();
  }

  @Post('subscriptions')
  @Endpoint({
    summary: 'Subscribe an endpoint to events (admins; integration clients to allowed hosts)',
    description:
      'Events are written to an outbox in the same transaction as the change and delivered with retries ' +
      '(exponential back-off). Each POST carries `OSM-Event-Id`, `OSM-Event-Type` and ' +
      '`OSM-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Answer 2xx to acknowledge.',
    created: CreatedWebhookSubscriptionDto,
    problems: [400, 404, 422],
  })
  async createWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateWebhookSubscriptionDto,
  ): Promise<CreatedWebhookSubscriptionDto> {
    const { subscription, secret } = await this.webhooks.createSubscription(principal, body);
    return { ...mapSubscription(subscription), secret };
  }

  @Get('subscriptions')
  @Endpoint({
    summary: 'List webhook subscriptions (an integration client sees its own)',
    description:
      'Admins see every subscription; an integration client sees its own. Lists them with URL, ' +
      'event types, active flag and failure state; the signing secret is never shown again.',
    ok: WebhookSubscriptionPage,
    problems: [400],
  })
  async listWebhookSubscriptions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQuery,
  ): Promise<Page<WebhookSubscriptionDto>> {
    const page = await this.webhooks.listSubscriptions(principal, query);
    return mapPage(page, mapSubscription);
  }

  @Get('subscriptions/:id')
  @Endpoint({
    summary: 'Get a webhook subscription',
    description:
      'Admins, and integration clients for their own subscriptions. Answers the subscription with ' +
      'its URL, event types, active flag, failing-since time and the reason it was switched off, ' +
      'if it was.',
    ok: WebhookSubscriptionDto,
    problems: [400, 404],
  })
  async getWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<WebhookSubscriptionDto> {
    return mapSubscription(await this.webhooks.getSubscription(principal, id));
  }

  @Patch('subscriptions/:id')
  @Endpoint({
    summary: 'Change a webhook subscription; `active: true` re-enables a disabled one',
    description:
      'Admins, and integration clients for their own subscriptions. Changes the URL (an ' +
      'integration client only to allowed hosts, 422), the event types or the active flag; ' +
      '`active: true` re-enables a subscription switched off after failing. Send If-Match (stale: ' +
      '412).',
    ok: WebhookSubscriptionDto,
    problems: [400, 404, 412, 422],
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'ETag last read; stale → 412',
    example: '"1"',
  })
  async updateWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: UpdateWebhookSubscriptionDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<WebhookSubscriptionDto> {
    return mapSubscription(await this.webhooks.updateSubscription(principal, id, body, ifMatch));
  }

  @Delete('subscriptions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Endpoint({
    summary: 'Delete a webhook subscription and its pending deliveries',
    description:
      'Admins, and integration clients for their own subscriptions. Deletes the subscription and ' +
      'its pending deliveries; nothing more is sent to its URL.',
    noContent: 'Deleted',
    problems: [400, 404],
  })
  async deleteWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.webhooks.deleteSubscription(principal, id);
  }

  @Post('subscriptions/:id/ping')
  @HttpCode(HttpStatus.ACCEPTED)
  @Endpoint({
    summary: 'Send a `webhook.test` event to this endpoint, to check the receiver and its signature check',
    description:
      'Admins, and integration clients for their own subscriptions. Queues a `webhook.test` event ' +
      'for this subscription only, signed like any other, so the receiver and its signature check ' +
      'can be tried; 202 once queued.',
    accepted: { description: 'Queued for delivery' },
    problems: [400, 404],
  })
  async pingWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.webhooks.pingSubscription(principal, id);
  }

  @Get('subscriptions/:id/deliveries')
  @Endpoint({
    summary: 'Delivery log of a subscription: attempts, last status, errors',
    description:
      'Admins, and integration clients for their own subscriptions. The delivery log with cursor ' +
      'pagination: each delivery’s event, status, attempts, next and last attempt, last status ' +
      'code and error, and when it was delivered.',
    ok: WebhookDeliveryPage,
    problems: [400, 404],
  })
  async listWebhookDeliveries(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<WebhookDeliveryDto>> {
    const page = await this.webhooks.listDeliveries(principal, id, query);
    return mapPage(page, mapDelivery);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Queue a delivery again from its first attempt (after fixing the receiver)',
    description:
      'Admins, and integration clients for their own subscriptions. Queues the delivery again from ' +
      'its first attempt, with the same event id so the receiver can de-duplicate, typically after ' +
      'fixing the receiver.',
    ok: WebhookDeliveryDto,
    problems: [400, 404],
  })
  async redeliverWebhook(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<WebhookDeliveryDto> {
    return mapDelivery(await this.webhooks.redeliver(principal, id));
  }
}
