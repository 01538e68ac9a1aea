import { DataSource } from 'typeorm';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Role } from '../../common/auth/role';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { UsersService } from '../auth/users.service';
import { CheckRunnerService } from '../scheduler/checks/check-runner.service';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { SchedulerDemoSeeder } from '../scheduler/scheduler.demo';
import { RepsService } from '../vendors/reps.service';
import { VendorsService } from '../vendors/vendors.service';
import { CallReportsDemoSeeder } from '../call-reports/call-reports.demo';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { CatalogDemoSeeder } from '../catalog/catalog.demo';
import { CatalogModule } from '../catalog/catalog.module';
import { ContractsDemoSeeder } from '../contracts/contracts.demo';
import { ContractsModule } from '../contracts/contracts.module';
import { VendorsDemoSeeder } from '../vendors/vendors.demo';
import { VendorsModule } from '../vendors/vendors.module';
import { LeadDemoSeeder, LeadsModule, RoutingDemoSeeder } from '../leads/leads.published';
import { TargetsDemoSeeder } from '../targets/targets.demo';
import { TargetsModule } from '../targets/targets.module';
import { KnowledgeDemoSeeder } from '../knowledge/knowledge.demo';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { ScoringDemoSeeder } from '../scoring/scoring.demo';
import { ScoringModule } from '../scoring/scoring.module';

/** Fixed ids, so demo data added by later modules (vendors, reps) can refer to the same records. */
export const DEMO_VENDOR_ID = '00000000-0000-4000-8000-00000000a001';
export const DEMO_REP_ID = '00000000-0000-4000-8000-00000000b001';
/** A rep of another vendor who stopped working a while ago: the idle-rep and weekly-quota alerts. */
export const DEMO_IDLE_REP_ID = '00000000-0000-4000-8000-00000000b0ff';
const DEMO_IDLE_DAYS = 15;

/** Enough leads to make lists, my-day and conversion metrics worth looking at. */
const DEMO_LEAD_COUNT = 3000;

export const DEMO_USERS = [
  { email: 'admin@osm.demo', password: 'demo-admin-password', role: Role.ADMIN, displayName: 'Ada Admin' },
  {
    email: 'manager@osm.demo',
    password: 'demo-manager-password',
    role: Role.SALES_MANAGER,
    displayName: 'Mona Manager',
  },
  {
    email: 'vendor@osm.demo',
    password: 'demo-vendor-password',
    role: Role.VENDOR_MANAGER,
    displayName: 'Victor Vendor',
    vendorId: DEMO_VENDOR_ID,
  },
  {
    email: 'rep@osm.demo',
    password: 'demo-rep-password',
    role: Role.REP,
    displayName: 'Rita Rep',
    vendorId: DEMO_VENDOR_ID,
    repId: DEMO_REP_ID,
  },
] as const;

