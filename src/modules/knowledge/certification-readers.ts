import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RoutingCertifications } from '../leads/leads.published';
import { VendorCertifications } from '../vendors/vendor-certifications';
import { TrainingService } from './training.service';

/**
 * Hands the modules below the reps' valid certifications: lead routing (the certification gate of an
 * agreement that requires it) and the vendors' onboarding checklist (a certified rep). Registered at start,
 * so neither has to import this module.
 */
@Injectable()
export class CertificationReaders implements OnModuleInit {
  constructor(
    private readonly training: TrainingService,
    private readonly routing: RoutingCertifications,
    private readonly vendors: VendorCertifications,
  ) {}

  onModuleInit(): void {
    const reader = (manager: EntityManager, repIds: readonly string[], on: string) =>
      this.read(manager, repIds, on);
    this.routing.register(reader);
    this.vendors.register(reader);
  }

  /** Rep id → product lines certified on `on`, in one query. */
  private async read(
    manager: EntityManager,
    repIds: readonly string[],
    on: string,
  ): Promise<Map<string, Set<string>>> {
    const byRep = new Map<string, Set<string>>();
    for (const { repId, productLineId } of await this.training.findValidCertifications(manager, repIds, on)) {
      const lines = byRep.get(repId) ?? new Set<string>();
      lines.add(productLineId);
      byRep.set(repId, lines);
    }
    return byRep;
  }
}
