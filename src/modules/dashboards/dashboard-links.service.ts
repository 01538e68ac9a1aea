import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenStatus } from '../../common/auth/jwt.strategy';
import { Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { periodOf } from '../../common/period/period';
import {
  CreateDashboardLinkDto,
  DASHBOARD_LINK_TTL_SECONDS,
  DashboardLinkDto,
  DashboardPage,
} from './dashboards.dto';

export const DASHBOARD_AUDIENCE = 'osm-dashboard';

interface LinkClaims {
  sub: string;
  kind: Principal['kind'];
  role: Role;
  vendorId: string | null;
  repId: string | null;
  name: string;
  gen: number;
  page: DashboardPage;
  /** The vendor a scorecard is about. */
  target: string | null;
  period: string;
}

/** What an opened link stands for: who opened it, which page, of which vendor and period. */
export interface OpenedDashboard {
  principal: Principal;
  page: DashboardPage;
  vendorId: string | null;
  period: string;
}

const MANAGERS: readonly Role[] = [Role.ADMIN, Role.SALES_MANAGER];

/**
 * Dashboard pages open in a browser, which sends no bearer token: the API makes a short-lived signed
 * link for the signed-in caller (HS256 with a key derived from the API's secret, so it is no bearer token;
 * audience `osm-dashboard`; 10 minutes) and
 * the page checks it, and that the caller's tokens still stand, on every load.
 */
@Injectable()
export class DashboardLinksService {
  constructor(
    private readonly jwt: JwtService,
    private readonly tokens: TokenStatus,
  ) {}

  async createLink(
    input: CreateDashboardLinkDto,
    principal: Principal,
    today: string,
  ): Promise<DashboardLinkDto> {
    if (input.page === DashboardPage.COMPANY && !MANAGERS.includes(principal.role))
      throw DomainException.forbidden('The company dashboard is for admins and sales managers');
    if (input.page === DashboardPage.VENDOR) {
      if (!input.vendorId)
        throw DomainException.validation([
          { field: 'vendorId', message: 'a vendor scorecard needs its vendor' },
        ]);
      if (principal.role === Role.REP || principal.role === Role.INTEGRATION)
        throw DomainException.forbidden('A vendor scorecard is for managers and the vendor’s manager');
      if (!MANAGERS.includes(principal.role) && principal.vendorId !== input.vendorId)
        throw DomainException.notFound('vendor', input.vendorId);
    }
    const period =
      input.period ?? periodOf(today, input.page === DashboardPage.COMPANY ? 'quarter' : 'month').key;
    const claims: LinkClaims = {
      sub: principal.subjectId,
      kind: principal.kind,
      role: principal.role,
      vendorId: principal.vendorId,
      repId: principal.repId,
      name: principal.name,
      gen: principal.tokenGeneration ?? 0,
      page: input.page,
      target: input.page === DashboardPage.VENDOR ? input.vendorId! : null,
      period,
    };
    const link = await this.jwt.signAsync(claims, {
      audience: DASHBOARD_AUDIENCE,
      expiresIn: DASHBOARD_LINK_TTL_SECONDS,
    });
    return {
      url: `/api/v1/reports/dashboards/${input.page}?link=${encodeURIComponent(link)}`,
      expiresAt: new Date(Date.now() + DASHBOARD_LINK_TTL_SECONDS * 1000).toISOString(),
    };
  }

  /** The link's page and caller; an expired, forged or revoked link, or one of another page, is refused. */
  async openLink(link: string, page: DashboardPage): Promise<OpenedDashboard> {
    const refuse = () =>
      new DomainException(
        ErrorCode.REPORT_DASHBOARD_LINK_INVALID,
        'This dashboard link is expired or invalid: open the dashboard again from the API',
      );
    let claims: LinkClaims;
    try {
      claims = await this.jwt.verifyAsync<LinkClaims>(link, { audience: DASHBOARD_AUDIENCE });
    } catch {
      throw refuse();
    }
    if (claims.page !== page || !(await this.tokens.isCurrent(claims.kind, claims.sub, claims.gen)))
      throw refuse();
    return {
      principal: {
        subjectId: claims.sub,
        kind: claims.kind,
        role: claims.role,
        vendorId: claims.vendorId,
        repId: claims.repId,
        name: claims.name,
        tokenGeneration: claims.gen,
      },
      page: claims.page,
      vendorId: claims.target,
      period: claims.period,
    };
  }
}
