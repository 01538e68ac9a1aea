import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { ImportMappingTarget } from './import-mapping.rules';

/**
 * A saved column mapping: how the export of another system (its own headers and values) becomes OSM
 * import rows. Imports name it with `mapping=<name>`; the shipped presets live in code, not here.
 */
@Entity('import_mappings')
@Index('import_mappings_name_key', ['name'], { unique: true })
export class ImportMapping extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  target!: ImportMappingTarget;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  /** Source column header → OSM field. */
  @Column({ type: 'jsonb' })
  columns!: Record<string, string>;

  /** Source column header → (source value → OSM value). */
  @Column({ type: 'jsonb', default: {} })
  valueMaps!: Record<string, Record<string, string>>;

  @Column({ type: 'boolean', default: false })
  ignoreUnknownColumns!: boolean;

  /** The user or API client that saved it. */
  @Column({ type: 'uuid' })
  createdBy!: string;
}