/**
 * Seeds demo data into an empty database when DEMO_DATA is on (the default with the embedded database)
 * and prints the demo credentials. Later modules add their demo records here.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly catalog: CatalogDemoSeeder,
    private readonly vendors: VendorsDemoSeeder,
    private readonly leads: LeadDemoSeeder,
    private readonly routing: RoutingDemoSeeder,
    private readonly callReports: CallReportsDemoSeeder,
    private readonly targets: TargetsDemoSeeder,
    private readonly contracts: ContractsDemoSeeder,
    private readonly knowledge: KnowledgeDemoSeeder,
    private readonly scoring: ScoringDemoSeeder,
    private readonly checks: CheckRunnerService,
    private readonly scheduler: SchedulerDemoSeeder,
    private readonly reps: RepsService,
    private readonly vendorsService: VendorsService,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    if ((await this.users.countUsers()) === 0) {
      for (const user of DEMO_USERS) await this.users.createUser({ ...user });
      const { client, secret } = await this.users.createApiClient({ name: 'Demo ERP (company-wide)' });
      this.logger.log(`demo API client: client_id=${client.clientId} client_secret=${secret} (shown once)`);
    }
    const productLineIds = await this.catalog.seedDemoCatalog();
    const ids = { vendorId: DEMO_VENDOR_ID, repId: DEMO_REP_ID, idleRepId: DEMO_IDLE_REP_ID };
    if (await this.vendors.seedDemoVendors(ids, productLineIds)) {
      this.logger.log(
        'demo company seeded: regions, sales units, 10 vendors with agreements, 30 reps, catalog',
      );
    }
    const today = new Date().toISOString().slice(0, 10);
    // Leads go to the active reps of vendors that are routable today (active, with an agreement in force).
    const reps = await this.reps.getRepsForReporting(this.dataSource.manager, { allVendors: true }, today);
    const scopes = await this.vendorsService.getEffectiveScopes(
      this.dataSource.manager,
      [...new Set(reps.map((rep) => rep.vendorId))],
      today,
    );
    const routable = new Set(scopes.filter((scope) => scope.routable).map((scope) => scope.vendorId));
    const owners = reps
      .filter((rep) => rep.active && routable.has(rep.vendorId))
      .map((rep) => ({ id: rep.id, vendorId: rep.vendorId, fullName: rep.fullName }));
    const leads = await this.leads.seedDemoLeads(
      DEMO_LEAD_COUNT,
      { ...ids, idleDays: DEMO_IDLE_DAYS },
      owners,
    );
    if (leads > 0) this.logger.log(`demo leads: ${leads} (some owned by the demo vendor and rep)`);
    if (await this.routing.seedDemoRouting())
      this.logger.log('demo routing: a company pool and best-fit / weighted rules over the active vendors');
    const contracts = await this.contracts.seedDemoContracts(owners);
    if (contracts > 0)
      this.logger.log(
        `demo contracts: ${contracts} over two years for 40 customers, 80/20 skewed, some ending within 30 and 90 days`,
      );
    const articles = await this.knowledge.seedDemoKnowledge(productLineIds, ids);
    if (articles > 0)
      this.logger.log(
        `demo knowledge: ${articles} articles (Chinese, Hungarian, internal, a playbook, a win story), 2 announcements, 3 market feedback records, a curriculum`,
      );
    const vendorManager = await this.users.findUserByEmail(this.dataSource.manager, 'vendor@osm.demo');
    if (vendorManager) {
      const feedback = await this.scoring.seedDemoScoring({
        vendorId: DEMO_VENDOR_ID,
        ownerUserId: vendorManager.id,
      });
      if (feedback.complaints + feedback.reviews > 0)
        this.logger.log(
          `demo feedback: ${feedback.complaints} complaints (one overdue), last quarter's review of the demo vendor with an overdue action item`,
        );
    }
    const callReports = await this.callReports.seedDemoCallReports({ ...ids, idleDays: DEMO_IDLE_DAYS });
    const targets = await this.targets.seedDemoTargets(today);
    if (targets > 0)
      this.logger.log(
        `demo targets: this year's calls, company → months → units → vendors → reps (${targets})`,
      );
    if (callReports > 0) {
      this.logger.log(
        `demo call reports seeded: ${callReports} over six weeks, some reps below quota, one idle, a few flagged`,
      );
      const idleRep = owners.find((rep) => rep.id === DEMO_IDLE_REP_ID);
      if (idleRep) await this.scheduler.seedDemoScheduler({ strictVendorId: idleRep.vendorId });
      // Run every check once so a demo start shows open alerts of each kind right away.
      for (const check of this.checks.listChecks()) {
        const run = await this.checks.runManually(check.name, new Date(), null);
        this.logger.log(`demo check ${check.name}: ${run.raised} alerts raised`);
      }
    }
    const lines = DEMO_USERS.map(
      (user) => `  ${user.role.padEnd(15)} ${user.email.padEnd(18)} ${user.password}`,
    );
    this.logger.log(`demo users (POST /api/v1/auth/token with grant_type=password):\n${lines.join('\n')}`);
  }
}

@Module({
  imports: [
    AuthModule,
    CatalogModule,
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    TargetsModule,
    ContractsModule,
    KnowledgeModule,
    ScoringModule,
    SchedulerModule,
  ],
  providers: [DemoSeeder],
})
export class DemoModule {}
