import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Reads the reps' certifications valid on a calendar day: rep id → certified product line ids. */
export type VendorCertificationReader = (
  manager: EntityManager,
  repIds: readonly string[],
  on: string,
) => Promise<Map<string, Set<string>>>;

/**
 * Certifications live in the training module above vendors, so it registers here how to read them; the
 * onboarding checklist asks when an agreement requires a certified rep.
 */
@Injectable()
export class VendorCertifications {
  private reader: VendorCertificationReader | null = null;

  register(reader: VendorCertificationReader): void {
    this.reader = reader;
  }

  /** Null when no reader is registered: then no rep counts as certified (the checklist item stays open). */
  async read(
    manager: EntityManager,
    repIds: readonly string[],
    on: string,
  ): Promise<Map<string, Set<string>> | null> {
    if (!this.reader) return null;
    if (repIds.length === 0) return new Map();
    return this.reader(manager, repIds, on);
  }
}
