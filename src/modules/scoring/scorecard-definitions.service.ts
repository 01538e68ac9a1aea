import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { defaultRules } from './scorecard-defaults';
import { ScorecardDefinitionRow } from './scorecard-definition.entity';
import { type ScorecardRules, scorecardRuleErrors } from './scorecard-engine.rules';
import { ScorecardAudience } from './scoring.enums';

/** Scorecard definitions: the latest revision per audience applies to new scores. */
@Injectable()
export class ScorecardDefinitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The latest revision of each audience, storing revision 1 (the defaults) where none exists yet. */
  async currentDefinitions(manager: EntityManager): Promise<Map<ScorecardAudience, ScorecardDefinitionRow>> {
    const repository = manager.getRepository(ScorecardDefinitionRow);
    await repository
      .createQueryBuilder()
      .insert()
      .values(
        Object.values(ScorecardAudience).map((audience) => ({
          audience,
          revision: 1,
          ...defaultRules(audience),
          createdBy: 'defaults',
        })),
      )
      .orIgnore()
      .execute();
    const rows: ScorecardDefinitionRow[] = await repository
      .createQueryBuilder('d')
      .distinctOn(['d.audience'])
      .orderBy('d.audience')
      .addOrderBy('d.revision', 'DESC')
      .getMany();
    return new Map(rows.map((row) => [row.audience, row]));
  }

  /** Whether a scorecard revision was written after `since` (database time). */
  async revisedSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { revised: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM scorecard_definitions WHERE created_at > $1 OR updated_at > $1) AS revised`,
      [since],
    );
    return row.revised;
  }

  listScorecardDefinitions(): Promise<ScorecardDefinitionRow[]> {
    return this.dataSource.transaction(async (em) => [...(await this.currentDefinitions(em)).values()]);
  }

  listScorecardDefinitionRevisions(audience: ScorecardAudience): Promise<ScorecardDefinitionRow[]> {
    return this.dataSource.transaction(async (em) => {
      await this.currentDefinitions(em);
      return em
        .getRepository(ScorecardDefinitionRow)
        .find({ where: { audience }, order: { revision: 'DESC' } });
    });
  }

  /**
   * Stores the next revision of an audience's scorecard; refuses rules that break one (weights not
   * summing to 100 %, a KPI whose 0-point equals its 100-point, bands out of order), writing nothing.
   */
  reviseScorecardDefinition(
    audience: ScorecardAudience,
    rules: ScorecardRules,
    actor: Principal,
  ): Promise<ScorecardDefinitionRow> {
    const errors = scorecardRuleErrors(rules);
    if (errors.length)
      throw new DomainException(
        ErrorCode.SCORECARD_DEFINITION_INVALID,
        `The scorecard breaks a rule: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
        errors,
      );
    return this.dataSource.transaction(async (em) => {
      const current = (await this.currentDefinitions(em)).get(audience);
      // Serialise concurrent edits of one audience: the second waits and takes the next number.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scorecard:${audience}`]);
      const [{ max }]: { max: number }[] = await em.query(
        'SELECT max(revision)::int AS max FROM scorecard_definitions WHERE audience = $1',
        [audience],
      );
      const row = await em.getRepository(ScorecardDefinitionRow).save(
        em.getRepository(ScorecardDefinitionRow).create({
          audience,
          revision: max + 1,
          kpis: rules.kpis,
          gradeBands: rules.gradeBands,
          createdBy: actor.name,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'scorecard_definition',
        entityId: row.id,
        action: 'create',
        before: current
          ? { revision: current.revision, kpis: current.kpis, gradeBands: current.gradeBands }
          : null,
        after: { revision: row.revision, kpis: row.kpis, gradeBands: row.gradeBands },
      });
      return row;
    });
  }
}
