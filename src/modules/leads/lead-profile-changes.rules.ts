import type { Lead } from './lead.entity';
import type { PreparedLead } from './intake/lead-intake.service';
import type { LeadInputDto, UpdateLeadDto } from './leads.dto';

const nullIfBlank = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value.trim();

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The profile edit a body asks of a lead: only the fields given whose value differs from the lead's,
 * compared as intake stores them (trimmed, contacts normalised). Nothing to change: null.
 */
export function profileChanges(
  lead: Lead,
  input: LeadInputDto,
  prepared: PreparedLead,
): UpdateLeadDto | null {
  const changes: UpdateLeadDto = {};
  if (input.companyName.trim() !== lead.companyName) changes.companyName = input.companyName;
  if (input.taxId !== undefined && nullIfBlank(input.taxId) !== lead.taxId) changes.taxId = input.taxId;
  if (input.industryCode !== undefined && input.industryCode !== lead.industryCode)
    changes.industryCode = input.industryCode;
  if (input.sizeBand !== undefined && input.sizeBand !== lead.sizeBand) changes.sizeBand = input.sizeBand;
  if (input.regionCode !== undefined && input.regionCode !== lead.regionCode)
    changes.regionCode = input.regionCode;
  if (input.website !== undefined && input.website !== lead.website) changes.website = input.website;
  if (input.needs !== undefined && input.needs !== lead.needs) changes.needs = input.needs;
  if (input.productLineIds !== undefined && !sameList(input.productLineIds, lead.productLineIds))
    changes.productLineIds = input.productLineIds;
  if (input.tags !== undefined && !sameList([...new Set(input.tags)], lead.tags)) changes.tags = input.tags;
  if (input.contacts !== undefined) {
    const stored = (lead.contacts ?? []).map((c) => [c.name, c.phone, c.email, c.title].join('\u0001'));
    const given = prepared.contacts.map((c) => [c.name, c.phone, c.email, c.title].join('\u0001'));
    if (!sameList(stored, given)) changes.contacts = input.contacts;
  }
  return Object.keys(changes).length ? changes : null;
}
