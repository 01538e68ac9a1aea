import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { hungarianCheckDigit } from '../../src/modules/leads/intake/lead-keys.rules';
import type { TestApp, TestUser } from './test-app';

/** A Hungarian adószám with a correct check digit, one per index: `30000013-2-41`. */
export function adoszam(index: number): string {
  const first7 = String(3000000 + index).slice(-7);
  return `${first7}${hungarianCheckDigit(first7)}-2-41`;
}

/** The same company's EU VAT spelling (`HU30000013`), which is also its normalised tax id key. */
export const euVatOf = (taxId: string): string => `HU${taxId.slice(0, 8)}`;

export interface LeadRoles {
  admin: TestUser;
  manager: TestUser;
  /** Manager of a vendor of their own. */
  vendorManager: TestUser;
  /** A rep of the vendor manager's vendor. */
  rep: TestUser;
}

/** One signed-in user per role that works with leads. */
export async function signInLeadRoles(t: TestApp): Promise<LeadRoles> {
  const vendorId = randomUUID();
  return {
    admin: await t.signIn(Role.ADMIN),
    manager: await t.signIn(Role.SALES_MANAGER),
    vendorManager: await t.signIn(Role.VENDOR_MANAGER, { vendorId }),
    rep: await t.signIn(Role.REP, { vendorId, repId: randomUUID() }),
  };
}
