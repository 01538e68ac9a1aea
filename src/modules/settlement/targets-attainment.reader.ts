import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttainmentService } from '../targets/attainment.service';
import { nodeKey } from '../targets/org-nodes';
import { OwnerKind, TargetMetric } from '../targets/target.enums';
import type { Payee } from './settlement-engine.rules';
import { payeeKey, type SettlementAttainmentReader } from './settlement-sources';

/**
 * Settlement's view of the targets module's attainment: the tier of a commission plan is measured on the
 * payee's own `revenue` target of the period (an agency's vendor target, an independent rep's rep target),
 * approved or locked, covering the whole node. A payee without one is paid its agreement's base rate.
 * One set-based call for every payee of a run.
 */
@Injectable()
export class TargetsAttainmentReader implements SettlementAttainmentReader {
  constructor(private readonly attainment: AttainmentService) {}

  async attainmentPercent(
    manager: EntityManager,
    payees: readonly Payee[],
    periodKeys: readonly string[],
  ): Promise<Map<string, Map<string, number>>> {
    const owners = payees.map((payee) =>
      payee.repId === null
        ? { kind: OwnerKind.VENDOR, id: payee.vendorId }
        : { kind: OwnerKind.REP, id: payee.repId },
    );
    const byOwner = await this.attainment.attainmentOfOwners(
      manager,
      TargetMetric.REVENUE,
      owners,
      periodKeys,
    );
    const result = new Map<string, Map<string, number>>();
    payees.forEach((payee, index) => {
      const owner = owners[index];
      const found = byOwner.get(nodeKey(owner.kind, owner.id));
      if (found) result.set(payeeKey(payee), found);
    });
    return result;
  }
}
