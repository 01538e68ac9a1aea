import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ERASED_MARKER } from '../leads/leads.published';

export interface LeadCallReportRecord {
  id: string;
  leadId: string;
  repId: string;
  vendorId: string;
  occurredAt: Date;
  type: string;
  durationSeconds: number;
  outcome: string;
  notes: string | null;
  nextStep: string | null;
  nextStepOn: string | null;
  locationName: string | null;
}

/**
 * The personal data call reports may hold about a lead's contact person: the free texts of reports filed
 * against the lead (notes, next step). Set-based, manager-first, for the privacy module's data-subject
 * requests and contact retention. Erasing keeps the report (type, duration, outcome, time, rep, place) so
 * quotas, compliance and scores still count it.
 */
@Injectable()
export class CallReportPersonalDataService {
  async listCallReportsOfLeads(
    manager: EntityManager,
    leadIds: readonly string[],
  ): Promise<LeadCallReportRecord[]> {
    if (leadIds.length === 0) return [];
    return manager.query(
      `SELECT id::text AS id, lead_id::text AS "leadId", rep_id::text AS "repId", vendor_id::text AS "vendorId",
              occurred_at AS "occurredAt", type, duration_seconds AS "durationSeconds", outcome, notes,
              next_step AS "nextStep", next_step_on::text AS "nextStepOn", location_name AS "locationName"
         FROM call_reports WHERE lead_id = ANY($1::uuid[]) ORDER BY occurred_at, id`,
      [leadIds],
    );
  }

  /** The erased marker over the notes and next steps of the leads' reports; returns how many changed. */
  async eraseNotesOfLeads(manager: EntityManager, leadIds: readonly string[]): Promise<number> {
    if (leadIds.length === 0) return 0;
    const [changed]: [unknown[], number] = await manager.query(
      `UPDATE call_reports
          SET notes = CASE WHEN notes IS NULL THEN NULL ELSE $2 END,
              next_step = CASE WHEN next_step IS NULL THEN NULL ELSE $2 END,
              updated_at = now(), version = version + 1
        WHERE lead_id = ANY($1::uuid[])
          AND ((notes IS NOT NULL AND notes <> $2) OR (next_step IS NOT NULL AND next_step <> $2))
        RETURNING id`,
      [leadIds, ERASED_MARKER],
    );
    return changed.length;
  }
}
