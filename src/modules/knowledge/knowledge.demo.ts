import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { ContractStatus } from '../contracts/contract.enums';
import { ContractsService } from '../contracts/contracts.service';
import { Announcement } from './announcement.entity';
import { Curriculum } from './curriculum.entity';
import { KnowledgeArticle, KnowledgeArticleRevision } from './knowledge-article.entity';
import {
  AnnouncementAudience,
  AnnouncementKind,
  ArticleKind,
  Audience,
  FeedbackKind,
} from './knowledge.enums';
import { MarketFeedback } from './market-feedback.entity';
import { articleSearchText } from './search-text';

/** The author of the demo knowledge (no user row: like the other seeders' demo planner). */
const DEMO_AUTHOR = '00000000-0000-4000-8000-0000000000de';

interface DemoArticle {
  kind: ArticleKind;
  line: string | null;
  title: string;
  body: string;
  tags: string[];
  audience: Audience;
  forDemoVendor?: boolean;
  premiumRoomBps?: number;
  contractId?: string;
}

/**
 * The demo knowledge base: a Chinese article, a Hungarian one for the demo vendor only, an internal note,
 * the industrial-sensors playbook (15 % premium room), a won-deal write-up on a demo contract, two
 * announcements (one for the demo vendor only), three market feedback records from the demo vendor, and
 * the industrial-sensors curriculum (the Chinese guide and the playbook to read, a three-question quiz).
 */
