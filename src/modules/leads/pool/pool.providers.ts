import { LeadPoolClaim } from './lead-pool-claim.entity';
import { LeadPoolState } from './lead-pool-state.entity';
import { LeadPool } from './lead-pool.entity';
import { PoolController } from './pool.controller';
import { LeadOffboardingStep } from './lead-offboarding.step';
import { PoolService } from './pool.service';

/** The lead pool's parts, registered by LeadsModule. */
export const LEAD_POOL_ENTITIES = [LeadPool, LeadPoolState, LeadPoolClaim];
export const POOL_CONTROLLERS = [PoolController];
export const POOL_PROVIDERS = [PoolService, LeadOffboardingStep];
