import type { Client } from '../../openapi/sdk/client';
import {
  changeVendorStatus,
  createAgreement,
  createProductLine,
  createRegion,
  createSalesUnit,
  createVendor,
} from '../../openapi/sdk';
import type { CreateAgreementDto, CreateVendorDto } from '../../openapi/sdk';
import { must } from './must';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;

/** Builds reference data and vendors through the API, failing loudly if a setup call is refused. */
export function vendorFixtures(client: Client) {
  return {
    async region(countryCode = 'CN', parentId?: string) {
      return must(
        await createRegion({
          client,
          body: { code: unique(countryCode).toUpperCase(), name: 'Region', countryCode, parentId },
        }),
      );
    },
    async salesUnit(parentId?: string) {
      return must(
        await createSalesUnit({
          client,
          body: { code: unique('unit'), name: 'Unit', kind: 'team', parentId },
        }),
      );
    },
    async productLine() {
      return must(await createProductLine({ client, body: { code: unique('line'), name: 'Line' } }));
    },
    async vendor(salesUnitId: string, overrides: Partial<CreateVendorDto> = {}, activate = true) {
      const vendor = must(
        await createVendor({
          client,
          body: {
            name: unique('Vendor'),
            kind: 'agency',
            tier: 'gold',
            salesUnitId,
            countryCode: 'CN',
            timezone: 'Asia/Shanghai',
            ...overrides,
          },
        }),
      );
      if (!activate) return vendor;
      return must(
        await changeVendorStatus({
          client,
          path: { id: vendor.id },
          // Fixture vendors start trading before their agreements and reps exist: the checklist is waived.
          body: { status: 'active', reason: 'Signed', waiveOnboardingChecklist: true },
        }),
      );
    },
    async agreement(vendorId: string, overrides: Partial<CreateAgreementDto> = {}) {
      return must(
        await createAgreement({
          client,
          path: { vendorId },
          body: {
            startsOn: '2026-01-01',
            endsOn: '2026-12-31',
            stagesOwned: ['prospecting', 'first_contact'],
            regionIds: [],
            industryCodes: [],
            productLineIds: [],
            commissionRateBps: 800,
            ...overrides,
          },
        }),
      );
    },
  };
}

/** Regions with the given codes (`CN-GD`, `HU-BU`…), for data that names regions by code. */
export async function createRegionsByCode(client: Client, codes: string[]): Promise<void> {
  for (const code of codes) {
    const { response, error } = await createRegion({
      client,
      body: { code, name: code, countryCode: code.slice(0, 2) },
    });
    if (response.status !== 201) throw new Error(`region ${code}: ${JSON.stringify(error)}`);
  }
}
