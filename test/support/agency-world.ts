import { Role } from '../../src/common/auth/role';
import type { TestApp, TestUser } from './test-app';
import { vendorFixtures } from './vendor-fixtures';

/**
 * The world the scoring tests judge: a Hungarian agency (HU, Europe/Budapest) in one sales unit, a second
 * vendor to be out of scope, and a vendor manager of each.
 */
export async function agencyWorld(t: TestApp) {
  const admin: TestUser = await t.signIn(Role.ADMIN);
  const manager: TestUser = await t.signIn(Role.SALES_MANAGER);
  const fx = vendorFixtures(manager.client);
  const unitId = (await fx.salesUnit()).id;
  const vendorId = (await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' })).id;
  const otherVendorId = (await fx.vendor(unitId)).id;
  const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
  const otherVendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
  return { admin, manager, fx, unitId, vendorId, otherVendorId, vendorManager, otherVendorManager };
}

/** The newest alert of a type about one subject, as the scheduler stored it (undefined when none). */
export async function latestAlert<D = Record<string, unknown>>(
  t: TestApp,
  type: string,
  subjectId: string,
): Promise<{ status: string; severity: string; data: D } | undefined> {
  const rows = await t.dataSource.query<{ status: string; severity: string; data: D }[]>(
    `SELECT status, severity, data FROM alerts WHERE type = $1 AND subject_id = $2 ORDER BY raised_at DESC LIMIT 1`,
    [type, subjectId],
  );
  return rows[0];
}
