import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxService } from './outbox.service';
import { WebhookDelivery, WebhookEvent, WebhookSubscription } from './webhook.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Events, below every domain module: the outbox a domain change writes into (inside its own
 * transaction), the subscriptions, the delivery worker and the signature. Domain modules and the
 * scheduler import it explicitly; it imports no domain module, so events never point upwards.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription, WebhookEvent, WebhookDelivery])],
  controllers: [WebhooksController],
  providers: [OutboxService, WebhooksService],
  exports: [OutboxService, WebhooksService],
})
export class WebhooksModule {}
