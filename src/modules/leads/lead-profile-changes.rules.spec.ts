import type { Lead } from './lead.entity';
import { LeadSource } from './lead.enums';
import { prepareLead } from './intake/lead-intake.service';
import { hungarianCheckDigit } from './intake/lead-keys.rules';
import { profileChanges } from './lead-profile-changes.rules';
import type { LeadInputDto } from './leads.dto';

const TAX_ID = `3000001${hungarianCheckDigit('3000001')}-2-41`;

const stored = {
  companyName: 'Alföldi Gépgyártó Kft.',
  taxId: TAX_ID,
  industryCode: 'manufacturing',
  sizeBand: null,
  regionCode: null,
  website: null,
  needs: 'CNC machines',
  productLineIds: [],
  tags: ['erp'],
  contacts: [{ name: 'Kiss Éva', phone: '+36301234501', email: null, title: null }],
} as unknown as Lead;

const changesFor = (input: LeadInputDto) => {
  const prepared = prepareLead(0, input, LeadSource.API);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
  return profileChanges(stored, input, prepared.lead);
};

describe('profileChanges: what an upsert body changes on the lead it found', () => {
  it('finds nothing to change in the same body, spelt as intake would store it', () => {
    expect(
      changesFor({
        companyName: '  Alföldi Gépgyártó Kft. ',
        taxId: TAX_ID,
        needs: 'CNC machines',
        tags: ['erp', 'erp'],
        // Another notation of the same number: contacts compare normalised (E.164).
        contacts: [{ name: 'Kiss Éva', phone: '+36 30 123 4501' }],
      }),
    ).toBeNull();
  });

  it('keeps the fields the body leaves out and names only those that differ', () => {
    expect(changesFor({ companyName: 'Alföldi Gépgyártó Kft.', needs: '40 CNC machines' })).toEqual({
      needs: '40 CNC machines',
    });
  });

  it('replaces the contacts when any contact differs, and the tags when they differ', () => {
    expect(
      changesFor({
        companyName: 'Alföldi Gépgyártó Kft.',
        tags: ['erp', 'cnc'],
        contacts: [{ name: 'Kiss Éva', phone: '+36 30 123 4502' }],
      }),
    ).toEqual({ tags: ['erp', 'cnc'], contacts: [{ name: 'Kiss Éva', phone: '+36 30 123 4502' }] });
  });
});
