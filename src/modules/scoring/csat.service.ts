import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { RepsService } from '../vendors/reps.service';
import { CsatResponse } from './csat-response.entity';
import type { CreateCsatResponseDto } from './csat.dto';

/** Per rep over a period: how many CSAT answers and the sum of their ratings. */
export interface RepCsatFacts {
  repId: string;
  answers: number;
  ratingTotal: number;
}

@Injectable()
export class CsatService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: RepsService,
  ) {}

  /**
   * Records an answer posted by the ERP. The rep must be inside the caller's scope (a vendor-bound
   * client posts for its own reps only; others are 404); the answer is about a contract or a visit.
   */
  createCsatResponse(input: CreateCsatResponseDto, scope: DataScope): Promise<CsatResponse> {
    if (!input.contractId && !input.visitId)
      throw DomainException.validation([{ field: 'contractId', message: 'give a contractId or a visitId' }]);
    return this.dataSource.transaction((em) => this.recordCsatResponse(em, input, 'erp', scope));
  }

  /**
   * Records an answer inside the caller's transaction: the ERP's post, or a customer's answer through a
   * survey link (then with the link's own rep and a company-wide scope). It counts in the csat KPI alike.
   */
  async recordCsatResponse(
    em: EntityManager,
    input: Omit<CreateCsatResponseDto, 'contractId' | 'visitId'> & {
      contractId?: string | null;
      visitId?: string | null;
    },
    channel: CsatResponse['channel'],
    scope: DataScope,
  ): Promise<CsatResponse> {
    const { rep } = await this.reps.getRep(em, input.repId, scope);
    const repository = em.getRepository(CsatResponse);
    return repository.save(
      repository.create({
        vendorId: rep.vendorId,
        repId: rep.id,
        contractId: input.contractId ?? null,
        visitId: input.visitId ?? null,
        rating: input.rating,
        comment: input.comment ?? null,
        channel,
        answeredAt: input.answeredAt ? new Date(input.answeredAt) : new Date(),
      }),
    );
  }

  /** Scoring's CSAT facts for every rep, over local dates [from, to), set-based. */
  /** Whether a CSAT answer arrived after `since` (database time); a BRIN probe. */
  async csatWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { written: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM csat_responses WHERE created_at > $1) AS written`,
      [since],
    );
    return row.written;
  }

  /** [from, to): dates (midnight UTC) or instants (a vendor's local month). */
  async getRepCsatFacts(manager: EntityManager, from: string, to: string): Promise<RepCsatFacts[]> {
    const rows: { rep_id: string; answers: number; rating_total: number }[] = await manager.query(
      `SELECT rep_id, count(*)::int AS answers, sum(rating)::int AS rating_total
         FROM csat_responses WHERE answered_at >= $1::timestamptz AND answered_at < $2::timestamptz
        GROUP BY rep_id`,
      [from, to],
    );
    return rows.map((row) => ({ repId: row.rep_id, answers: row.answers, ratingTotal: row.rating_total }));
  }
}
