import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { ArticleKind, Audience } from './knowledge.enums';

/**
 * A knowledge-base article: markdown per product line with tags and an audience. The row is the current
 * revision; every edit also writes a `knowledge_article_revisions` row, and `version` (the ETag) is the
 * revision number. `searchText` is title, tags and body normalised in JS (search-text.ts), so search does
 * not depend on the database's locale; a trigram GIN index (created by migration) speeds up LIKE on it.
 */
@Entity('knowledge_articles')
@Index(['productLineId', 'kind'])
@Index('UQ_knowledge_articles_playbook', ['productLineId'], { unique: true, where: `"kind" = 'playbook'` })
@Index('knowledge_articles_search_trgm', { synchronize: false })
@Check('CHK_knowledge_articles_kind', `"kind" IN ('article', 'playbook', 'win_story')`)
@Check('CHK_knowledge_articles_audience', `"audience" IN ('all_vendors', 'chosen_vendors', 'internal')`)
@Check(
  'CHK_knowledge_articles_premium',
  `"premium_room_bps" IS NULL OR "premium_room_bps" BETWEEN 0 AND 10000`,
)
export class KnowledgeArticle extends BaseEntity {
  @Column({ type: 'varchar', length: 20 })
  kind!: ArticleKind;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  tags!: string[];

  @Column({ type: 'varchar', length: 20 })
  audience!: Audience;

  /** The vendors a `chosen_vendors` article is addressed to; empty otherwise. */
  @Column({ type: 'uuid', array: true, default: '{}' })
  audienceVendorIds!: string[];

  /** The won contract a `win_story` tells about. */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  /** Playbooks: how far above the list price a rep may go, in basis points of the list price. */
  @Column({ type: 'int', nullable: true })
  premiumRoomBps!: number | null;

  @Column({ type: 'text', select: false })
  searchText!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'uuid' })
  updatedBy!: string;
}

/** One stored revision of an article: what it said after create (revision 1) or after each edit. */
@Entity('knowledge_article_revisions')
@Unique('UQ_knowledge_article_revisions_number', ['articleId', 'revision'])
export class KnowledgeArticleRevision extends BaseEntity {
  @Column({ type: 'uuid' })
  articleId!: string;

  @ManyToOne(() => KnowledgeArticle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: KnowledgeArticle;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  tags!: string[];

  @Column({ type: 'varchar', length: 20 })
  audience!: Audience;

  @Column({ type: 'uuid', array: true, default: '{}' })
  audienceVendorIds!: string[];

  @Column({ type: 'int', nullable: true })
  premiumRoomBps!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  changeNote!: string | null;

  @Column({ type: 'uuid' })
  editedBy!: string;
}
