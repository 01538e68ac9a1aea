import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/**
 * The webhook outbox, global: any module publishes events in its own transaction without importing the
 * scheduler (which itself reads those modules for its checks).
 */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
