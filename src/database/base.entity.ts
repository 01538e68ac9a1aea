import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Columns every table carries: a uuid key, creation and update times in UTC, and an integer version
 * that optimistic locking (`If-Match`) checks on every update. Millisecond precision, so a timestamp
 * read into JavaScript and handed back in a pagination cursor compares equal.
 */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
