import { DataScope } from '../../common/auth/data-scope';
import { Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { audienceIncludes, checkAudience } from './audience.rules';
import { Audience } from './knowledge.enums';

/** What a call throws, to compare with toMatchObject (undefined when it does not throw). */
const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

const VENDOR_A = '00000000-0000-4000-8000-00000000000a';
const VENDOR_B = '00000000-0000-4000-8000-00000000000b';
const vendorScope = (vendorId: string) =>
  DataScope.of({ subjectId: 'u', kind: 'user', role: Role.VENDOR_MANAGER, vendorId, repId: null, name: 'V' });

describe('who reads an article', () => {
  it('company-wide callers read every audience, internal included', () => {
    expect(audienceIncludes(Audience.INTERNAL, [], DataScope.companyWide())).toBe(true);
    expect(audienceIncludes(Audience.CHOSEN_VENDORS, [VENDOR_A], DataScope.companyWide())).toBe(true);
  });

  it('a vendor reads all_vendors and what names it, never internal nor what names another vendor', () => {
    expect(audienceIncludes(Audience.ALL_VENDORS, [], vendorScope(VENDOR_B))).toBe(true);
    expect(audienceIncludes(Audience.CHOSEN_VENDORS, [VENDOR_A, VENDOR_B], vendorScope(VENDOR_B))).toBe(true);
    expect(audienceIncludes(Audience.CHOSEN_VENDORS, [VENDOR_A], vendorScope(VENDOR_B))).toBe(false);
    expect(audienceIncludes(Audience.INTERNAL, [], vendorScope(VENDOR_B))).toBe(false);
  });
});

describe('an audience and its vendor list', () => {
  it('chosen_vendors needs at least one vendor', () => {
    expect(thrown(() => checkAudience(Audience.CHOSEN_VENDORS, []))).toMatchObject({
      code: ErrorCode.AUDIENCE_INVALID,
    });
    expect(thrown(() => checkAudience(Audience.CHOSEN_VENDORS, [VENDOR_A]))).toBeUndefined();
  });

  it('other audiences name no vendors', () => {
    expect(thrown(() => checkAudience(Audience.INTERNAL, [VENDOR_A]))).toMatchObject({
      code: ErrorCode.AUDIENCE_INVALID,
    });
    expect(thrown(() => checkAudience(Audience.ALL_VENDORS, []))).toBeUndefined();
  });
});
