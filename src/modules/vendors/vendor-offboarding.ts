import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import type { LeadClawbackPolicy } from './vendor-enums';

/** What one module moved or stopped when a vendor was offboarded: counts plus every item by id. */
export interface OffboardingSection {
  /** e.g. `access`, `reps`, `leads`, `webhooks`. */
  name: string;
  counts: Record<string, number>;
  items: { kind: string; id: string; detail: string }[];
}

export interface OffboardingContext {
  vendorId: string;
  vendorName: string;
  at: Date;
  actor: Principal;
  reason: string;
  leadClawbackPolicy: LeadClawbackPolicy;
}

/**
 * A module above the vendors module (leads) that holds vendor-bound work takes part in offboarding by
 * registering a step here at start, so the vendors module can run it in its own transaction without
 * importing upwards.
 */
export interface VendorOffboardingStep {
  readonly name: string;
  offboardVendor(manager: EntityManager, context: OffboardingContext): Promise<OffboardingSection>;
}

@Injectable()
export class VendorOffboardingSteps {
  private readonly steps: VendorOffboardingStep[] = [];

  register(step: VendorOffboardingStep): void {
    if (!this.steps.some((existing) => existing.name === step.name)) this.steps.push(step);
  }

  async run(manager: EntityManager, context: OffboardingContext): Promise<OffboardingSection[]> {
    const sections: OffboardingSection[] = [];
    for (const step of this.steps) sections.push(await step.offboardVendor(manager, context));
    return sections;
  }
}
