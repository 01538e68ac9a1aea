import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Rep id → the product lines the rep holds a certification for that is valid on the day asked. */
export type CertifiedProductLines = Map<string, Set<string>>;

/** Reads the reps' valid certifications on a calendar day (`YYYY-MM-DD`), set-based, in the caller's transaction. */
export type RoutingCertificationReader = (
  manager: EntityManager,
  repIds: readonly string[],
  on: string,
) => Promise<CertifiedProductLines>;

/**
 * Certifications live in the training module above leads, so it registers here how to read them. Routing
 * asks once per batch, only when a target vendor's agreement in force requires certification.
 */
@Injectable()
export class RoutingCertifications {
  private reader: RoutingCertificationReader | null = null;

  register(reader: RoutingCertificationReader): void {
    this.reader = reader;
  }

  /**
   * The certified product lines of the reps on the day, or null when no module has registered a reader:
   * then nobody counts as certified, and a vendor whose agreement requires certification gets no leads
   * (the gate fails closed rather than routing to reps nobody could check).
   */
  async read(
    manager: EntityManager,
    repIds: readonly string[],
    on: string,
  ): Promise<CertifiedProductLines | null> {
    if (!this.reader) return null;
    if (repIds.length === 0) return new Map();
    return this.reader(manager, repIds, on);
  }
}
