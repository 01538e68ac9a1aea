import type { Client } from '../../openapi/sdk/client';
import { createAssignmentRule, createLead, createRegion, createRep, importLeads } from '../../openapi/sdk';
import type { AssignmentRuleInputDto, CreateLeadDto, CreateRepDto } from '../../openapi/sdk';
import { vendorFixtures } from './vendor-fixtures';
import { must } from './must';

let counter = 0;

/** Builds a routing world through the API: regions, product lines, vendors in scope, reps, rules, leads. */
export function routingFixtures(client: Client) {
  const vendorsKit = vendorFixtures(client);
  return {
    ...vendorsKit,
    /** A region with a code leads can carry (CN-XX). */
    async leadRegion(code: string, parentId?: string) {
      return must(await createRegion({ client, body: { code, name: code, countryCode: 'CN', parentId } }));
    },
    /** An active vendor contracted this year for the given regions, industries and product lines. */
    async vendorInScope(
      salesUnitId: string,
      scope: { regionIds: string[]; industryCodes?: string[]; productLineIds?: string[] },
      kind: 'agency' | 'internal_team' = 'agency',
    ) {
      const vendor = await vendorsKit.vendor(salesUnitId, { kind });
      await vendorsKit.agreement(vendor.id, {
        regionIds: scope.regionIds,
        industryCodes: scope.industryCodes ?? ['retail', 'electronics'],
        productLineIds: scope.productLineIds ?? [],
      });
      return vendor;
    },
    async rep(vendorId: string, overrides: Partial<CreateRepDto> = {}) {
      return must(
        await createRep({
          client,
          body: {
            vendorId,
            fullName: `Rep ${++counter}`,
            grade: 'B',
            capacity: 100,
            timezone: 'Asia/Shanghai',
            ...overrides,
          },
        }),
      );
    },
    async rule(body: AssignmentRuleInputDto) {
      return must(await createAssignmentRule({ client, body }));
    },
    async lead(overrides: Partial<CreateLeadDto> = {}) {
      return must(
        await createLead({
          client,
          body: { companyName: `Routing Test ${++counter} Kft.`, source: 'web_form', ...overrides },
        }),
      );
    },
    /** Many leads in one import; every row must be created. */
    async leads(count: number, row: Partial<CreateLeadDto>) {
      const prefix = `Bulk ${++counter}`;
      const result = must(
        await importLeads({
          client,
          body: {
            rows: Array.from({ length: count }, (_, i) => ({
              companyName: `${prefix} Company ${i} Ltd`,
              source: 'import' as const,
              ...row,
            })),
          },
        }),
      );
      if (result.created !== count) throw new Error(`imported ${result.created} of ${count}`);
      return result.results.map((entry) => entry.id!);
    },
  };
}
