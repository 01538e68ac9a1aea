import type { LeadPersonalDataErasedEventData } from '../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { updateSingletonSettings } from '../../common/http/singleton-settings';
import { CallReportPersonalDataService } from '../call-reports/call-report-personal-data.service';
import { ScoringPersonalDataService } from '../scoring/scoring-personal-data.service';
import {
  type ContactPersonMatch,
  type ErasedLead,
  LeadPersonalDataService,
  CONTACTS_READ,
  ContactReadPurpose,
} from '../leads/leads.published';
import { OutboxService } from '../webhooks/outbox.service';
import { contactPersonMatchOf, RETENTION_LEADS_PER_PASS, retentionCutoff } from './privacy.rules';
import { PrivacySettingsRow } from './privacy-settings.entity';
import {
  DataSubjectErasureDto,
  DataSubjectExportDto,
  DataSubjectQueryDto,
  PrivacySettingsDto,
} from './privacy.dto';

export const CONTACTS_EXPORTED = 'contacts_exported';
export const PERSONAL_DATA_ERASED = 'personal_data_erased';

/** Why personal data was erased: the person asked, or the retention period ran out. */
export type ErasureTrigger = 'data_subject_request' | 'retention';

/** The scheduler's contact retention, as the audit log names it. */
const RETENTION_ACTOR: Principal = {
  subjectId: 'system:contact-retention',
  kind: 'api_client',
  role: Role.ADMIN,
  vendorId: null,
  repId: null,
  name: 'Contact retention',
};

const iso = (date: Date | string | null): string | null =>
  date === null ? null : new Date(date).toISOString();

