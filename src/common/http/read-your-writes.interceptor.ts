import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import { ReadReplica } from '../../database/read-replica';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Tells the read replica who is asking and when they write (`ReadReplica`): a write request counts as
 * running from its start until its answer has gone out — after the request's own transaction committed —
 * and then leaves the primary's WAL position behind. Does nothing without a replica.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly replica: ReadReplica) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replica.configured || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string }>();
    const subjectId = request.user?.subjectId;
    if (subjectId !== undefined && !READS.has(request.method)) {
      this.replica.writeStarted(subjectId);
      const raw = context.switchToHttp().getResponse<FastifyReply>().raw;
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        void this.replica.writeFinished(subjectId).catch(() => undefined);
      };
      raw.once('finish', finished);
      raw.once('close', finished);
    }
    return new Observable((subscriber) =>
      this.replica.within(subjectId, () => next.handle().subscribe(subscriber)),
    );
  }
}
