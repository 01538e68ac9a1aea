import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { contactsVisible } from './lead-masking.rules';
import { ContactReadPurpose } from '../lead.enums';

/** The audit action of a read of a lead's contact persons. */
export const CONTACTS_READ = 'contacts_read';

/** A lead as a read showed it: which vendor it belongs to and whether it showed any contact person. */
export interface ShownLead {
  id: string;
  vendorId: string | null;
  hasContacts: boolean;
}

/**
 * Reading contact details is recorded (GDPR/PIPL accountability). "Reading" is a GET that shows a lead's
 * contact persons unmasked: the lead, the lead list, a pool's leads. One audit entry per request names
 * every lead whose contacts it showed, with the purpose: one insert, however long the page. Leads without
 * contacts, or whose contacts were masked for the caller, are no read of contact details.
 */
@Injectable()
export class ContactReadsRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(
    shown: readonly ShownLead[],
    scope: DataScope,
    principal: Principal,
    purpose: ContactReadPurpose = ContactReadPurpose.SALES_FOLLOW_UP,
  ): Promise<void> {
    const read = shown.filter((lead) => lead.hasContacts && contactsVisible(scope, lead.vendorId));
    if (read.length === 0) return;
    const vendors = new Set(read.map((lead) => lead.vendorId));
    await this.audit.record(this.dataSource.manager, principal, {
      entityType: 'lead',
      entityId: read[0].id,
      entityIds: read.map((lead) => lead.id),
      // A vendor manager reads the entries of its vendor: an entry over one vendor's leads is that vendor's.
      vendorId: vendors.size === 1 ? read[0].vendorId : null,
      action: CONTACTS_READ,
      reason: purpose,
    });
  }

  /**
   * A read of customers' phone and email (a customer's contact line may be a person's, as with a sole
   * trader): one audit entry naming every customer shown with either, entity type `customer`.
   */
  async recordCustomers(
    shown: readonly { id: string; vendorId: string | null; phone: string | null; email: string | null }[],
    principal: Principal,
    purpose: ContactReadPurpose = ContactReadPurpose.SALES_FOLLOW_UP,
  ): Promise<void> {
    const read = shown.filter((customer) => customer.phone !== null || customer.email !== null);
    if (read.length === 0) return;
    const vendors = new Set(read.map((customer) => customer.vendorId));
    await this.audit.record(this.dataSource.manager, principal, {
      entityType: 'customer',
      entityId: read[0].id,
      entityIds: read.map((customer) => customer.id),
      vendorId: vendors.size === 1 ? read[0].vendorId : null,
      action: CONTACTS_READ,
      reason: purpose,
    });
  }
}