/**
 * Personal data of contact persons (GDPR for Hungary, PIPL for China): data-subject access (export) and
 * erasure, and contact retention. It owns only its settings; every other row is read and changed through
 * the owning modules' set-based services (leads: contacts, leads, customers, history; call reports: notes),
 * in one transaction per request.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leads: LeadPersonalDataService,
    private readonly callReports: CallReportPersonalDataService,
    private readonly scoring: ScoringPersonalDataService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Everything held about one contact person, as JSON (GDPR art. 15, PIPL art. 45). Nobody found:
   * 404 DATA_SUBJECT_NOT_FOUND. The export is itself a read of contact details and is audited.
   */
  async exportDataSubject(query: DataSubjectQueryDto, actor: Principal): Promise<DataSubjectExportDto> {
    const match = matchOrRefuse(query);
    return this.dataSource.transaction(async (em) => {
      const records = await this.leads.findContactPerson(em, match);
      if (records.contacts.length === 0 && records.customers.length === 0) throw notFound();
      const leadIds = records.leads.map((lead) => lead.id);
      const callReports = await this.callReports.listCallReportsOfLeads(em, leadIds);
      const customerIds = records.customers.map((customer) => customer.id);
      const scoring = await this.scoring.listTexts(em, {
        customerIds,
        visitIds: callReports.map((report) => report.id),
      });
      // Read before this export is recorded: the answer lists the accesses up to now.
      const accesses = await this.audit.listEntriesNaming(em, 'lead', leadIds, [
        CONTACTS_READ,
        CONTACTS_EXPORTED,
      ]);
      for (const [entityType, ids] of [
        ['lead', leadIds],
        ['customer', customerIds],
      ] as const)
        if (ids.length)
          await this.audit.record(em, actor, {
            entityType,
            entityId: ids[0],
            entityIds: ids,
            action: CONTACTS_EXPORTED,
            reason: ContactReadPurpose.DATA_SUBJECT_REQUEST,
          });
      const leadSet = new Set(leadIds);
      return {
        exportedAt: new Date().toISOString(),
        email: match.email,
        phone: match.phone,
        contacts: records.contacts.map((contact) => ({ ...contact, createdAt: iso(contact.createdAt)! })),
        leads: records.leads.map((lead) => ({
          ...lead,
          personalDataErasedAt: iso(lead.personalDataErasedAt),
          createdAt: iso(lead.createdAt)!,
        })),
        customers: records.customers.map((customer) => ({
          ...customer,
          createdAt: iso(customer.createdAt)!,
        })),
        history: records.activities.map((activity) => ({
          ...activity,
          occurredAt: iso(activity.occurredAt)!,
        })),
        declines: records.declines.map((decline) => ({ ...decline, createdAt: iso(decline.createdAt)! })),
        callReports: callReports.map((report) => ({ ...report, occurredAt: iso(report.occurredAt)! })),
        complaints: scoring.complaints.map((complaint) => ({
          ...complaint,
          receivedAt: iso(complaint.receivedAt)!,
        })),
        csatAnswers: scoring.csatAnswers.map((answer) => ({
          ...answer,
          answeredAt: iso(answer.answeredAt)!,
        })),
        accesses: accesses.map((entry) => ({
          at: entry.at.toISOString(),
          action: entry.action,
          actorSubjectId: entry.actorSubjectId,
          actorRole: entry.actorRole,
          purpose: entry.reason,
          leadIds: [...new Set([entry.entityId, ...entry.entityIds])].filter((id) => leadSet.has(id)),
        })),
      };
    });
  }

  /**
   * Erases one contact person (GDPR art. 17, PIPL art. 47) in one transaction: their contacts, their
   * leads' free texts and history texts, the notes of call reports on those leads, customers' matching
   * phone/email. The statistical record stays. Audited; webhooks hear `lead.personal_data_erased` with
   * ids only. Idempotent: a repeat finds nothing left and answers zero counts.
   */
  async eraseDataSubject(query: DataSubjectQueryDto, actor: Principal): Promise<DataSubjectErasureDto> {
    const match = matchOrRefuse(query);
    return this.dataSource.transaction(async (em) => {
      const erasure = await this.leads.eraseContactPerson(em, match);
      const leadIds = erasure.leads.map((lead) => lead.id);
      const visitIds = (await this.callReports.listCallReportsOfLeads(em, leadIds)).map(
        (report) => report.id,
      );
      const callReports = await this.callReports.eraseNotesOfLeads(em, leadIds);
      const scoring = await this.scoring.eraseTexts(em, { customerIds: erasure.customerIds, visitIds });
      await this.recordErasure(em, actor, erasure.leads, 'data_subject_request');
      if (erasure.customerIds.length)
        await this.audit.record(em, actor, {
          entityType: 'customer',
          entityId: erasure.customerIds[0],
          entityIds: erasure.customerIds,
          action: PERSONAL_DATA_ERASED,
          reason: 'data_subject_request',
        });
      return {
        erasedAt: new Date().toISOString(),
        leadIds,
        customerIds: erasure.customerIds,
        contacts: erasure.contacts,
        historyEntries: erasure.activities,
        callReports,
        complaints: scoring.complaints,
        csatComments: scoring.csatComments,
      };
    });
  }

  /**
   * Contact retention, for the scheduler (its transaction): clears the personal data of leads closed
   * longer than the setting's months before `asOf`. Returns how many leads it cleared (0 when kept).
   */
  async applyContactRetention(manager: EntityManager, asOf: Date): Promise<number> {
    const settings = await manager.findOneBy(PrivacySettingsRow, { singleton: true });
    if (!settings?.contactRetentionMonths) return 0;
    const cleared = await this.leads.clearPersonalDataOfLeadsClosedBefore(
      manager,
      retentionCutoff(asOf, settings.contactRetentionMonths),
      RETENTION_LEADS_PER_PASS,
    );
    await this.callReports.eraseNotesOfLeads(
      manager,
      cleared.leads.map((lead) => lead.id),
    );
    await this.recordErasure(manager, RETENTION_ACTOR, cleared.leads, 'retention');
    return cleared.leads.length;
  }

  async getPrivacySettings(): Promise<PrivacySettingsDto> {
    const row = await this.dataSource.manager.findOneBy(PrivacySettingsRow, { singleton: true });
    return mapSettings(row);
  }

  async updatePrivacySettings(
    contactRetentionMonths: number | null,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<PrivacySettingsDto> {
    const stored = await this.dataSource.transaction((em) =>
      updateSingletonSettings(em, PrivacySettingsRow, {
        defaults: {},
        expectedVersion,
        change: () => ({ contactRetentionMonths }),
        snapshot: (row) => ({ contactRetentionMonths: row.contactRetentionMonths }),
        audit: this.audit,
        actor,
        entityType: 'privacy_settings',
      }),
    );
    return mapSettings(stored);
  }

  /** One audit entry over the erased leads, and one id-only event per lead for the systems that copied it. */
  private async recordErasure(
    manager: EntityManager,
    actor: Principal,
    leads: readonly ErasedLead[],
    trigger: ErasureTrigger,
  ): Promise<void> {
    if (leads.length === 0) return;
    const vendors = new Set(leads.map((lead) => lead.vendorId));
    await this.audit.record(manager, actor, {
      entityType: 'lead',
      entityId: leads[0].id,
      entityIds: leads.map((lead) => lead.id),
      vendorId: vendors.size === 1 ? leads[0].vendorId : null,
      action: PERSONAL_DATA_ERASED,
      reason: trigger,
    });
    const erasedAt = new Date().toISOString();
    await this.outbox.publish(
      manager,
      leads.map((lead) => ({
        eventType: 'lead.personal_data_erased',
        vendorId: lead.vendorId,
        payload: { leadId: lead.id, trigger, erasedAt } satisfies LeadPersonalDataErasedEventData,
      })),
    );
  }
}

function matchOrRefuse(query: DataSubjectQueryDto): ContactPersonMatch {
  const result = contactPersonMatchOf(query);
  if (!result.ok) throw DomainException.validation(result.errors);
  return result.match;
}

function notFound(): DomainException {
  return new DomainException(
    ErrorCode.DATA_SUBJECT_NOT_FOUND,
    'No lead contact or customer has this email or phone (or their data was erased)',
  );
}

function mapSettings(row: PrivacySettingsRow | null): PrivacySettingsDto {
  return {
    contactRetentionMonths: row?.contactRetentionMonths ?? null,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
