import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, type LocalDate } from '../../common/calendar/working-days';
import { CatalogService } from '../catalog/catalog.service';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import { RepsService } from '../vendors/reps.service';
import { earnedTagsOf, type RepWins, windowStart } from './earned-tags.rules';

export interface EarnedTagsPass {
  /** Reps that hold at least one earned tag after the pass. */
  reps: number;
  /** Reps whose earned tags changed, with what they had and have. */
  changed: { repId: string; vendorId: string; from: string[]; to: string[] }[];
}

/**
 * A rep's expertise tags earned from won deals (the contracts' `won_deals` facts, each counted on its lead
 * seller and its largest product line): `industry:<code>` for an industry, `line:<code>` for a product line
 * in which they won at least `minWins` deals in the trailing `windowMonths`. Stored on the rep by the
 * vendors module, apart from the tags given by hand; routing matches both.
 */
@Injectable()
export class EarnedTagsService {
  constructor(
    private readonly revenueFacts: RevenueFactsService,
    private readonly catalog: CatalogService,
    private readonly reps: RepsService,
  ) {}

  /** Set-based: two reads of the daily rollup, one of product line codes, one update of the reps. */
  async earnTags(
    manager: EntityManager,
    today: LocalDate,
    rules: { minWins: number; windowMonths: number },
  ): Promise<EarnedTagsPass> {
    const window = { from: windowStart(today, rules.windowMonths), to: addDays(today, 1) };
    const byIndustry = await this.revenueFacts.dealCycleStats(manager, window, ['rep', 'industry']);
    const byLine = await this.revenueFacts.dealCycleStats(manager, window, ['rep', 'productLine']);
    const codes = await this.catalog.productLineCodes(
      manager,
      byLine.flatMap((row) => (row.productLineId ? [row.productLineId] : [])),
    );
    const wins: RepWins[] = [];
    for (const row of byIndustry)
      if (row.repId && row.industry)
        wins.push({ repId: row.repId, tag: `industry:${row.industry}`, won: row.wonCount });
    for (const row of byLine) {
      const code = row.productLineId ? codes.get(row.productLineId) : undefined;
      if (row.repId && code) wins.push({ repId: row.repId, tag: `line:${code}`, won: row.wonCount });
    }
    const earned = earnedTagsOf(wins, rules.minWins);
    const changed = await this.reps.setEarnedTags(
      manager,
      [...earned].map(([repId, tags]) => ({ repId, tags })),
    );
    return { reps: earned.size, changed };
  }
}
