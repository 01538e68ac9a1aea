import { DataScope } from './data-scope';
import { Principal, Role } from './role';

const principal = (role: Role, vendorId: string | null = null, repId: string | null = null): Principal => ({
  subjectId: 's',
  kind: role === Role.INTEGRATION ? 'api_client' : 'user',
  role,
  vendorId,
  repId,
  name: 'n',
});

class FakeQuery {
  readonly wheres: [string, Record<string, unknown> | undefined][] = [];
  andWhere(condition: string, params?: Record<string, unknown>) {
    this.wheres.push([condition, params]);
    return this;
  }
}

describe('DataScope', () => {
  it('lets admins, sales managers and unbound integration clients see the whole company', () => {
    for (const p of [principal(Role.ADMIN), principal(Role.SALES_MANAGER), principal(Role.INTEGRATION)]) {
      const scope = DataScope.of(p);
      expect(scope.isCompanyWide).toBe(true);
      expect(scope.apply(new FakeQuery(), { vendor: 'l.vendor_id', rep: 'l.rep_id' }).wheres).toEqual([]);
      expect(scope.toSql({ vendor: 'vendor_id' }, 1)).toEqual({ condition: 'TRUE', params: [] });
    }
  });

  it('limits a vendor manager and a vendor-bound integration client to their vendor', () => {
    for (const p of [principal(Role.VENDOR_MANAGER, 'v1'), principal(Role.INTEGRATION, 'v1')]) {
      const scope = DataScope.of(p);
      expect(scope.canSeeVendor('v1')).toBe(true);
      expect(scope.canSeeVendor('v2')).toBe(false);
      expect(scope.apply(new FakeQuery(), { vendor: 'l.vendor_id', rep: 'l.rep_id' }).wheres).toEqual([
        ['l.vendor_id = :scopeVendorId', { scopeVendorId: 'v1' }],
      ]);
    }
  });

  it('limits a rep to their own rows where data belongs to a rep, else to their vendor', () => {
    const scope = DataScope.of(principal(Role.REP, 'v1', 'r1'));
    expect(scope.canSeeRow('v1', 'r1')).toBe(true);
    expect(scope.canSeeRow('v1', 'r2')).toBe(false);
    expect(scope.canSeeRow('v1', 'r2', false)).toBe(true);
    expect(scope.toSql({ vendor: 'c.vendor_id', rep: 'c.rep_id' }, 3)).toEqual({
      condition: 'c.vendor_id = $3 AND c.rep_id = $4',
      params: ['v1', 'r1'],
    });
    expect(scope.toSql({ vendor: 'a.vendor_id' }, 1)).toEqual({
      condition: 'a.vendor_id = $1',
      params: ['v1'],
    });
  });

  it('refuses a vendor-bound role without its vendor link instead of widening to the company', () => {
    expect(() => DataScope.of(principal(Role.VENDOR_MANAGER))).toThrow();
    expect(() => DataScope.of(principal(Role.REP, 'v1'))).toThrow();
  });
});
