import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LeadStatus } from '../lead.enums';

/** What erased names and free texts read: visibly erased, not blank, so nobody mistakes it for missing data. */
export const ERASED_MARKER = '[erased]';

/** A contact person as a data-subject request names them: normalised email and/or E.164 phone. */
export interface ContactPersonMatch {
  email: string | null;
  phone: string | null;
}

export interface ContactPersonLead {
  id: string;
  vendorId: string | null;
  ownerRepId: string | null;
  companyName: string;
  status: LeadStatus;
  source: string;
  sourceReferrer: string | null;
  needs: string | null;
  keyLeadReason: string | null;
  lostReasonText: string | null;
  rejectReasonText: string | null;
  mergedIntoId: string | null;
  personalDataErasedAt: Date | null;
  createdAt: Date;
}

export interface ContactPersonContact {
  id: string;
  leadId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  title: string | null;
  createdAt: Date;
}

export interface ContactPersonCustomer {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  erpCustomerId: string | null;
  createdAt: Date;
}

export interface ContactPersonActivity {
  id: string;
  leadId: string;
  occurredAt: Date;
  kind: string;
  channel: string | null;
  content: string | null;
  outcome: string | null;
  statusFrom: string | null;
  statusTo: string | null;
}

export interface ContactPersonDecline {
  id: string;
  leadId: string;
  vendorId: string;
  reason: string;
  note: string | null;
  createdAt: Date;
}

/** Everything the leads module holds about one contact person. */
export interface ContactPersonRecords {
  /** The contact rows that match, on whatever lead they are. */
  contacts: ContactPersonContact[];
  /** Their leads, and the leads merged into them (whose history shows on the survivor). */
  leads: ContactPersonLead[];
  customers: ContactPersonCustomer[];
  /** The history of those leads: follow-ups, status changes, call-report touches, … */
  activities: ContactPersonActivity[];
  /** Reps' and vendors' refusals of those leads, with their notes. */
  declines: ContactPersonDecline[];
}

export interface ErasedLead {
  id: string;
  vendorId: string | null;
}

export interface ContactPersonErasure {
  leads: ErasedLead[];
  customerIds: string[];
  contacts: number;
  activities: number;
}

const ERASED_TEXT = (column: string) => `${column} = CASE WHEN ${column} IS NULL THEN NULL ELSE $2 END`;

/**
 * Personal data on leads, customers' contacts and lead history, for data-subject requests (GDPR art. 15
 * and 17, PIPL art. 45 and 47) and contact retention. Set-based, manager-first: the privacy module calls
 * these inside its one transaction. Erasing keeps the statistical record (the lead rows with their
 * statuses, grades, amounts, dates and counts); names and free texts become the erased marker, phones
 * and emails (the dedupe keys) are cleared, so the person can no longer be found or re-identified.
 */
@Injectable()
export class LeadPersonalDataService {
  /**
   * The leads whose contact persons match: those holding a matching contact, and the leads merged into
   * them (their history shows on the survivor and may name the person). Returned with the rows to export.
   */
  async findContactPerson(manager: EntityManager, match: ContactPersonMatch): Promise<ContactPersonRecords> {
    const contacts: ContactPersonContact[] = await manager.query(
      `SELECT id, lead_id AS "leadId", name, phone, email, title, created_at AS "createdAt"
         FROM lead_contacts
        WHERE email = $1 OR phone = $2
        ORDER BY created_at, id`,
      [match.email, match.phone],
    );
    const leads = await this.leadsAndMergedOf(
      manager,
      contacts.map((contact) => contact.leadId),
    );
    const customers: ContactPersonCustomer[] = await manager.query(
      `SELECT id, name, phone, email, erp_customer_id AS "erpCustomerId", created_at AS "createdAt"
         FROM customers WHERE email = $1 OR phone = $2 ORDER BY created_at, id`,
      [match.email, match.phone],
    );
    const leadIds = leads.map((lead) => lead.id);
    const activities: ContactPersonActivity[] = leads.length
      ? await manager.query(
          `SELECT id, lead_id AS "leadId", occurred_at AS "occurredAt", kind, channel, content, outcome,
                  status_from AS "statusFrom", status_to AS "statusTo"
             FROM lead_activities WHERE lead_id = ANY($1::uuid[]) ORDER BY occurred_at, id`,
          [leadIds],
        )
      : [];
    const declines: ContactPersonDecline[] = leads.length
      ? await manager.query(
          `SELECT id, lead_id AS "leadId", vendor_id AS "vendorId", reason, note, created_at AS "createdAt"
             FROM lead_declines WHERE lead_id = ANY($1::uuid[]) ORDER BY created_at, id`,
          [leadIds],
        )
      : [];
    return { contacts, leads, customers, activities, declines };
  }

