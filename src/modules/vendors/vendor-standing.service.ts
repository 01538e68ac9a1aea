import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../../common/auth/auth.decorators';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { VendorStatus } from './vendor-enums';

/** Like token standings: one replica trusts a vendor's status this long; the changing replica at once. */
const CACHE_MILLISECONDS = 10_000;
const CACHE_MAX_ENTRIES = 10_000;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a vendor is suspended, read at most once per vendor every ten seconds per replica. */
@Injectable()
export class VendorStandingService {
  private readonly statuses = new Map<string, { status: VendorStatus | null; readUntil: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isSuspended(vendorId: string): Promise<boolean> {
    let entry = this.statuses.get(vendorId);
    if (!entry || entry.readUntil < Date.now()) {
      const rows: { status: VendorStatus }[] = await this.dataSource.query(
        'SELECT status FROM vendors WHERE id = $1',
        [vendorId],
      );
      entry = { status: rows[0]?.status ?? null, readUntil: Date.now() + CACHE_MILLISECONDS };
      if (this.statuses.size >= CACHE_MAX_ENTRIES) this.statuses.clear();
      this.statuses.set(vendorId, entry);
    }
    return entry.status === VendorStatus.SUSPENDED;
  }

  forget(vendorId: string): void {
    this.statuses.delete(vendorId);
  }
}

/**
 * A suspended vendor is read-only: its managers, reps and API clients may read what they could read
 * before, but every write they send is refused with 403 VENDOR_SUSPENDED until it is reactivated.
 */
@Injectable()
export class SuspendedVendorReadOnlyInterceptor implements NestInterceptor {
  constructor(private readonly standing: VendorStandingService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const vendorId = request.user?.vendorId;
    if (vendorId && !READ_METHODS.has(request.method) && (await this.standing.isSuspended(vendorId)))
      throw new DomainException(
        ErrorCode.VENDOR_SUSPENDED,
        'Your vendor is suspended: you may read, but not change anything, until it is reactivated',
      );
    return next.handle();
  }
}
