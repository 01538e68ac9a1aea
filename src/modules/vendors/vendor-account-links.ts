import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { AccountLink, AccountLinks } from '../auth/account-links';
import { unknownReference } from './reference-data.service';
import { Rep } from './rep.entity';
import { Vendor } from './vendor.entity';
import { VendorStatus } from './vendor-enums';

/**
 * What a vendor-bound account may point at: a vendor that exists and is not terminated, and for a rep user
 * a rep of that same vendor that has no login yet. An unknown rep and another vendor's rep answer alike
 * (422 on `repId`), so the check cannot be used to probe which rep ids exist.
 */
@Injectable()
export class VendorAccountLinks implements OnModuleInit {
  constructor(private readonly links: AccountLinks) {}

  onModuleInit(): void {
    this.links.register((manager, link) => this.check(manager, link));
  }

  private async check(manager: EntityManager, link: AccountLink): Promise<void> {
    if (!link.vendorId) return;
    const vendor = await manager.findOneBy(Vendor, { id: link.vendorId });
    if (!vendor) throw unknownReference(ErrorCode.VENDOR_UNKNOWN, 'vendor', 'vendorId', [link.vendorId]);
    if (vendor.status === VendorStatus.TERMINATED) {
      throw DomainException.of(ErrorCode.VENDOR_TERMINATED, `Vendor ${link.vendorId} is terminated`);
    }
    if (!link.repId) return;
    const rep = await manager.findOne(Rep, {
      where: { id: link.repId, vendorId: link.vendorId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!rep) {
      throw new DomainException(
        ErrorCode.REFERENCED_ROW_MISSING,
        `Rep ${link.repId} is no rep of vendor ${link.vendorId}`,
        [{ field: 'repId', message: "refers to no rep of the user's vendor" }],
      );
    }
    if (rep.userId && rep.userId !== link.id) {
      throw DomainException.of(ErrorCode.REP_LOGIN_EXISTS, `Rep ${rep.id} already has a login`);
    }
  }
}
