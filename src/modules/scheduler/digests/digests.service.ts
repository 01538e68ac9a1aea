import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../../../common/auth/role';
import { type Page, paginate } from '../../../common/pagination/pagination';
import { UsersService } from '../../auth/users.service';
import { TargetsService } from '../../targets/targets.service';
import { VendorsService } from '../../vendors/vendors.service';
import { OutboxService } from '../../webhooks/outbox.service';
import { alertItemJsonSql } from '../alerts/alerts.service';
import { topItemOrderSql } from '../alerts/alert-ranking.rules';
import { AlertDigest } from './alert-digest.entity';
import {
  DIGEST_EVENT_TYPES,
  DIGEST_RECIPIENT_ROLES,
  type DigestRecipient,
  digestSlots,
} from './digest.rules';
import { type ListDigestsQuery, type ListMyDigestsQuery, mapDigest } from './digests.dto';

/**
 * Which alerts a recipient's digest counts, as SQL over a recipient row `r` and an alert `a`: the same
 * scope `GET /alerts` gives them (DataScope) — a sales manager everything, a vendor manager their
 * vendor's, a rep their vendor's alerts about them.
 */
const RECIPIENT_SCOPE_SQL = `(r.role = 'sales_manager'
  OR (a.vendor_id = r.vendor_id AND (r.role = 'vendor_manager' OR a.rep_id = r.rep_id)))`;