  /**
   * Erases one contact person: their contact rows (name → marker; phone, email, title cleared), the free
   * texts of their leads and of those leads' history, and the phone/email of customers that match.
   * Idempotent: once erased, nothing matches any more and a repeat changes nothing.
   */
  async eraseContactPerson(manager: EntityManager, match: ContactPersonMatch): Promise<ContactPersonErasure> {
    const [erasedContacts]: [{ lead_id: string }[], number] = await manager.query(
      `UPDATE lead_contacts SET name = CASE WHEN name IS NULL THEN NULL ELSE $3 END, phone = NULL,
              email = NULL, title = NULL, updated_at = now(), version = version + 1
        WHERE email = $1 OR phone = $2
        RETURNING lead_id::text`,
      [match.email, match.phone, ERASED_MARKER],
    );
    const leads = await this.leadsAndMergedOf(
      manager,
      erasedContacts.map((row) => row.lead_id),
    );
    const activities = await this.eraseLeadTexts(
      manager,
      leads.map((lead) => lead.id),
    );
    const [customers]: [{ id: string }[], number] = await manager.query(
      `UPDATE customers SET email = CASE WHEN email = $1 THEN NULL ELSE email END,
              phone = CASE WHEN phone = $2 THEN NULL ELSE phone END, updated_at = now(), version = version + 1
        WHERE email = $1 OR phone = $2
        RETURNING id::text`,
      [match.email, match.phone],
    );
    return {
      leads: leads.map((lead) => ({ id: lead.id, vendorId: lead.vendorId })),
      customerIds: customers.map((row) => row.id),
      contacts: erasedContacts.length,
      activities,
    };
  }

  /**
   * Contact retention: clears the personal data of every lead closed (won, lost or rejected) before
   * `closedBefore` that still has it: all its contact persons and free texts, as an erasure would. A lead
   * closed when it was won (`won_at`), or by its last move to its closing status; `updated_at` when the
   * history has neither (the later moment, so data is never cleared early). At most `limit` leads a call,
   * so one pass never holds a long transaction; the rest follow on the next. Returns the leads cleared.
   */
  async clearPersonalDataOfLeadsClosedBefore(
    manager: EntityManager,
    closedBefore: Date,
    limit: number,
  ): Promise<{ leads: ErasedLead[]; contacts: number; activities: number }> {
    const due: ErasedLead[] = await manager.query(
      `SELECT l.id::text AS id, l.vendor_id::text AS "vendorId"
         FROM leads l
        WHERE l.status IN ('won', 'lost', 'rejected') AND l.personal_data_erased_at IS NULL
          AND coalesce(
                CASE WHEN l.status = 'won' THEN l.won_at END,
                (SELECT max(a.occurred_at) FROM lead_activities a
                  WHERE a.lead_id = l.id AND a.kind = 'status_change' AND a.status_to = l.status),
                l.updated_at) < $1
        ORDER BY l.id
        LIMIT $2
        FOR UPDATE OF l SKIP LOCKED`,
      [closedBefore, limit],
    );
    if (due.length === 0) return { leads: [], contacts: 0, activities: 0 };
    const ids = due.map((lead) => lead.id);
    const [contacts]: [unknown[], number] = await manager.query(
      `UPDATE lead_contacts SET name = CASE WHEN name IS NULL THEN NULL ELSE $2 END, phone = NULL,
              email = NULL, title = NULL, updated_at = now(), version = version + 1
        WHERE lead_id = ANY($1::uuid[]) AND (name IS DISTINCT FROM $2 OR phone IS NOT NULL OR email IS NOT NULL
              OR title IS NOT NULL)
        RETURNING id`,
      [ids, ERASED_MARKER],
    );
    const activities = await this.eraseLeadTexts(manager, ids);
    return { leads: due, contacts: contacts.length, activities };
  }

  /** The leads and the leads merged into them, by id. */
  private async leadsAndMergedOf(manager: EntityManager, leadIds: string[]): Promise<ContactPersonLead[]> {
    if (leadIds.length === 0) return [];
    return manager.query(
      `SELECT id::text AS id, vendor_id::text AS "vendorId", owner_rep_id::text AS "ownerRepId",
              company_name AS "companyName", status, source, source_referrer AS "sourceReferrer", needs,
              key_lead_reason AS "keyLeadReason", lost_reason_text AS "lostReasonText",
              reject_reason_text AS "rejectReasonText", merged_into_id::text AS "mergedIntoId",
              personal_data_erased_at AS "personalDataErasedAt", created_at AS "createdAt"
         FROM leads
        WHERE id = ANY($1::uuid[]) OR merged_into_id = ANY($1::uuid[])
        ORDER BY created_at, id`,
      [[...new Set(leadIds)]],
    );
  }

  /**
   * The erased marker over the leads' free texts (needs, referrer, key-lead, lost and reject reasons),
   * their history's (content, outcome) and their declines' notes; stamps the leads. The history is append-only except for this
   * legal duty. Returns how many history entries changed.
   */
  private async eraseLeadTexts(manager: EntityManager, leadIds: string[]): Promise<number> {
    if (leadIds.length === 0) return 0;
    await manager.query(
      `UPDATE leads SET ${[
        'needs',
        'source_referrer',
        'key_lead_reason',
        'lost_reason_text',
        'reject_reason_text',
      ]
        .map(ERASED_TEXT)
        .join(', ')},
              personal_data_erased_at = coalesce(personal_data_erased_at, now()), updated_at = now(),
              version = version + 1
        WHERE id = ANY($1::uuid[])`,
      [leadIds, ERASED_MARKER],
    );
    const [changed]: [unknown[], number] = await manager.query(
      `UPDATE lead_activities SET ${['content', 'outcome'].map(ERASED_TEXT).join(', ')}
        WHERE lead_id = ANY($1::uuid[])
          AND ((content IS NOT NULL AND content <> $2) OR (outcome IS NOT NULL AND outcome <> $2))
        RETURNING id`,
      [leadIds, ERASED_MARKER],
    );
    await manager.query(
      `UPDATE lead_declines SET note = $2, updated_at = now(), version = version + 1
        WHERE lead_id = ANY($1::uuid[]) AND note IS NOT NULL AND note <> $2`,
      [leadIds, ERASED_MARKER],
    );
    return changed.length;
  }
}
