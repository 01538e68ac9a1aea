import { DataScope } from '../../../common/auth/data-scope';
import { Role } from '../../../common/auth/role';
import { contactsVisible, maskEmail, maskName, maskPhone } from './lead-masking.rules';

describe('contact masking', () => {
  const vendorA = '00000000-0000-4000-8000-00000000000a';
  const vendorB = '00000000-0000-4000-8000-00000000000b';
  const principal = { subjectId: 'x', kind: 'user' as const, name: 'x', repId: null };

  it('shows contacts to company-wide callers and to the owning vendor only', () => {
    const manager = DataScope.of({ ...principal, role: Role.SALES_MANAGER, vendorId: null });
    const vendor = DataScope.of({ ...principal, role: Role.VENDOR_MANAGER, vendorId: vendorA });
    expect(contactsVisible(manager, null)).toBe(true);
    expect(contactsVisible(manager, vendorB)).toBe(true);
    expect(contactsVisible(vendor, vendorA)).toBe(true);
    expect(contactsVisible(vendor, vendorB)).toBe(false);
    expect(contactsVisible(vendor, null)).toBe(false);
  });

  it('masks names, phones and emails', () => {
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('Kovács Péter')).toBe('K***********');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('+3612345678')).toBe('+36******78');
    expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
    expect(maskEmail(null)).toBeNull();
  });
});
