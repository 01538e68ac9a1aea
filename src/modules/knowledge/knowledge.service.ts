import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQuery, paginate } from '../../common/pagination/pagination';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { containsPattern } from '../../database/sql-helpers';
import { CatalogService } from '../catalog/catalog.service';
import { ContractsService } from '../contracts/contracts.service';
import { VendorsService } from '../vendors/vendors.service';
import { checkArticleKindFields } from './article.rules';
import { audienceCondition, checkAudience } from './audience.rules';
import { KnowledgeArticle, KnowledgeArticleRevision } from './knowledge-article.entity';
import { CreateArticleDto, ListArticlesQuery, UpdateArticleDto } from './knowledge.dto';
import { ArticleKind, Audience } from './knowledge.enums';
import { PlaybookPrice, playbookPrice } from './playbook-pricing.rules';
import { articleSearchText, searchTerms } from './search-text';

export interface Playbook {
  productLineId: string;
  article: KnowledgeArticle;
  products: ({ productId: string; sku: string; name: string; currency: string } & PlaybookPrice)[];
}

/**
 * The knowledge base: articles, playbooks and won-deal write-ups. Company roles write; every read goes
 * through the audience rule (audience-rules.ts), so an article a caller may not read is a 404.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
  ) {}

  createArticle(input: CreateArticleDto, actor: Principal): Promise<KnowledgeArticle> {
    const fields = {
      kind: input.kind,
      productLineId: input.productLineId ?? null,
      contractId: input.contractId ?? null,
      premiumRoomBps: input.premiumRoomBps ?? null,
    };
    checkArticleKindFields(fields);
    const vendorIds = input.vendorIds ?? [];
    checkAudience(input.audience, vendorIds);
    return this.dataSource.transaction(async (em) => {
      if (fields.productLineId)
        await this.catalog.assertProductLinesExist(em, [fields.productLineId], 'productLineId');
      await this.vendors.assertVendorsExist(em, vendorIds, 'vendorIds');
      if (fields.contractId) await this.contracts.assertContractsExist(em, [fields.contractId], 'contractId');
      if (input.kind === ArticleKind.PLAYBOOK) {
        const existing = await em.findOneBy(KnowledgeArticle, {
          kind: ArticleKind.PLAYBOOK,
          productLineId: fields.productLineId!,
        });
        if (existing)
          throw DomainException.of(
            ErrorCode.PLAYBOOK_EXISTS,
            `Product line ${fields.productLineId} has its playbook already (${existing.id}); edit that one`,
            { articleId: existing.id },
          );
      }
      const tags = input.tags ?? [];
      const article = await em.save(
        em.create(KnowledgeArticle, {
          ...fields,
          title: input.title,
          body: input.body,
          tags,
          audience: input.audience,
          audienceVendorIds: vendorIds,
          searchText: articleSearchText({ title: input.title, tags, body: input.body }),
          createdBy: actor.subjectId,
          updatedBy: actor.subjectId,
        }),
      );
      await this.writeRevision(em, article, actor, null);
      return this.readArticle(em, article.id, DataScope.companyWide());
    });
  }

  /** Newest first, filtered by kind, product line, tag and words; only what the caller's audience reaches. */
  listArticles(query: ListArticlesQuery, scope: DataScope): Promise<Page<KnowledgeArticle>> {
    const builder = this.visible(this.dataSource.manager, scope);
    if (query.kind) builder.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.productLineId)
      builder.andWhere('a.product_line_id = :productLineId', { productLineId: query.productLineId });
    if (query.tag) builder.andWhere(':tag = ANY(a.tags)', { tag: query.tag.trim().toLowerCase() });
    searchTerms(query.q ?? '').forEach((term, index) =>
      builder.andWhere(`a.search_text LIKE :term${index}`, { [`term${index}`]: containsPattern(term) }),
    );
    return paginate(
      builder,
      query,
      [
        { expression: 'a.updated_at', read: (row) => row.updatedAt.toISOString() },
        { expression: 'a.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  getArticle(id: string, scope: DataScope): Promise<KnowledgeArticle> {
    return this.readArticle(this.dataSource.manager, id, scope);
  }

  /**
   * An edit keeps the previous revision and writes the new one; If-Match with a stale ETag is 412.
   * Kind, product line and contract stay as created. Moving away from chosen_vendors clears its vendors.
   */
  updateArticle(
    id: string,
    input: UpdateArticleDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<KnowledgeArticle> {
    refuseNulls(input, ['premiumRoomBps']);
    return this.dataSource.transaction(async (em) => {
      const current = await em
        .getRepository(KnowledgeArticle)
        .createQueryBuilder('a')
        .where('a.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw DomainException.notFound('Article', id);
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        throw DomainException.versionMismatch(current.version);
      const audience = input.audience ?? current.audience;
      const vendorIds =
        input.vendorIds ??
        (input.audience && input.audience !== Audience.CHOSEN_VENDORS ? [] : current.audienceVendorIds);
      const premiumRoomBps =
        input.premiumRoomBps === undefined ? current.premiumRoomBps : input.premiumRoomBps;
      checkArticleKindFields({ ...current, premiumRoomBps });
      checkAudience(audience, vendorIds);
      await this.vendors.assertVendorsExist(em, vendorIds, 'vendorIds');
      const title = input.title ?? current.title;
      const body = input.body ?? current.body;
      const tags = input.tags ?? current.tags;
      await em
        .createQueryBuilder()
        .update(KnowledgeArticle)
        .set({
          title,
          body,
          tags,
          audience,
          audienceVendorIds: vendorIds,
          premiumRoomBps,
          searchText: articleSearchText({ title, tags, body }),
          updatedBy: actor.subjectId,
        })
        .where('id = :id', { id })
        .execute();
      const saved = await em.findOneByOrFail(KnowledgeArticle, { id });
      await this.writeRevision(em, saved, actor, input.changeNote ?? null);
      return saved;
    });
  }

  /** Every revision of an article, newest first (company roles). */
  async listArticleRevisions(id: string, query: PageQuery): Promise<Page<KnowledgeArticleRevision>> {
    await this.readArticle(this.dataSource.manager, id, DataScope.companyWide());
    const builder = this.dataSource
      .getRepository(KnowledgeArticleRevision)
      .createQueryBuilder('r')
      .where('r.article_id = :id', { id });
    return paginate(builder, query, [{ expression: 'r.revision', read: (row) => row.revision }], 'DESC');
  }

  /**
   * The product line's playbook with its active products and their floor prices, read through the
   * catalog service, and the room each leaves between the floor and the premium ceiling.
   */
  async getPlaybook(productLineId: string, scope: DataScope): Promise<Playbook> {
    const em = this.dataSource.manager;
    const article = await this.visible(em, scope)
      .andWhere('a.kind = :kind AND a.product_line_id = :productLineId', {
        kind: ArticleKind.PLAYBOOK,
        productLineId,
      })
      .getOne();
    if (!article) throw DomainException.notFound('Playbook of product line', productLineId);
    const products = await this.catalog.listActiveProductsOfLine(em, productLineId);
    return {
      productLineId,
      article,
      products: products.map((p) => ({
        productId: p.id,
        sku: p.sku,
        name: p.name,
        currency: p.currency,
        ...playbookPrice(p.listPriceMinor, p.floorPriceMinor, article.premiumRoomBps),
      })),
    };
  }

  // ---- internals ----

  private visible(em: EntityManager, scope: DataScope) {
    const audience = audienceCondition({ audience: 'a.audience', vendors: 'a.audience_vendor_ids' }, scope);
    return em
      .getRepository(KnowledgeArticle)
      .createQueryBuilder('a')
      .where(audience.condition, audience.params);
  }

  private async readArticle(em: EntityManager, id: string, scope: DataScope): Promise<KnowledgeArticle> {
    const article = await this.visible(em, scope).andWhere('a.id = :id', { id }).getOne();
    if (!article) throw DomainException.notFound('Article', id);
    return article;
  }

  private async writeRevision(
    em: EntityManager,
    article: KnowledgeArticle,
    actor: Principal,
    changeNote: string | null,
  ): Promise<void> {
    await em.insert(KnowledgeArticleRevision, {
      articleId: article.id,
      revision: article.version,
      title: article.title,
      body: article.body,
      tags: article.tags,
      audience: article.audience,
      audienceVendorIds: article.audienceVendorIds,
      premiumRoomBps: article.premiumRoomBps,
      changeNote,
      editedBy: actor.subjectId,
    });
  }
}
