import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { Lead, LeadExternalId } from '../lead.entity';
import { LeadSource } from '../lead.enums';
import { ImportOutcome } from './lead-imports.dto';
import { lockLeadIntake } from './lead-intake-lock';
import { intakeRefusal, LeadIntakeService, PreparedLead } from './lead-intake.service';
import { profileChanges } from '../lead-profile-changes.rules';
import type { LeadInputDto } from '../leads.dto';
import { LeadsService } from '../leads.service';

export interface UpsertedLead {
  lead: Lead;
  /** True when this call took the lead in (201); false when it found it (200). */
  created: boolean;
}

/**
 * The upsert of an ERP or CRM that holds leads under its own ids: `PUT /leads/by-external-id/{source}/{id}`.
 * The body goes through the intake's own validation; an unknown id takes the lead in through the intake
 * (dedupe, grading, routing, history) and links the id; a known id edits the lead's profile through the
 * same path as `PATCH /leads/{id}`, and only when the body changes something, so a retry writes nothing.
 */
@Injectable()
export class LeadUpsertService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: LeadIntakeService,
    private readonly leads: LeadsService,
  ) {}

  async upsertLeadByExternalId(
    source: string,
    externalId: string,
    input: LeadInputDto,
    scope: DataScope,
    principal: Principal,
  ): Promise<UpsertedLead> {
    // Validation and reference checks read on their own connection, before the transaction opens.
    const screened = await this.intake.screen([input], LeadSource.API, scope);
    const refused = screened.results[0];
    if (refused) throw intakeRefusal(refused);
    const prepared = screened.valid[0];
    return this.dataSource.transaction(async (em) => {
      // The intake lock serialises this with every intake and with a concurrent push of the same id.
      await lockLeadIntake(em);
      const link = await em.findOne(LeadExternalId, { where: { source, externalId } });
      if (link) {
        // A lead outside the caller's scope is 404, exactly as if the id were unknown to us.
        const lead = await this.leads.getLead(link.leadId, scope, em).catch((error: unknown) => {
          throw error instanceof DomainException
            ? DomainException.notFound('Lead', `${source}/${externalId}`)
            : error;
        });
        return { lead: await this.applyProfile(em, lead, input, prepared, scope, principal), created: false };
      }
      const [outcome] = await this.intake.writeIntake(em, screened, {
        scope,
        principal,
        defaultSource: LeadSource.API,
        details: () => ({ externalSource: source, externalId }),
      });
      if (outcome.outcome === ImportOutcome.CREATED) {
        await em.insert(LeadExternalId, { leadId: outcome.id!, source, externalId });
        return { lead: await this.leads.getLead(outcome.id!, scope, em), created: true };
      }
      // The company already has a lead the caller may see, not yet known to this source: link it.
      if (outcome.outcome === ImportOutcome.DUPLICATE && outcome.id) {
        const taken = await em.findOne(LeadExternalId, { where: { leadId: outcome.id, source } });
        if (!taken) {
          await em.insert(LeadExternalId, { leadId: outcome.id, source, externalId });
          const lead = await this.leads.getLead(outcome.id, scope, em);
          return {
            lead: await this.applyProfile(em, lead, input, prepared, scope, principal),
            created: false,
          };
        }
      }
      throw intakeRefusal(outcome);
    });
  }

  private async applyProfile(
    em: EntityManager,
    lead: Lead,
    input: LeadInputDto,
    prepared: PreparedLead,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    if (lead.mergedIntoId)
      throw DomainException.of(ErrorCode.LEAD_DUPLICATE, 'The lead was merged into another lead', {
        duplicateOfLeadId: lead.mergedIntoId,
      });
    const changes = profileChanges(lead, input, prepared);
    return changes ? this.leads.editLeadProfile(em, lead, changes, scope, principal) : lead;
  }
}
