import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, Page, PageQuery } from '../../common/pagination/pagination';
import {
  ArticleDto,
  ArticlePage,
  ArticleRevisionDto,
  ArticleRevisionPage,
  CreateArticleDto,
  ListArticlesQuery,
  mapArticle,
  mapRevision,
  PlaybookDto,
  UpdateArticleDto,
} from './knowledge.dto';
import { KnowledgeService } from './knowledge.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const AUTHORS = [Role.ADMIN, Role.SALES_MANAGER];

/**
 * The knowledge base. Company roles write and read everything; a vendor's people read what is
 * addressed to all vendors or to their vendor, never internal articles (anything else is 404).
 */
@ApiTags('knowledge')
@Controller('knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post('articles')
  @Auth(...AUTHORS)
  @Idempotent()
  @Endpoint({
    summary: 'Write an article, a product line’s playbook or a won-deal write-up (revision 1)',
    description:
      'A playbook needs productLineId (one per product line: a second is 409 PLAYBOOK_EXISTS) and may state ' +
      'premiumRoomBps; a win_story needs contractId (422 CONTRACT_UNKNOWN when no contract has it). ' +
      'chosen_vendors names its vendors in vendorIds (422 AUDIENCE_INVALID otherwise, VENDOR_UNKNOWN for an ' +
      'unknown one).',
    created: ArticleDto,
    problems: [
      400,
      409,
      422,
      ErrorCode.PLAYBOOK_EXISTS,
      ErrorCode.ARTICLE_KIND_FIELDS_INVALID,
      ErrorCode.AUDIENCE_INVALID,
      ErrorCode.PRODUCT_LINE_UNKNOWN,
      ErrorCode.VENDOR_UNKNOWN,
      ErrorCode.CONTRACT_UNKNOWN,
    ],
  })
  async createKnowledgeArticle(
    @Body() body: CreateArticleDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ArticleDto> {
    return mapArticle(await this.knowledge.createArticle(body, actor));
  }

  @Get('articles')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List and search the articles the caller may read, last changed first',
    description:
      '`q` finds words in title, tags and body in any script: Chinese without spaces (a two-character word ' +
      'inside a sentence), Hungarian in any case with its accents.',
    ok: ArticlePage,
    problems: [400],
  })
  async listKnowledgeArticles(
    @Query() query: ListArticlesQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ArticleDto>> {
    return mapPage(await this.knowledge.listArticles(query, scope), mapArticle);
  }

  @Get('articles/:id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get an article (its current revision)',
    description:
      'Any role that may read the article (vendor users see articles published to them). Answers ' +
      'its current revision: title, body, kind, product line and tags.',
    ok: ArticleDto,
    problems: [400, 404],
  })
  async getKnowledgeArticle(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<ArticleDto> {
    return mapArticle(await this.knowledge.getArticle(id, scope));
  }

  @Patch('articles/:id')
  @Auth(...AUTHORS)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Edit an article: a new revision, the previous one kept',
    description:
      'Title, body, tags, audience, vendors and (playbooks) premium room; kind, product line and contract ' +
      'stay as created. Moving the audience away from chosen_vendors clears its vendors.',
    ok: ArticleDto,
    problems: [
      400,
      404,
      412,
      422,
      ErrorCode.ARTICLE_KIND_FIELDS_INVALID,
      ErrorCode.AUDIENCE_INVALID,
      ErrorCode.VENDOR_UNKNOWN,
    ],
  })
  async updateKnowledgeArticle(
    @UuidParam('id') id: string,
    @Body() body: UpdateArticleDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ArticleDto> {
    return mapArticle(await this.knowledge.updateArticle(id, body, ifMatch, actor));
  }

  @Get('articles/:id/revisions')
  @Auth(...AUTHORS)
  @Endpoint({
    summary: 'List an article’s revisions, newest first',
    description:
      'Admins and sales managers. Lists every revision of an article, newest first with cursor ' +
      'pagination, with who wrote it and when; editing keeps all earlier revisions.',
    ok: ArticleRevisionPage,
    problems: [400, 404],
  })
  async listKnowledgeArticleRevisions(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<ArticleRevisionDto>> {
    return mapPage(await this.knowledge.listArticleRevisions(id, query), mapRevision);
  }

  @Get('playbooks/:productLineId')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'A product line’s sales playbook with its products, floor prices and the room for a premium',
    description:
      'Prices come from the catalog: each active product’s list and floor price, the discount room ' +
      '(list − floor) and the premium ceiling (list × (1 + premiumRoomBps / 10 000), rounded down). ' +
      '404 when the line has no playbook the caller may read.',
    ok: PlaybookDto,
    problems: [400, 404],
  })
  async getProductLinePlaybook(
    @UuidParam('productLineId') productLineId: string,
    @Scope() scope: DataScope,
  ): Promise<PlaybookDto> {
    const playbook = await this.knowledge.getPlaybook(productLineId, scope);
    return { ...playbook, article: mapArticle(playbook.article) };
  }
}
