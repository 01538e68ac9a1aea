import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/role';

/**
 * What intake asks of routing: route the leads it just created, in its own transaction, when automatic
 * assignment on intake is switched on. Provided by RoutingService.
 */
export abstract class IntakeRouting {
  abstract routeNewLeads(em: EntityManager, leadIds: string[], actor: Principal): Promise<void>;
}