@Injectable()
export class KnowledgeDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
  ) {}

  /** Seeds once, into an empty knowledge base; returns the number of articles written. */
  async seedDemoKnowledge(
    productLineIds: Map<string, string>,
    ids: { vendorId: string; repId: string },
  ): Promise<number> {
    const [{ any }] = await this.dataSource.query<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM knowledge_articles) AS any',
    );
    if (any) return 0;
    const won = await this.contracts.listContracts(
      { limit: 1, status: ContractStatus.ACTIVE },
      DataScope.companyWide(),
    );
    const articles: DemoArticle[] = [
      {
        kind: ArticleKind.ARTICLE,
        line: 'industrial-sensors',
        title: '压力传感器选型指南',
        body:
          '## 选型步骤\n\n1. 确认介质和量程：量程选在工作压力的1.5倍左右。\n2. 核对过程温度和防护等级。\n' +
          '3. 向客户说明PS-200的长期稳定性，这是我们相对竞争对手的优势。',
        tags: ['选型', 'sensors'],
        audience: Audience.ALL_VENDORS,
      },
      {
        kind: ArticleKind.ARTICLE,
        line: 'flow-valves',
        title: 'Szabályozószelepek értékesítése a magyar élelmiszeriparban',
        body:
          '## Kinek ajánljuk?\n\nA tejüzemek és sörfőzdék gyakran kérnek **rozsdamentes** kivitelt. ' +
          'Az FV-50 szelep előnye a gyors szállítás és a helyi szerviz Győrben.',
        tags: ['élelmiszeripar', 'valves'],
        audience: Audience.CHOSEN_VENDORS,
        forDemoVendor: true,
      },
      {
        kind: ArticleKind.ARTICLE,
        line: 'plc-controllers',
        title: 'PLC X1 pricing guardrails (internal)',
        body: 'Approve discounts below the floor only with a three-year service contract attached.',
        tags: ['pricing'],
        audience: Audience.INTERNAL,
      },
      {
        kind: ArticleKind.PLAYBOOK,
        line: 'industrial-sensors',
        title: 'Industrial sensors playbook',
        body:
          '## What may be sold\n\nPS-200 and TS-80 to process industries; no sale into nuclear or ' +
          'medical applications.\n\n## Price\n\nNever below the floor without approval; up to 15 % above ' +
          'list for rush delivery or calibration certificates.',
        tags: ['playbook'],
        audience: Audience.ALL_VENDORS,
        premiumRoomBps: 1500,
      },
    ];
    if (won.data[0])
      articles.push({
        kind: ArticleKind.WIN_STORY,
        line: null,
        title: 'How a key account renewed early',
        body:
          'The rep visited the plant every month and brought the service engineer along; the customer ' +
          'signed the renewal two months early.',
        tags: ['renewal', 'key-account'],
        audience: Audience.ALL_VENDORS,
        contractId: won.data[0].id,
      });
    return this.dataSource.transaction(async (em) => {
      const saved: KnowledgeArticle[] = [];
      for (const article of articles) {
        const row = await em.save(
          em.create(KnowledgeArticle, {
            kind: article.kind,
            productLineId: article.line ? (productLineIds.get(article.line) ?? null) : null,
            title: article.title,
            body: article.body,
            tags: article.tags,
            audience: article.audience,
            audienceVendorIds: article.forDemoVendor ? [ids.vendorId] : [],
            contractId: article.contractId ?? null,
            premiumRoomBps: article.premiumRoomBps ?? null,
            searchText: articleSearchText(article),
            createdBy: DEMO_AUTHOR,
            updatedBy: DEMO_AUTHOR,
          }),
        );
        saved.push(row);
        await em.insert(KnowledgeArticleRevision, {
          articleId: row.id,
          revision: 1,
          title: row.title,
          body: row.body,
          tags: row.tags,
          audience: row.audience,
          audienceVendorIds: row.audienceVendorIds,
          premiumRoomBps: row.premiumRoomBps,
          changeNote: null,
          editedBy: DEMO_AUTHOR,
        });
      }
      const sensorsLine = productLineIds.get('industrial-sensors');
      if (sensorsLine)
        await em.insert(Curriculum, {
          productLineId: sensorsLine,
          title: 'Industrial sensors certification',
          // The Chinese selection guide and the playbook, both for all vendors.
          requiredArticleIds: [saved[0].id, saved[3].id],
          questions: [
            { prompt: '量程一般选工作压力的几倍？', options: ['1 倍', '1.5 倍', '3 倍'], correctOption: 1 },
            {
              prompt: 'May a rep sell below the floor price?',
              options: ['Only with approval', 'Yes, for key accounts'],
              correctOption: 0,
            },
            {
              prompt: 'How far above list does the playbook allow?',
              options: ['0 %', '5 %', '15 %'],
              correctOption: 2,
            },
          ],
          passMarkPct: 66,
          validityMonths: 12,
          createdBy: DEMO_AUTHOR,
        });
      await em.insert(Announcement, [
        {
          kind: AnnouncementKind.PRICE_CHANGE,
          title: 'PS-200 list price up 4 % from next month',
          body: 'Quotes sent before the first of next month keep today’s list price for 30 days.',
          audience: AnnouncementAudience.ALL_VENDORS,
          vendorIds: [],
          createdBy: DEMO_AUTHOR,
        },
        {
          kind: AnnouncementKind.MARKET_NEWS,
          title: 'Új versenytárs a dunántúli szeleppiacon',
          body: 'Egy osztrák gyártó 10 %-kal a listaár alatt kínál FV-50-höz hasonló szelepeket.',
          audience: AnnouncementAudience.CHOSEN_VENDORS,
          vendorIds: [ids.vendorId],
          createdBy: DEMO_AUTHOR,
        },
      ]);
      const today = new Date().toISOString().slice(0, 10);
      await em.insert(MarketFeedback, [
        {
          vendorId: ids.vendorId,
          repId: ids.repId,
          createdBy: DEMO_AUTHOR,
          kind: FeedbackKind.PRICE_HEARD,
          competitorName: 'Alpen Ventile GmbH',
          productLineId: productLineIds.get('flow-valves') ?? null,
          regionCode: 'HU-WEST',
          observedPriceMinor: 2_650_00,
          currency: 'EUR',
          customerId: null,
          text: 'Offered 265 EUR for a valve like the FV-50 at a dairy in Győr.',
          observedOn: today,
        },
        {
          vendorId: ids.vendorId,
          repId: ids.repId,
          createdBy: DEMO_AUTHOR,
          kind: FeedbackKind.COMPETITOR_SEEN,
          competitorName: '华东仪表',
          productLineId: productLineIds.get('industrial-sensors') ?? null,
          regionCode: 'CN-EAST',
          observedPriceMinor: null,
          currency: null,
          customerId: null,
          text: '客户现场看到华东仪表的压力传感器样品。',
          observedOn: today,
        },
        {
          vendorId: ids.vendorId,
          repId: null,
          createdBy: DEMO_AUTHOR,
          kind: FeedbackKind.CUSTOMER_OPINION,
          competitorName: null,
          productLineId: productLineIds.get('iiot-platform') ?? null,
          regionCode: null,
          observedPriceMinor: null,
          currency: null,
          customerId: null,
          text: 'Customers like the monitoring dashboards but want Hungarian-language reports.',
          observedOn: today,
        },
      ]);
      return articles.length;
    });
  }
}
