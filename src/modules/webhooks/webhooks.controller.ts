import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { parseIfMatch } from '../../common/http/etag';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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

@ApiTags('webhooks')
@ApiExtraModels(...EVENT_PAYLOAD_MODELS)
@Controller('webhooks')
@Auth(Role.ADMIN, Role.INTEGRATION)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @ApiOperation({
    summary: 'The event catalogue: every event type, its payload version and where its payload is described',
    description:
      'A delivery POSTs `{ id, type, version, occurredAt, vendorId, data }`; `data` follows the schema named ' +
      'here for the `version` given. A new field may appear within a version; a removed or re-typed one ' +
      'makes a new version. Delivery is at least once: de-duplicate on `id` (`OSM-Event-Id`).',
  })
  @ApiOkResponse({ type: WebhookEventTypeListDto })
  @ApiProblems()
  listWebhookEventTypes(): WebhookEventTypeListDto {
    return listEventTypes();
  }

  @Post('subscriptions')
  @ApiOperation({
    summary: 'Subscribe an endpoint to events (admins; integration clients to allowed hosts)',
    description:
      'Events are written to an outbox in the same transaction as the change and delivered with retries ' +
      '(exponential back-off). Each POST carries `OSM-Event-Id`, `OSM-Event-Type` and ' +
      '`OSM-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Answer 2xx to acknowledge.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiProblems(400, 404, 422)
  async createWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateWebhookSubscriptionDto,
  ): Promise<CreatedWebhookSubscriptionDto> {
    const { subscription, secret } = await this.webhooks.createSubscription(principal, body);
    return { ...mapSubscription(subscription), secret };
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'List webhook subscriptions (an integration client sees its own)' })
  @ApiOkResponse({ type: WebhookSubscriptionPage })
  @ApiProblems(400)
  async listWebhookSubscriptions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQuery,
  ): Promise<Page<WebhookSubscriptionDto>> {
    const page = await this.webhooks.listSubscriptions(principal, query);
    return mapPage(page, mapSubscription);
  }

  @Get('subscriptions/:id')
  @ApiOperation({ summary: 'Get a webhook subscription' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblems(400, 404)
  async getWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<WebhookSubscriptionDto> {
    return mapSubscription(await this.webhooks.getSubscription(principal, id));
  }

  @Patch('subscriptions/:id')
  @ApiOperation({ summary: 'Change a webhook subscription; `active: true` re-enables a disabled one' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'ETag last read; stale → 412',
    example: '"1"',
  })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblems(400, 404, 412, 422)
  async updateWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: UpdateWebhookSubscriptionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<WebhookSubscriptionDto> {
    return mapSubscription(
      await this.webhooks.updateSubscription(principal, id, body, parseIfMatch(ifMatch)),
    );
  }

  @Delete('subscriptions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a webhook subscription and its pending deliveries' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async deleteWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.webhooks.deleteSubscription(principal, id);
  }

  @Post('subscriptions/:id/ping')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a `webhook.test` event to this endpoint, to check the receiver and its signature check',
  })
  @ApiAcceptedResponse({ description: 'Queued for delivery' })
  @ApiProblems(400, 404)
  async pingWebhookSubscription(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.webhooks.pingSubscription(principal, id);
  }

  @Get('subscriptions/:id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a subscription: attempts, last status, errors' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiProblems(400, 404)
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
  @ApiOperation({ summary: 'Queue a delivery again from its first attempt (after fixing the receiver)' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 404)
  async redeliverWebhook(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<WebhookDeliveryDto> {
    return mapDelivery(await this.webhooks.redeliver(principal, id));
  }
}
