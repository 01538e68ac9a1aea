import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/role';

/** What a new user or API client acts for: its vendor and, for a rep user, its rep record. */
export interface AccountLink {
  kind: 'user' | 'api_client';
  id: string;
  role: Role;
  vendorId: string | null;
  repId: string | null;
}

/** Checks (and completes) an account's links inside the transaction that creates it; throws to refuse. */
export type AccountLinkCheck = (manager: EntityManager, link: AccountLink) => Promise<void>;

/**
 * Vendors and reps live in a module above this one, so the module that owns them registers here what a
 * vendor or rep id must satisfy. The accounts module runs every registered check in the creating
 * transaction; a refusal rolls the account back with it.
 */
@Injectable()
export class AccountLinks {
  private readonly checks: AccountLinkCheck[] = [];

  register(check: AccountLinkCheck): void {
    this.checks.push(check);
  }

  async verify(manager: EntityManager, link: AccountLink): Promise<void> {
    for (const check of this.checks) await check(manager, link);
  }
}
