import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ActivityChannel,
  ActivityKind,
  CompanySizeBand,
  LeadSource,
  LeadStatus,
  LostReason,
} from './lead.enums';
import { gradeLead } from './grading/lead-grading.rules';
import { decideKeyLead } from './grading/key-lead.rules';
import { LeadHistoryRow, writeLeadHistory } from './history/lead-history';
import { LeadGradingSettingsService } from './grading/lead-grading-settings.service';
import { CONTACT_COLUMNS, LEAD_COLUMNS } from './intake/lead-intake.service';
import { normaliseCompanyName, usccCheckCharacter, hungarianCheckDigit } from './intake/lead-keys.rules';
import { NAMED_ACCOUNT_COLUMNS } from './grading/named-accounts.service';
import { insertRecordset } from './recordset';

const CN_CITIES = ['深圳', '广州', '上海', '北京', '杭州', '苏州', '成都', '武汉', '东莞', '佛山'];
const CN_WORDS = [
  '华星',
  '美达',
  '恒通',
  '鼎盛',
  '瑞丰',
  '金桥',
  '海川',
  '天宇',
  '新源',
  '博远',
  '宏图',
  '精工',
];
const CN_TRADES = ['电子科技', '机械制造', '新材料', '智能装备', '贸易', '物流', '医疗器械', '软件'];
const CN_FORMS = ['有限公司', '股份有限公司', '有限责任公司'];
const HU_WORDS = [
  'Duna',
  'Tisza',
  'Mátra',
  'Balaton',
  'Pannon',
  'Hungária',
  'Alföld',
  'Bakony',
  'Kék',
  'Arany',
];
const HU_TRADES = ['Kereskedelmi', 'Gépgyártó', 'Logisztikai', 'Informatikai', 'Építőipari', 'Elektronikai'];
const HU_FORMS = ['Kft.', 'Zrt.', 'Nyrt.', 'Bt.'];
const CN_REGIONS = ['CN-GD', 'CN-SH', 'CN-BJ', 'CN-ZJ', 'CN-JS', 'CN-SC', 'CN-HB'];
const HU_REGIONS = ['HU-BU', 'HU-PE', 'HU-GS', 'HU-CS', 'HU-HB'];
const INDUSTRIES = [
  'manufacturing',
  'electronics',
  'logistics',
  'healthcare',
  'software',
  'construction',
  'retail',
];
const SOURCES = Object.values(LeadSource);
const SIZES = Object.values(CompanySizeBand);
const LOST_REASONS = Object.values(LostReason);
const CHANNELS = Object.values(ActivityChannel);
const PIPELINE = [
  LeadStatus.NEW,
  LeadStatus.ASSIGNED,
  LeadStatus.CONTACTED,
  LeadStatus.QUALIFIED,
  LeadStatus.NEGOTIATING,
];
const DAY_MS = 24 * 3600 * 1000;
const OPEN = new Set<LeadStatus>([...PIPELINE]);

/** Deterministic pseudo-random numbers, so every demo database looks the same. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export interface DemoLeadOwner {
  id: string;
  vendorId: string;
  fullName: string;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Every this-many-th demo lead's company is on the named-account list (a few per demo). */
const NAMED_ACCOUNT_EVERY = 400;
/** Who put the demo named accounts on the list (the system, not a user). */
const DEMO_SYSTEM_ACTOR = '00000000-0000-4000-8000-000000000000';
/** Named accounts no demo lead matches yet: a lead taken in for them becomes a key lead. */
const DEMO_NAMED_ACCOUNTS = [
  { company_name: '青岛海尔智家股份有限公司', note: 'Group framework agreement 2027' },
  { company_name: 'Richter Gedeon Nyrt.', note: 'Key pharma account, Central Europe' },
  { company_name: 'MOL Magyar Olaj- és Gázipari Nyrt.', note: 'Energy: handled with the partner vendor' },
];

