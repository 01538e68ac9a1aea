import { AssignmentDecision } from './assignment-decision.entity';
import { AssignmentRule } from './assignment-rule.entity';
import { LeadDecline } from './lead-decline.entity';
import { RepRoutingPreference } from './rep-routing-preference.entity';
import { RoutingCertifications } from './routing-certifications';
import { RoutingController } from './routing.controller';
import { IntakeRouting } from './intake-routing';
import { RoutingDemoSeeder } from './routing.demo';
import { RoutingSetting } from './routing-setting.entity';
import { RoutingGradeWeightsRow } from './grade-weights.entity';
import { RoutingService } from './routing.service';

/** Lead routing's parts, registered by LeadsModule. */
export const ROUTING_ENTITIES = [
  AssignmentRule,
  AssignmentDecision,
  LeadDecline,
  RepRoutingPreference,
  RoutingSetting,
  RoutingGradeWeightsRow,
];
export const ROUTING_CONTROLLERS = [RoutingController];
export const ROUTING_PROVIDERS = [
  RoutingService,
  RoutingCertifications,
  RoutingDemoSeeder,
  { provide: IntakeRouting, useExisting: RoutingService },
];
