import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../common/auth/role';
import { Agreement, PerLeadFeeKind } from './agreement.entity';
import { ConflictDeclaration } from './conflict.entity';
import { ConflictsService } from './conflicts.service';
import { Region } from './region.entity';
import { Rep } from './rep.entity';
import { SalesUnit } from './sales-unit.entity';
import { RepGrade, SalesStage, SalesUnitKind, VendorKind, VendorStatus, VendorTier } from './vendor-enums';
import { Vendor } from './vendor.entity';
import { VendorCandidate } from './vendor-selection.entity';
import { CandidateStatus } from './vendor-selection.rules';

/** Fixed ids the demo logins point at. */
export interface DemoIds {
  vendorId: string;
  repId: string;
  /** A rep who has gone quiet: the demo's idle-rep and weekly-quota alerts are about them. */
  idleRepId: string;
}

const SEEDER: Principal = {
  subjectId: 'system:demo-seed',
  kind: 'user',
  role: Role.ADMIN,
  vendorId: null,
  repId: null,
  name: 'Demo seeding',
};

const REGIONS: [code: string, name: string, country: string, parent: string | null][] = [
  ['CN', 'China', 'CN', null],
  ['HU', 'Hungary', 'HU', null],
  ['CN-EAST', 'East China (Shanghai, Jiangsu, Zhejiang)', 'CN', 'CN'],
  ['CN-SH', 'Shanghai', 'CN', 'CN-EAST'],
  ['CN-JS', 'Jiangsu', 'CN', 'CN-EAST'],
  ['CN-ZJ', 'Zhejiang', 'CN', 'CN-EAST'],
  ['CN-GD', 'Guangdong', 'CN', 'CN'],
  ['CN-NORTH', 'North China (Beijing, Tianjin, Hebei)', 'CN', 'CN'],
  ['CN-BJ', 'Beijing', 'CN', 'CN-NORTH'],
  ['CN-SC', 'Sichuan', 'CN', 'CN'],
  ['CN-HB', 'Hubei', 'CN', 'CN'],
  ['HU-BUD', 'Budapest and Pest county', 'HU', 'HU'],
  ['HU-BU', 'Budapest', 'HU', 'HU-BUD'],
  ['HU-PE', 'Pest', 'HU', 'HU-BUD'],
  ['HU-WEST', 'Western Transdanubia', 'HU', 'HU'],
  ['HU-GS', 'Győr-Moson-Sopron', 'HU', 'HU-WEST'],
  ['HU-EAST', 'Northern Great Plain', 'HU', 'HU'],
  ['HU-HB', 'Hajdú-Bihar', 'HU', 'HU-EAST'],
  ['HU-CS', 'Csongrád-Csanád', 'HU', 'HU'],
];

const UNITS: [code: string, name: string, kind: SalesUnitKind, parent: string | null][] = [
  ['osm', 'OSM Industrial Group', SalesUnitKind.COMPANY, null],
  ['cn-division', 'China division', SalesUnitKind.REGION, 'osm'],
  ['cee-division', 'Central Europe division', SalesUnitKind.REGION, 'osm'],
  ['cn-east-team', 'East China team', SalesUnitKind.TEAM, 'cn-division'],
  ['cn-south-team', 'South China team', SalesUnitKind.TEAM, 'cn-division'],
  ['cn-north-team', 'North China team', SalesUnitKind.TEAM, 'cn-division'],
  ['hu-team', 'Hungary team', SalesUnitKind.TEAM, 'cee-division'],
];

interface DemoVendor {
  key: string;
  name: string;
  legalName: string | null;
  kind: VendorKind;
  tier: VendorTier;
  status: VendorStatus;
  unit: string;
  region: string;
  country: 'CN' | 'HU';
  contact: [name: string, email: string, phone: string];
  agreement: {
    stages: SalesStage[];
    regions: string[];
    industries: string[];
    lines: string[] | 'all';
    commissionRateBps: number;
    quotas: [daily: number, weekly: number];
    retainer?: [minor: number, currency: string];
    perLead?: [minor: number, currency: string];
    namedAccounts?: string[];
    startsNextMonth?: boolean;
    /** Ends this many days after seeding with nothing signed to follow: an agreement up for renewal. */
    endsInDays?: number;
  };
  reps: [name: string, grade: RepGrade, tags: string[]][];
}