/** Demo leads: set-based inserts of a few thousand leads with contacts and history. */
@Injectable()
export class LeadDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gradingSettings: LeadGradingSettingsService,
  ) {}

  /**
   * `reps` are the working reps of vendors under a current agreement; owned leads are spread over them
   * (the demo vendor and rep get a larger share). The idle rep's leads have been left alone for weeks.
   */
  async seedDemoLeads(
    count: number,
    demo: { vendorId: string; repId: string; idleRepId: string; idleDays: number },
    reps: readonly DemoLeadOwner[],
  ): Promise<number> {
    const [{ exists }]: { exists: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM leads) AS exists',
    );
    if (exists) return 0;
    const random = generator(20261123);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const now = Date.now();
    const leads: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const activities: LeadHistoryRow[] = [];
    const demoVendorReps = reps.filter((rep) => rep.vendorId === demo.vendorId);
    const otherReps = reps.filter((rep) => rep.vendorId !== demo.vendorId);
    const repNames = new Map(reps.map((rep) => [rep.id, rep.fullName]));
    const settings = await this.gradingSettings.current();
    // A list someone already keeps is theirs: the demo adds its accounts only to an empty one, and flags
    // its leads as named accounts only when it does.
    const [{ listed }]: { listed: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM named_accounts) AS listed',
    );
    const namedAccounts: Record<string, unknown>[] = DEMO_NAMED_ACCOUNTS.map((account) => ({
      ...account,
      id: randomUUID(),
      company_name_key: normaliseCompanyName(account.company_name),
      tax_id: null,
      tax_id_key: null,
      created_by: DEMO_SYSTEM_ACTOR,
    }));

    for (let i = 0; i < count; i++) {
      const chinese = random() < 0.6;
      const companyName = chinese
        ? `${pick(CN_CITIES)}${pick(CN_WORDS)}${pick(CN_TRADES)}${i}${pick(CN_FORMS)}`
        : `${pick(HU_WORDS)} ${pick(HU_TRADES)} ${i} ${pick(HU_FORMS)}`;
      const id = randomUUID();
      let createdAt = new Date(now - Math.floor(random() * 365) * DAY_MS - Math.floor(random() * DAY_MS));
      const owned = random();
      const owner: DemoLeadOwner | null =
        owned < 0.3 && demoVendorReps.length > 0
          ? random() < 0.6
            ? (demoVendorReps.find((rep) => rep.id === demo.repId) ?? pick(demoVendorReps))
            : pick(demoVendorReps)
          : owned < 0.65 && otherReps.length > 0
            ? pick(otherReps)
            : null;
      // A vendor holds some of its leads before a rep is named for them.
      const vendorId = owner?.vendorId ?? null;
      const repId = owner && random() < 0.8 ? owner.id : null;
      if (repId === demo.idleRepId) {
        createdAt = new Date(Math.min(+createdAt, now - (demo.idleDays + 10) * DAY_MS));
      }
      const roll = random();
      let status: LeadStatus = repId
        ? pick(PIPELINE.slice(1))
        : vendorId
          ? LeadStatus.NEW
          : pick([LeadStatus.NEW, LeadStatus.CONTACTED]);
      if (repId && roll < 0.12) status = LeadStatus.WON;
      else if (repId && roll < 0.25) status = LeadStatus.LOST;
      else if (roll > 0.95) status = LeadStatus.REJECTED;
      const touches = 1 + Math.floor(random() * 6);
      const open = OPEN.has(status);
      if (open && !vendorId && random() < 0.8) {
        // Most of the unassigned backlog came in over the last few days; a little of it is older.
        createdAt = new Date(now - Math.floor(random() * 4 * DAY_MS));
      }
      // Reps work their open leads: last touched within the past three weeks (the idle rep excepted).
      const lastActivityAt =
        open && repId && repId !== demo.idleRepId
          ? new Date(now - Math.floor(random() * 21 * DAY_MS))
          : new Date(
              Math.min(
                repId === demo.idleRepId ? now - demo.idleDays * DAY_MS : now,
                createdAt.getTime() + Math.floor(random() * 60) * DAY_MS,
              ),
            );
      if (lastActivityAt < createdAt)
        createdAt = new Date(+lastActivityAt - Math.floor(random() * 90) * DAY_MS);
      const source = pick(SOURCES);
      const sizeBand = pick(SIZES);
      const regionCode = chinese ? pick(CN_REGIONS) : pick(HU_REGIONS);
      const industryCode = pick(INDUSTRIES);
      const lostNoChance = status === LeadStatus.LOST && random() < 0.3;
      const graded = gradeLead(
        {
          industryCode,
          industryInScope: true,
          sizeBand,
          regionCode,
          regionInScope: true,
          source,
          touchCount: touches,
          lastActivityAt,
          createdAt,
          status,
          lostNoChance,
        },
        new Date(now),
        settings,
      );
      const taxId = chinese ? demoUscc(i) : demoAdoszam(i);
      const taxIdKey = chinese ? taxId : `HU${taxId.slice(0, 8)}`;
      const named = !listed && i % NAMED_ACCOUNT_EVERY === 17;
      if (named)
        namedAccounts.push({
          id: randomUUID(),
          company_name: companyName,
          company_name_key: normaliseCompanyName(companyName),
          tax_id: taxId,
          tax_id_key: taxIdKey,
          note: 'Demo named account',
          created_by: DEMO_SYSTEM_ACTOR,
        });
      const key = decideKeyLead(
        { keyLead: false, setBy: null, reason: null },
        graded.keyLeadByRule,
        [],
        named ? companyName : null,
      );
      leads.push({
        id,
        company_name: companyName,
        company_name_key: normaliseCompanyName(companyName),
        tax_id: taxId,
        tax_id_key: taxIdKey,
        industry_code: industryCode,
        size_band: sizeBand,
        region_code: regionCode,
        registered_capital_minor: Math.floor(random() * 1000) * 1_000_000,
        registered_capital_currency: chinese ? 'CNY' : 'HUF',
        website: null,
        needs: chinese ? '需要年度采购方案' : 'Éves beszerzési ajánlatot kér',
        product_line_ids: [],
        source,
        source_campaign: source === LeadSource.EVENT ? '2026-expo' : null,
        source_referrer: null,
        tags: [],
        status,
        vendor_id: vendorId,
        owner_rep_id: repId,
        key_lead: key.keyLead,
        key_lead_reason: key.reason,
        key_lead_set_by: key.setBy,
        grade: graded.grade,
        score: graded.score,
        score_factors: graded.factors,
        last_activity_at: lastActivityAt.toISOString(),
        touch_count: touches,
        created_at: createdAt.toISOString(),
      });
      contacts.push({
        lead_id: id,
        position: 0,
        name: chinese
          ? `${pick(['张', '王', '李', '刘', '陈'])}${pick(['伟', '芳', '娜', '强', '磊'])}`
          : `${pick(['Kovács', 'Nagy', 'Tóth', 'Szabó'])} ${pick(['Péter', 'Anna', 'Gábor', 'Eszter'])}`,
        phone: chinese ? `+86139${String(10000000 + i).slice(-8)}` : `+3630${String(1000000 + i).slice(-7)}`,
        email: `contact${i}@demo-${chinese ? 'cn' : 'hu'}.example`,
        title: chinese ? '采购经理' : 'Beszerzési vezető',
      });
      activities.push({
        lead_id: id,
        occurred_at: createdAt.toISOString(),
        kind: ActivityKind.INTAKE,
        actor_name: 'demo',
        details: { source },
      });
      for (let t = 1; t < touches; t++) {
        activities.push({
          lead_id: id,
          occurred_at: new Date(
            createdAt.getTime() + ((lastActivityAt.getTime() - createdAt.getTime()) * t) / touches,
          ).toISOString(),
          kind: ActivityKind.FOLLOW_UP,
          channel: pick(CHANNELS),
          actor_id: repId,
          actor_name: repId ? repNames.get(repId) : 'demo',
          // The demo's owner team does the work, so its touches count as touches.
          actor_rep_id: repId,
          actor_vendor_id: vendorId,
          content: chinese ? '跟进客户需求' : 'Igényfelmérés',
          outcome: 'ok',
        });
      }
      if (status !== LeadStatus.NEW && status !== LeadStatus.ASSIGNED) {
        activities.push({
          lead_id: id,
          occurred_at: lastActivityAt.toISOString(),
          kind: ActivityKind.STATUS_CHANGE,
          actor_name: 'demo',
          actor_rep_id: repId,
          actor_vendor_id: vendorId,
          status_to: status,
          details:
            status === LeadStatus.LOST
              ? { lostReason: { reason: pick(LOST_REASONS), noChance: lostNoChance } }
              : null,
        });
      }
    }
    await this.dataSource.transaction(async (em) => {
      await insertRecordset(em, 'leads', LEAD_COLUMNS, leads);
      await insertRecordset(em, 'lead_contacts', CONTACT_COLUMNS, contacts);
      await writeLeadHistory(em, activities);
      if (!listed) await insertRecordset(em, 'named_accounts', NAMED_ACCOUNT_COLUMNS, namedAccounts);
      // Outcome columns the generic insert does not carry, set in two statements.
      await em.query(
        `UPDATE leads SET won_at = last_activity_at WHERE status = 'won';
         UPDATE leads SET lost_reason = (ARRAY['price','competitor','no_budget','no_need','no_response'])[1 + abs(hashtext(id::text)) % 5]
          WHERE status = 'lost'`,
      );
      await em.query(
        `UPDATE leads SET next_follow_up_due = last_activity_at + interval '7 days',
                follow_up_plan = '{"kind":"weekly"}'::jsonb
          WHERE status IN ('assigned','contacted','qualified','negotiating')`,
      );
    });
    return leads.length;
  }
}

/** A valid-looking unified social credit code (correct check character) unique per index. */
function demoUscc(index: number): string {
  const body = `91440300${String(index).padStart(9, '0')}`;
  const chars = [...body].map((char) => (USCC_ALPHABET.includes(char) ? char : '0')).join('');
  return chars + usccCheckCharacter(chars);
}

/** A Hungarian adószám with a correct check digit, unique per index. */
function demoAdoszam(index: number): string {
  const first7 = String(2000000 + index).slice(-7);
  return `${first7}${hungarianCheckDigit(first7)}-2-41`;
}
