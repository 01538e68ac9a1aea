import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContractsService } from '../contracts/contracts.service';

/** What a data subject's erasure replaces free texts with (the lead module's marker, the same word). */
const ERASED = '[erased]';

/** A complaint about one of the data subject's customers, as the data-subject export lists it. */
export interface SubjectComplaint {
  id: string;
  customerId: string;
  contractId: string | null;
  category: string;
  description: string;
  status: string;
  resolution: string | null;
  receivedAt: Date;
}

/** A CSAT answer on the data subject's contracts or visits, as the data-subject export lists it. */
export interface SubjectCsatAnswer {
  id: string;
  contractId: string | null;
  visitId: string | null;
  rating: number;
  comment: string | null;
  channel: string;
  answeredAt: Date;
}

/**
 * Access to and erasure of a data subject's personal data in what scoring holds: the free texts of complaints and the
 * comments of CSAT answers about the subject's customers (a sole trader's customer record is the person)
 * and visits to the subject's leads. Ratings, categories, deadlines and dates stay: they are the
 * statistical record the scores are computed from.
 */
@Injectable()
export class ScoringPersonalDataService {
  constructor(private readonly contracts: ContractsService) {}

  /**
   * What scoring holds about the subject, for the data-subject export: the complaints about their
   * customers and the CSAT answers on those customers' contracts or on visits to their leads, oldest first.
   */
  async listTexts(
    manager: EntityManager,
    subject: { customerIds: readonly string[]; visitIds: readonly string[] },
  ): Promise<{ complaints: SubjectComplaint[]; csatAnswers: SubjectCsatAnswer[] }> {
    const contractIds = await this.contracts.contractIdsOfCustomers(manager, subject.customerIds);
    const complaints: SubjectComplaint[] = subject.customerIds.length
      ? await manager.query(
          `SELECT id, customer_id AS "customerId", contract_id AS "contractId", category, description, status,
                  resolution, received_at AS "receivedAt"
             FROM complaints WHERE customer_id = ANY($1::uuid[])
            ORDER BY received_at, id`,
          [subject.customerIds],
        )
      : [];
    const csatAnswers: SubjectCsatAnswer[] =
      contractIds.length || subject.visitIds.length
        ? await manager.query(
            `SELECT id, contract_id AS "contractId", visit_id AS "visitId", rating, comment, channel,
                    answered_at AS "answeredAt"
               FROM csat_responses WHERE contract_id = ANY($1::uuid[]) OR visit_id = ANY($2::uuid[])
              ORDER BY answered_at, id`,
            [contractIds, subject.visitIds],
          )
        : [];
    return { complaints, csatAnswers };
  }

  async eraseTexts(
    manager: EntityManager,
    subject: { customerIds: readonly string[]; visitIds: readonly string[] },
  ): Promise<{ complaints: number; csatComments: number }> {
    const contractIds = await this.contracts.contractIdsOfCustomers(manager, subject.customerIds);
    // An UPDATE … RETURNING answers [rows, count].
    const [complaints]: [unknown[], number] = subject.customerIds.length
      ? await manager.query(
          `UPDATE complaints
              SET description = $2, resolution = CASE WHEN resolution IS NULL THEN NULL ELSE $2 END,
                  updated_at = now(), version = version + 1
            WHERE customer_id = ANY($1::uuid[])
              AND (description <> $2 OR (resolution IS NOT NULL AND resolution <> $2))
            RETURNING id`,
          [subject.customerIds, ERASED],
        )
      : [[], 0];
    const [comments]: [unknown[], number] =
      contractIds.length || subject.visitIds.length
        ? await manager.query(
            `UPDATE csat_responses SET comment = $3, updated_at = now(), version = version + 1
              WHERE (contract_id = ANY($1::uuid[]) OR visit_id = ANY($2::uuid[]))
                AND comment IS NOT NULL AND comment <> $3
              RETURNING id`,
            [contractIds, subject.visitIds, ERASED],
          )
        : [[], 0];
    return { complaints: complaints.length, csatComments: comments.length };
  }
}