const { PROSPECTING, FIRST_CONTACT, NEGOTIATION, CONTRACT_SIGNING, AFTER_SALES, CUSTOMER_SERVICE } =
  SalesStage;
const ALL_STAGES = Object.values(SalesStage);

const VENDORS: DemoVendor[] = [
  {
    key: 'huadong',
    name: 'Shanghai Huadong Sales Partners',
    legalName: '上海华东销售服务有限公司',
    kind: VendorKind.AGENCY,
    tier: VendorTier.GOLD,
    status: VendorStatus.ACTIVE,
    unit: 'cn-east-team',
    region: 'CN-EAST',
    country: 'CN',
    contact: ['Li Na', 'li.na@huadong-partners.cn', '+8613800138000'],
    agreement: {
      stages: [PROSPECTING, FIRST_CONTACT, NEGOTIATION],
      regions: ['CN-EAST'],
      industries: ['manufacturing', 'automotive', 'electronics'],
      lines: ['industrial-sensors', 'flow-valves', 'iiot-platform'],
      commissionRateBps: 850,
      quotas: [8, 35],
      retainer: [2_000_000, 'CNY'],
      namedAccounts: ['SAIC Motor', 'Haier Group'],
    },
    reps: [
      [
        'Wang Lihua (Rita)',
        RepGrade.A,
        ['industry:manufacturing', 'product:industrial-sensors', 'lang:zh', 'lang:en'],
      ],
      ['Zhang Wei', RepGrade.A, ['industry:automotive', 'product:flow-valves', 'lang:zh', 'key-accounts']],
      ['Liu Yang', RepGrade.B, ['industry:electronics', 'product:iiot-platform', 'lang:zh']],
      ['Chen Jing', RepGrade.B, ['industry:manufacturing', 'lang:zh', 'lang:en']],
      ['Zhao Lei', RepGrade.C, ['industry:manufacturing', 'lang:zh', 'new-hire']],
      ['Sun Mei', RepGrade.C, ['industry:automotive', 'lang:zh']],
    ],
  },
  {
    key: 'nanfang',
    name: 'Guangzhou Nanfang Trading Agency',
    legalName: '广州南方贸易代理有限公司',
    kind: VendorKind.AGENCY,
    tier: VendorTier.SILVER,
    status: VendorStatus.ACTIVE,
    unit: 'cn-south-team',
    region: 'CN-GD',
    country: 'CN',
    contact: ['Huang Min', 'huang.min@nanfang-agency.cn', '+8602083331234'],
    agreement: {
      stages: [PROSPECTING, FIRST_CONTACT],
      regions: ['CN-GD'],
      industries: ['manufacturing', 'electronics', 'retail'],
      lines: ['industrial-sensors', 'plc-controllers'],
      commissionRateBps: 700,
      quotas: [10, 45],
      perLead: [5_000, 'CNY'],
    },
    reps: [
      ['Huang Jun', RepGrade.B, ['industry:electronics', 'lang:zh', 'lang:yue']],
      ['Lin Xiaoyan', RepGrade.B, ['industry:retail', 'lang:zh', 'lang:yue']],
      ['He Qiang', RepGrade.C, ['industry:manufacturing', 'product:plc-controllers', 'lang:zh']],
      ['Luo Fang', RepGrade.D, ['industry:retail', 'lang:zh', 'new-hire']],
    ],
  },
  {
    key: 'pannon',
    name: 'Pannon Sales Kft.',
    legalName: 'Pannon Értékesítési Kft.',
    kind: VendorKind.AGENCY,
    tier: VendorTier.GOLD,
    status: VendorStatus.ACTIVE,
    unit: 'hu-team',
    region: 'HU-BUD',
    country: 'HU',
    contact: ['Kovács Anna', 'anna.kovacs@pannonsales.hu', '+36301234567'],
    agreement: {
      stages: [PROSPECTING, FIRST_CONTACT, NEGOTIATION, CONTRACT_SIGNING],
      regions: ['HU-BUD', 'HU-WEST'],
      industries: ['manufacturing', 'automotive', 'food_beverage'],
      lines: ['industrial-sensors', 'flow-valves'],
      commissionRateBps: 900,
      quotas: [6, 28],
      retainer: [50_000_000, 'HUF'],
    },
    reps: [
      ['Nagy Péter', RepGrade.A, ['industry:automotive', 'lang:hu', 'lang:de', 'key-accounts']],
      ['Tóth Eszter', RepGrade.B, ['industry:food_beverage', 'lang:hu', 'lang:en']],
      ['Horváth Gergely', RepGrade.B, ['industry:manufacturing', 'product:flow-valves', 'lang:hu']],
      ['Varga Zsófia', RepGrade.C, ['industry:manufacturing', 'lang:hu', 'lang:en']],
    ],
  },
  {
    key: 'danube',
    name: 'Danube Partners Zrt.',
    legalName: 'Danube Partners Zártkörűen Működő Részvénytársaság',
    kind: VendorKind.AGENCY,
    tier: VendorTier.BRONZE,
    status: VendorStatus.ONBOARDING,
    unit: 'hu-team',
    region: 'HU-WEST',
    country: 'HU',
    contact: ['Szilágyi Márton', 'marton@danubepartners.hu', '+36209876543'],
    agreement: {
      stages: [PROSPECTING],
      regions: ['HU-WEST'],
      industries: ['manufacturing'],
      lines: ['plc-controllers'],
      commissionRateBps: 600,
      quotas: [8, 40],
      startsNextMonth: true,
    },
    reps: [
      ['Farkas Bence', RepGrade.C, ['industry:manufacturing', 'lang:hu', 'lang:de']],
      ['Balogh Réka', RepGrade.D, ['industry:manufacturing', 'lang:hu', 'new-hire']],
    ],
  },
  {
    key: 'chen',
    name: 'Chen Jianguo Industrial Reps',
    legalName: '北京陈建国工业代理工作室',
    kind: VendorKind.INDEPENDENT_REP,
    tier: VendorTier.SILVER,
    status: VendorStatus.ACTIVE,
    unit: 'cn-north-team',
    region: 'CN-NORTH',
    country: 'CN',
    contact: ['Chen Jianguo', 'chen.jianguo@163.com', '+8613911112222'],
    agreement: {
      stages: [PROSPECTING, FIRST_CONTACT, NEGOTIATION],
      regions: ['CN-NORTH'],
      industries: ['chemicals', 'energy'],
      lines: ['flow-valves', 'plc-controllers'],
      commissionRateBps: 1200,
      quotas: [5, 25],
    },
    reps: [['Chen Jianguo', RepGrade.A, ['industry:chemicals', 'industry:energy', 'lang:zh', 'lang:en']]],
  },
  {
    key: 'liu',
    name: 'Liu Yang Manufacturer’s Rep',
    legalName: '深圳刘洋商务咨询有限责任公司',
    kind: VendorKind.INDEPENDENT_REP,
    tier: VendorTier.BRONZE,
    status: VendorStatus.SUSPENDED,
    unit: 'cn-south-team',
    region: 'CN-GD',
    country: 'CN',
    contact: ['Liu Yang', 'liuyang.rep@qq.com', '+8613533334444'],
    agreement: {
      stages: [PROSPECTING],
      regions: ['CN-GD'],
      industries: ['retail'],
      lines: ['industrial-sensors'],
      commissionRateBps: 1000,
      quotas: [6, 30],
    },
    reps: [['Liu Yang', RepGrade.C, ['industry:retail', 'lang:zh', 'lang:yue']]],
  },
  {
    key: 'szabo',
    name: 'Szabó és Társa Bt.',
    legalName: 'Szabó és Társa Betéti Társaság',
    kind: VendorKind.INDEPENDENT_REP,
    tier: VendorTier.SILVER,
    status: VendorStatus.ACTIVE,
    unit: 'hu-team',
    region: 'HU-EAST',
    country: 'HU',
    contact: ['Szabó Gábor', 'gabor@szabobt.hu', '+36703334455'],
    agreement: {
      stages: [PROSPECTING, FIRST_CONTACT, NEGOTIATION],
      regions: ['HU-EAST'],
      industries: ['agriculture', 'food_beverage'],
      lines: ['flow-valves'],
      commissionRateBps: 1100,
      quotas: [5, 22],
      endsInDays: 21,
    },
    reps: [
      ['Szabó Gábor', RepGrade.B, ['industry:agriculture', 'lang:hu']],
      ['Szabó Katalin', RepGrade.C, ['industry:food_beverage', 'lang:hu', 'lang:en']],
    ],
  },
  {
    key: 'inside-cn',
    name: 'Inside Sales China',
    legalName: null,
    kind: VendorKind.INTERNAL_TEAM,
    tier: VendorTier.PLATINUM,
    status: VendorStatus.ACTIVE,
    unit: 'cn-division',
    region: 'CN',
    country: 'CN',
    contact: ['Ma Lin', 'ma.lin@osm-group.example.com', '+862161234567'],
    agreement: {
      stages: ALL_STAGES,
      regions: ['CN'],
      industries: ['manufacturing', 'automotive', 'electronics', 'chemicals', 'energy', 'retail'],
      lines: 'all',
      commissionRateBps: 0,
      quotas: [12, 55],
    },
    reps: [
      ['Ma Lin', RepGrade.A, ['industry:manufacturing', 'lang:zh', 'lang:en', 'key-accounts']],
      ['Guo Hui', RepGrade.B, ['industry:electronics', 'lang:zh']],
      ['Xu Ning', RepGrade.B, ['industry:energy', 'lang:zh']],
      ['Zhu Tao', RepGrade.C, ['industry:retail', 'lang:zh']],
      ['Hu Yan', RepGrade.C, ['industry:chemicals', 'lang:zh', 'lang:en']],
    ],
  },
  {
    key: 'key-accounts-eu',
    name: 'Key Accounts Europe',
    legalName: null,
    kind: VendorKind.INTERNAL_TEAM,
    tier: VendorTier.PLATINUM,
    status: VendorStatus.ACTIVE,
    unit: 'cee-division',
    region: 'HU',
    country: 'HU',
    contact: ['Molnár Dávid', 'david.molnar@osm-group.example.com', '+3614567890'],
    agreement: {
      stages: [NEGOTIATION, CONTRACT_SIGNING],
      regions: ['HU'],
      industries: ['manufacturing', 'automotive', 'food_beverage', 'agriculture'],
      lines: 'all',
      commissionRateBps: 0,
      quotas: [4, 20],
    },
    reps: [
      ['Molnár Dávid', RepGrade.A, ['industry:automotive', 'lang:hu', 'lang:de', 'lang:en', 'key-accounts']],
      ['Kiss Orsolya', RepGrade.A, ['industry:food_beverage', 'lang:hu', 'lang:en', 'key-accounts']],
      ['Lakatos Ádám', RepGrade.B, ['industry:manufacturing', 'lang:hu']],
    ],
  },
  {
    key: 'service-desk',
    name: 'Customer Service Desk',
    legalName: null,
    kind: VendorKind.INTERNAL_TEAM,
    tier: VendorTier.GOLD,
    status: VendorStatus.ACTIVE,
    unit: 'osm',
    region: 'CN',
    country: 'CN',
    contact: ['Feng Rui', 'service@osm-group.example.com', '+864008001234'],
    agreement: {
      stages: [AFTER_SALES, CUSTOMER_SERVICE],
      regions: ['CN', 'HU'],
      industries: [],
      lines: 'all',
      commissionRateBps: 0,
      quotas: [20, 90],
    },
    reps: [
      ['Feng Rui', RepGrade.B, ['support', 'lang:zh', 'lang:en']],
      ['Pintér Lilla', RepGrade.B, ['support', 'lang:hu', 'lang:en']],
    ],
  },
];

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A realistic demo company: regions in China and Hungary, a sales-unit tree, ten vendors (agencies,
 * independent reps, internal teams) with agreements, thirty reps, and one declared conflict of interest.
 * Seeds only into an empty vendor registry; the first agency and its first rep take the demo ids.
 */
