import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OffboardingContext,
  OffboardingSection,
  VendorOffboardingStep,
  VendorOffboardingSteps,
} from '../../vendors/vendor-offboarding';
import { PoolService } from './pool.service';

/** The leads module's part in offboarding a vendor: its open leads are clawed back (see PoolService). */
@Injectable()
export class LeadOffboardingStep implements VendorOffboardingStep, OnModuleInit {
  readonly name = 'leads';

  constructor(
    private readonly steps: VendorOffboardingSteps,
    private readonly pool: PoolService,
  ) {}

  onModuleInit(): void {
    this.steps.register(this);
  }

  offboardVendor(manager: EntityManager, context: OffboardingContext): Promise<OffboardingSection> {
    return this.pool.releaseVendorLeads(manager, context);
  }
}
