import { createRep, createTarget } from '../../openapi/sdk';
import type { CreateRepDto, CreateTargetDto, TargetDto } from '../../openapi/sdk';
import type { Client } from '../../openapi/sdk/client';
import { Role } from '../../src/common/auth/role';
import { TestApp, TestUser } from './test-app';
import { vendorFixtures } from './vendor-fixtures';

export interface TargetWorld {
  admin: TestUser;
  manager: TestUser;
  unit: string;
  /** Vendor A, China: reps A1 (grade A, capacity 30), A2 (B, 20), A3 (C, 10). */
  vendorA: string;
  /** Vendor B, Hungary: rep B1. */
  vendorB: string;
  repA1: string;
  repA2: string;
  repA3: string;
  repB1: string;
  vendorManagerA: TestUser;
  repA1User: TestUser;
  /** Creates a target and fails loudly if refused. */
  target(client: Client, body: CreateTargetDto): Promise<TargetDto>;
}

/** One sales unit with a Chinese and a Hungarian vendor and their reps, and a caller of each role. */
export async function targetWorld(t: TestApp): Promise<TargetWorld> {
  const admin = await t.signIn(Role.ADMIN);
  const manager = await t.signIn(Role.SALES_MANAGER);
  const fx = vendorFixtures(manager.client);
  const unit = (await fx.salesUnit()).id;
  const vendorA = (await fx.vendor(unit, { countryCode: 'CN', timezone: 'Asia/Shanghai' })).id;
  const vendorB = (await fx.vendor(unit, { countryCode: 'HU', timezone: 'Europe/Budapest' })).id;
  const rep = async (vendorId: string, overrides: Partial<CreateRepDto>) => {
    const { data, error } = await createRep({
      client: manager.client,
      body: {
        vendorId,
        fullName: `Rep ${Math.random().toString(36).slice(2, 7)}`,
        grade: 'B',
        capacity: 20,
        timezone: vendorId === vendorB ? 'Europe/Budapest' : 'Asia/Shanghai',
        ...overrides,
      },
    });
    if (!data) throw new Error(`rep fixture failed: ${JSON.stringify(error)}`);
    return data.id;
  };
  const repA1 = await rep(vendorA, { grade: 'A', capacity: 30 });
  const repA2 = await rep(vendorA, { grade: 'B', capacity: 20 });
  const repA3 = await rep(vendorA, { grade: 'C', capacity: 10 });
  const repB1 = await rep(vendorB, {});
  return {
    admin,
    manager,
    unit,
    vendorA,
    vendorB,
    repA1,
    repA2,
    repA3,
    repB1,
    vendorManagerA: await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA }),
    repA1User: await t.signIn(Role.REP, { vendorId: vendorA, repId: repA1 }),
    async target(client, body) {
      const { data, error } = await createTarget({ client, body });
      if (!data) throw new Error(`target fixture failed: ${JSON.stringify(error)}`);
      return data;
    },
  };
}

export async function countTargets(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM targets');
  return row.n;
}