/** Daily and weekly alert digests per manager, vendor manager and rep: produced once, read, published. */
@Injectable()
export class DigestsService {
  constructor(
    @InjectRepository(AlertDigest) private readonly digests: Repository<AlertDigest>,
    private readonly users: UsersService,
    private readonly vendors: VendorsService,
    private readonly targets: TargetsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Produces the digests due at `asOf`, set-based, in the caller's transaction: for every active
   * recipient the daily digest of their local day and the weekly one of their ISO week, unless stored
   * already (so a second run the same day sends nothing). A recipient with nothing unresolved and nothing
   * raised in the window gets none. Each new digest is published as `digest.daily` / `digest.weekly`.
   */
  async produceDigests(
    manager: EntityManager,
    asOf: Date,
    topItems: number,
  ): Promise<{ recipients: number; produced: AlertDigest[] }> {
    const recipients = (await this.users.listActiveUsersByRole(manager, DIGEST_RECIPIENT_ROLES)).filter(
      (user): user is DigestRecipient => (DIGEST_RECIPIENT_ROLES as readonly string[]).includes(user.role),
    );
    if (recipients.length === 0) return { recipients: 0, produced: [] };
    const sellers = await this.vendors.getSellers(manager, {
      vendorIds: recipients.flatMap((r) => (r.vendorId ? [r.vendorId] : [])),
      repIds: recipients.flatMap((r) => (r.repId ? [r.repId] : [])),
      salesUnitIds: [],
    });
    const settings = await this.targets.settings(manager);
    const slots = digestSlots(
      recipients,
      {
        company: settings.companyTimezone,
        vendors: new Map(sellers.vendors.map((v) => [v.id, v.timezone])),
        reps: new Map(sellers.reps.map((r) => [r.id, r.timezone])),
      },
      asOf,
    );
    const rows = JSON.stringify(
      slots.map((s) => ({
        user_id: s.userId,
        role: s.role,
        vendor_id: s.vendorId,
        rep_id: s.repId,
        period: s.period,
        period_key: s.periodKey,
        local_day: s.localDay,
        time_zone: s.timeZone,
        window_start: s.windowStart.toISOString(),
      })),
    );
    const inserted: { id: string }[] = await manager.query(
      `WITH r AS (
         SELECT s.* FROM jsonb_to_recordset($1::jsonb) AS s(user_id uuid, role text, vendor_id uuid, rep_id uuid,
                period text, period_key text, local_day date, time_zone text, window_start timestamptz)
          WHERE NOT EXISTS (SELECT 1 FROM alert_digests d WHERE d.recipient_user_id = s.user_id
                              AND d.period = s.period AND d.period_key = s.period_key)),
       kinds AS (
         SELECT r.user_id, r.period, a.type,
                count(*) FILTER (WHERE a.status = 'open')::int AS open,
                count(*) FILTER (WHERE a.status = 'acknowledged')::int AS acknowledged,
                count(*) FILTER (WHERE a.raised_at >= r.window_start)::int AS raised,
                count(*) FILTER (WHERE a.status <> 'resolved' AND a.severity = 'critical')::int AS critical,
                count(*) FILTER (WHERE a.status <> 'resolved' AND a.severity = 'warning')::int AS warning,
                count(*) FILTER (WHERE a.status <> 'resolved' AND a.severity = 'info')::int AS info
           FROM r JOIN alerts a ON ${RECIPIENT_SCOPE_SQL} AND a.raised_at <= $2
                               AND (a.status <> 'resolved' OR a.raised_at >= r.window_start)
          GROUP BY r.user_id, r.period, a.type),
       contents AS (
         SELECT k.user_id, k.period, sum(k.open)::int AS open, sum(k.acknowledged)::int AS acknowledged,
                sum(k.raised)::int AS raised,
                jsonb_agg(jsonb_build_object('type', k.type, 'open', k.open, 'acknowledged', k.acknowledged,
                          'raised', k.raised, 'critical', k.critical, 'warning', k.warning, 'info', k.info)
                          ORDER BY k.open + k.acknowledged DESC, k.type) AS by_kind
           FROM kinds k GROUP BY k.user_id, k.period)
       INSERT INTO alert_digests (recipient_user_id, recipient_role, vendor_id, rep_id, period, period_key,
                                  local_day, time_zone, window_start, produced_at, open_count,
                                  acknowledged_count, raised_count, by_kind, top_items)
       SELECT r.user_id, r.role, r.vendor_id, r.rep_id, r.period, r.period_key, r.local_day, r.time_zone,
              r.window_start, $2, c.open, c.acknowledged, c.raised, c.by_kind, COALESCE(top.items, '[]'::jsonb)
         FROM r JOIN contents c ON c.user_id = r.user_id AND c.period = r.period
         CROSS JOIN LATERAL (
           SELECT jsonb_agg(${alertItemJsonSql('t')} ORDER BY ${topItemOrderSql('t')}) AS items
             FROM (SELECT a.* FROM alerts a
                    WHERE ${RECIPIENT_SCOPE_SQL} AND a.status <> 'resolved' AND a.raised_at <= $2
                    ORDER BY ${topItemOrderSql('a')} LIMIT $3) t) top
       ON CONFLICT (recipient_user_id, period, period_key) DO NOTHING
       RETURNING id`,
      [rows, asOf, topItems],
    );
    if (inserted.length === 0) return { recipients: recipients.length, produced: [] };
    const produced = await manager.getRepository(AlertDigest).find({
      where: { id: In(inserted.map((row) => row.id)) },
      order: { producedAt: 'ASC', id: 'ASC' },
    });
    await this.outbox.publish(
      manager,
      produced.map((digest) => ({
        eventType: DIGEST_EVENT_TYPES[digest.period],
        vendorId: digest.vendorId,
        payload: { ...mapDigest(digest) },
      })),
    );
    return { recipients: recipients.length, produced };
  }

  /** The caller's own digests of a period, newest first (an API client has none). */
  listMyDigests(principal: Principal, query: ListMyDigestsQuery): Promise<Page<AlertDigest>> {
    return this.listDigests({ ...query, recipientId: principal.subjectId });
  }

  /** Digests of a period, newest first, of one recipient or of everyone (company roles). */
  listDigests(query: ListDigestsQuery): Promise<Page<AlertDigest>> {
    const builder = this.digests
      .createQueryBuilder('digest')
      .where('digest.period = :period', { period: query.period ?? 'daily' });
    if (query.recipientId)
      builder.andWhere('digest.recipient_user_id = :recipientId', { recipientId: query.recipientId });
    return paginate(
      builder,
      query,
      [
        { expression: 'digest.produced_at', read: (row) => row.producedAt.toISOString() },
        { expression: 'digest.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }
}
