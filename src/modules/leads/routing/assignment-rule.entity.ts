import { VendorTier } from '../../vendors/vendor-enums';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { CompanySizeBand, LeadGrade, LeadSource } from '../lead.enums';
import { RoutingStrategy, RoutingTargetKind } from './routing.enums';

/** Which leads a rule takes; every listed condition must hold, an empty list means "any". */
export interface RuleFilter {
  sources?: LeadSource[];
  regionCodes?: string[];
  industryCodes?: string[];
  sizeBands?: CompanySizeBand[];
  grades?: LeadGrade[];
  keyLead?: boolean;
  /** The lead carries at least one of these product lines. */
  productLineIds?: string[];
  /** The lead carries at least one of these tags. */
  tags?: string[];
}

/** An ordered routing rule: first active rule whose filter matches wins; the default catches the rest. */
@Entity('assignment_rules')
@Index(['position'])
export class AssignmentRule extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Used when no other rule matches, or the matching rule finds nobody eligible. */
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filter!: RuleFilter;

  @Column({ type: 'varchar', length: 20 })
  targetKind!: RoutingTargetKind;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  targetVendorIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  targetPoolId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  strategy!: RoutingStrategy;

  /** Most leads one rep may get from routing per rolling 24 hours; null = no quota. */
  @Column({ type: 'int', nullable: true })
  dailyQuotaPerRep!: number | null;

  /** Key leads only to vendors of at least this tier (with the agreements' own minimum, the stricter). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  keyLeadMinVendorTier!: VendorTier | null;

  /** Round-robin pointer: the rep that got the last lead. */
  @Column({ type: 'uuid', nullable: true })
  lastRepId!: string | null;
}
