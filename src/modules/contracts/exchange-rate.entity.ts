import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * One exchange rate: 1 unit of `fromCurrency` is `rate` units of `toCurrency` on `rateOn` (major units,
 * so the minor digits of each currency do not enter the rate). Admin-managed and importable.
 */
@Entity('exchange_rates')
@Index(['fromCurrency', 'toCurrency', 'rateOn'], { unique: true })
@Check('exchange_rates_rate_positive', '"rate" > 0')
@Check('exchange_rates_two_currencies', '"from_currency" <> "to_currency"')
export class ExchangeRate extends BaseEntity {
  @Column({ type: 'date' })
  rateOn!: string;

  @Column({ type: 'char', length: 3 })
  fromCurrency!: string;

  @Column({ type: 'char', length: 3 })
  toCurrency!: string;

  /** numeric(20,10), read as a string so no digit is lost. */
  @Column({ type: 'numeric', precision: 20, scale: 10 })
  rate!: string;
}

/** The company's money settings: one row (`singleton`), versioned. No row: reporting in CNY. */
@Entity('money_settings')
@Index('money_settings_single_row', ['singleton'], { unique: true })
@Check('money_settings_singleton', '"singleton"')
export class MoneySettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  @Column({ type: 'char', length: 3 })
  reportingCurrency!: string;
}
