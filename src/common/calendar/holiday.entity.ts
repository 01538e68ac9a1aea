import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { CalendarDayKind } from './working-days';

/**
 * A calendar exception of one country: a holiday (a weekday off) or a make-up workday (a weekend day
 * worked, as China moves working days around its long holidays). Weekends themselves are not stored.
 */
@Entity('holidays')
@Index(['countryCode', 'date'], { unique: true })
@Check('CHK_holidays_kind', `"kind" IN ('holiday', 'workday')`)
export class Holiday extends BaseEntity {
  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'char', length: 2 })
  countryCode!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: CalendarDayKind;
}
