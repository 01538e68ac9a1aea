import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { addDays } from '../../common/calendar/working-days';
import { periodOf } from '../../common/period/period';
import { ContractStatus } from '../contracts/contract.enums';
import { ContractsService } from '../contracts/contracts.service';
import { ComplaintCategory, ComplaintStatus } from './complaint.rules';
import { ComplaintsService } from './complaints.service';
import { ReviewActionStatus } from './vendor-review.rules';
import { VendorReviewsService } from './vendor-reviews.service';

/** Who the demo complaints and reviews are recorded by (no user row, like the other seeders' planner). */
const DEMO_REVIEWER: Principal = {
  subjectId: '00000000-0000-4000-8000-0000000000de',
  kind: 'user',
  role: Role.SALES_MANAGER,
  vendorId: null,
  repId: null,
  name: 'Demo sales manager',
};
const DAY_MS = 86_400_000;

export interface DemoScoringResult {
  complaints: number;
  reviews: number;
}

/**
 * The demo customer feedback: three complaints about the demo vendor's contracts (one open and past its
 * deadline — a `complaint_overdue` alert at start —, one being investigated, one resolved), and last
 * quarter's review of the demo vendor (4, 4, 3, 5 → 4.00) with a market-report action item ten days
 * overdue (a `review_action_overdue` alert) next to one done. Owned by the demo vendor manager.
 */
@Injectable()
export class ScoringDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly complaints: ComplaintsService,
    private readonly reviews: VendorReviewsService,
  ) {}

  /** Seeds once, into an empty complaints table; returns what it wrote (nothing without demo contracts). */
  async seedDemoScoring(
    ids: { vendorId: string; ownerUserId: string },
    now = new Date(),
  ): Promise<DemoScoringResult> {
    const [{ any }] = await this.dataSource.query<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM complaints) OR EXISTS (SELECT 1 FROM vendor_reviews) AS any',
    );
    if (any) return { complaints: 0, reviews: 0 };
    const scope = DataScope.companyWide();
    const running = new Set<string>([ContractStatus.SIGNED, ContractStatus.ACTIVE]);
    const contracts = (await this.contracts.listContracts({ limit: 50, vendorId: ids.vendorId }, scope)).data
      .filter((contract) => contract.customerId && running.has(contract.status))
      .slice(0, 3);
    const complaints: {
      category: ComplaintCategory;
      description: string;
      daysAgo: number;
      status: ComplaintStatus;
    }[] = [
      {
        category: ComplaintCategory.DELIVERY,
        description: 'The second batch of sensors arrived nine days late; the line stood still for a shift.',
        daysAgo: 6,
        status: ComplaintStatus.OPEN,
      },
      {
        category: ComplaintCategory.BILLING,
        description: 'The invoice shows list prices, not the agreed 5 % discount.',
        daysAgo: 1,
        status: ComplaintStatus.INVESTIGATING,
      },
      {
        category: ComplaintCategory.SALES_CONDUCT,
        description: 'The rep promised a calibration certificate that is not part of the contract.',
        daysAgo: 20,
        status: ComplaintStatus.RESOLVED,
      },
    ];
    let written = 0;
    for (const [index, contract] of contracts.entries()) {
      const demo = complaints[index];
      const complaint = await this.complaints.createComplaint(
        {
          customerId: contract.customerId!,
          contractId: contract.id,
          category: demo.category,
          description: demo.description,
          ownerUserId: ids.ownerUserId,
          receivedAt: new Date(now.getTime() - demo.daysAgo * DAY_MS).toISOString(),
        },
        scope,
        DEMO_REVIEWER,
      );
      for (const status of [ComplaintStatus.INVESTIGATING, ComplaintStatus.RESOLVED]) {
        if (demo.status === ComplaintStatus.OPEN) break;
        await this.complaints.changeComplaintStatus(
          complaint.id,
          {
            status,
            resolution:
              status === ComplaintStatus.RESOLVED
                ? 'Explained the contract’s scope; certificate offered at cost.'
                : undefined,
          },
          scope,
          DEMO_REVIEWER,
        );
        if (status === demo.status) break;
      }
      written += 1;
    }

    const today = now.toISOString().slice(0, 10);
    const lastQuarter = periodOf(addDays(periodOf(today, 'quarter').start, -1), 'quarter');
    const review = await this.reviews.createVendorReview(
      {
        vendorId: ids.vendorId,
        period: lastQuarter.key,
        cooperation: 4,
        communication: 4,
        professionalism: 3,
        marketFeedback: 5,
        comments: 'Strong market reports; two visits were reported without notes.',
        actionItems: [
          {
            title: 'Send a monthly competitor price report',
            ownerUserId: ids.ownerUserId,
            dueOn: addDays(today, -10),
          },
          {
            title: 'Add visit notes to every call report',
            ownerUserId: ids.ownerUserId,
            dueOn: addDays(today, -30),
          },
        ],
      },
      scope,
      DEMO_REVIEWER,
      today,
    );
    const done = review.actionItems?.find((item) => item.dueOn === addDays(today, -30));
    if (done)
      await this.reviews.updateReviewActionItem(
        review.id,
        done.id,
        { status: ReviewActionStatus.DONE },
        scope,
        DEMO_REVIEWER,
      );
    return { complaints: written, reviews: 1 };
  }
}