@Injectable()
export class VendorsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conflicts: ConflictsService,
  ) {}

  async seedDemoVendors(ids: DemoIds, productLineIds: Map<string, string>): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      if ((await em.count(Vendor)) > 0) return false;
      const now = new Date();
      const year = now.getUTCFullYear();
      const nextMonth = new Date(Date.UTC(year, now.getUTCMonth() + 1, 1));

      const regionIds = new Map<string, string>();
      // Level by level: a region goes in once its parent is in (the tree is three deep).
      for (let left = [...REGIONS]; left.length > 0;) {
        const rows = left.filter(([, , , parent]) => parent === null || regionIds.has(parent));
        left = left.filter((row) => !rows.includes(row));
        const result = await em.insert(
          Region,
          rows.map(([code, name, countryCode, parent]) => ({
            code,
            name,
            countryCode,
            parentId: parent ? regionIds.get(parent)! : null,
          })),
        );
        rows.forEach(([code], i) => regionIds.set(code, String(result.identifiers[i].id)));
      }

      const unitIds = new Map<string, string>();
      for (const [code, name, kind, parent] of UNITS) {
        const result = await em.insert(SalesUnit, {
          code,
          name,
          kind,
          parentId: parent ? unitIds.get(parent)! : null,
        });
        unitIds.set(code, String(result.identifiers[0].id));
      }

      const vendors = await em.insert(
        Vendor,
        VENDORS.map((v, i) => ({
          ...(i === 0 ? { id: ids.vendorId } : {}),
          name: v.name,
          legalName: v.legalName,
          kind: v.kind,
          tier: v.tier,
          status: v.status,
          statusReason: v.status === VendorStatus.ONBOARDING ? null : 'Demo set-up',
          statusChangedAt: v.status === VendorStatus.ONBOARDING ? null : now,
          salesUnitId: unitIds.get(v.unit)!,
          homeRegionId: regionIds.get(v.region)!,
          countryCode: v.country,
          timezone: v.country === 'CN' ? 'Asia/Shanghai' : 'Europe/Budapest',
          contactName: v.contact[0],
          contactEmail: v.contact[1],
          contactPhone: v.contact[2],
        })),
      );
      const vendorIds = VENDORS.map((_, i) => String(vendors.identifiers[i].id));
      const allLines = [...productLineIds.values()];

      await em.insert(
        Agreement,
        VENDORS.flatMap((v, i) => {
          const a = v.agreement;
          const current = {
            vendorId: vendorIds[i],
            reference: `AGR-${year}-${String(i + 1).padStart(3, '0')}`,
            startsOn: a.startsNextMonth ? isoDate(nextMonth) : `${year}-01-01`,
            endsOn: a.endsInDays
              ? isoDate(new Date(now.getTime() + a.endsInDays * 86_400_000))
              : `${year + 1}-12-31`,
            stagesOwned: a.stages,
            regionIds: a.regions.map((code) => regionIds.get(code)!),
            industryCodes: a.industries,
            productLineIds: a.lines === 'all' ? allLines : a.lines.map((code) => productLineIds.get(code)!),
            namedAccounts: a.namedAccounts ?? [],
            commissionRateBps: a.commissionRateBps,
            commissionTiers:
              a.commissionRateBps > 0
                ? [
                    { minAttainmentPercent: 100, commissionRateBps: a.commissionRateBps + 150 },
                    { minAttainmentPercent: 120, commissionRateBps: a.commissionRateBps + 300 },
                  ]
                : [],
            perLeadFeeMinor: a.perLead?.[0] ?? null,
            perLeadFeeKind: a.perLead ? PerLeadFeeKind.ACCEPTED : null,
            retainerFeeMinor: a.retainer?.[0] ?? null,
            feeCurrency: a.perLead?.[1] ?? a.retainer?.[1] ?? null,
            clawbackDays: v.kind === VendorKind.INTERNAL_TEAM ? 0 : 90,
            defaultDailyCallQuota: a.quotas[0],
            defaultWeeklyCallQuota: a.quotas[1],
            confidential: v.kind !== VendorKind.INTERNAL_TEAM,
            ndaSignedOn: v.kind !== VendorKind.INTERNAL_TEAM ? `${year - 1}-12-15` : null,
            // The lead agency is held to KPIs: the agreement_kpi check judges last month against them.
            kpis: i === 0 ? { minCallCompliancePercent: 85, minConversionPercent: 5, minCsat: 4 } : {},
          };
          // The first agency also has last year's, narrower agreement: history to look at.
          const previous =
            i === 0
              ? [
                  {
                    ...current,
                    reference: `AGR-${year - 1}-001`,
                    startsOn: `${year - 1}-01-01`,
                    endsOn: `${year - 1}-12-31`,
                    productLineIds: [productLineIds.get('industrial-sensors')!],
                    namedAccounts: [],
                    commissionRateBps: 800,
                  },
                ]
              : [];
          return [...previous, current];
        }),
      );

      await em.insert(
        Rep,
        VENDORS.flatMap((v, i) =>
          v.reps.map(([fullName, grade, tags], r) => ({
            ...(i === 0 && r === 0 ? { id: ids.repId } : {}),
            ...(v.key === 'szabo' && r === 1 ? { id: ids.idleRepId } : {}),
            vendorId: vendorIds[i],
            fullName,
            email: null,
            phone: null,
            regionId: regionIds.get(v.region)!,
            grade,
            tags,
            yearsOfExperience: 2 + ((i * 3 + r * 5) % 14),
            capacity: grade === RepGrade.A ? 60 : grade === RepGrade.B ? 45 : 30,
            // A few reps carry their own quota; the rest take the agreement default.
            dailyCallQuota: r === 1 ? v.agreement.quotas[0] + 2 : null,
            weeklyCallQuota: r === 1 ? v.agreement.quotas[1] + 10 : null,
            active: !(v.status === VendorStatus.SUSPENDED),
            inactiveReason: v.status === VendorStatus.SUSPENDED ? 'Vendor suspended' : null,
            timezone: v.country === 'CN' ? 'Asia/Shanghai' : 'Europe/Budapest',
            // The demo team has been selling for two years (its history starts then).
            startedOn: `${new Date().getUTCFullYear() - 2}-01-01`,
          })),
        ),
      );

      // The South China agency also sells a competitor's pressure transmitters.
      const nanfang = vendorIds[VENDORS.findIndex((v) => v.key === 'nanfang')];
      await em.insert(ConflictDeclaration, {
        vendorId: nanfang,
        repId: null,
        principalName: 'Honeywell',
        competingLineName: 'SmartLine pressure transmitters',
        category: 'Process instrumentation',
        competingProductLineIds: [productLineIds.get('industrial-sensors')!],
        notes: 'Declared at onboarding; their Honeywell team is separate',
      });
      await this.conflicts.detectConflicts(em, nanfang, SEEDER);

      // Three providers in the selection: two on the shortlist for Central Europe, one rejected.
      const decided = (status: CandidateStatus, reason: string) => ({
        status,
        reason,
        decidedAt: now.toISOString(),
        decidedById: SEEDER.subjectId,
        decidedByName: SEEDER.name,
      });
      await em.insert(VendorCandidate, [
        {
          name: 'Budapest Outsourced Sales Kft.',
          kind: VendorKind.AGENCY,
          status: CandidateStatus.SHORTLISTED,
          countryCode: 'HU',
          timezone: 'Europe/Budapest',
          contactName: 'Kovács Anna',
          contactEmail: 'anna.kovacs@bos.example.hu',
          notes: 'Machinery background; 12 reps in Budapest and Győr',
          ratings: {
            industryExperience: 8,
            skills: 7,
            customerReferences: 9,
            serviceQuality: 6,
            technicalCapability: 8,
            price: 5,
          },
          decisions: [decided(CandidateStatus.SHORTLISTED, 'Strong references from two machinery makers')],
        },
        {
          name: 'Debrecen Field Sales Zrt.',
          kind: VendorKind.AGENCY,
          status: CandidateStatus.SHORTLISTED,
          countryCode: 'HU',
          timezone: 'Europe/Budapest',
          contactName: 'Tóth Gábor',
          ratings: {
            industryExperience: 6,
            skills: 9,
            customerReferences: 7,
            serviceQuality: 8,
            technicalCapability: 7,
            price: 9,
          },
          decisions: [decided(CandidateStatus.SHORTLISTED, 'Best price; strong field team')],
        },
        {
          name: '苏州快销外包服务有限公司',
          kind: VendorKind.AGENCY,
          status: CandidateStatus.REJECTED,
          countryCode: 'CN',
          timezone: 'Asia/Shanghai',
          ratings: {
            industryExperience: 3,
            skills: 5,
            customerReferences: 2,
            serviceQuality: 4,
            technicalCapability: 3,
            price: 8,
          },
          decisions: [decided(CandidateStatus.REJECTED, 'No industrial references; consumer goods only')],
        },
      ]);
      return true;
    });
  }
}
