import { analysisChart, attainmentChart, funnelChart, leaderboardChart, renderSvg } from './report-charts';
import type { AnalysisReportDto, FunnelReportDto } from './reports.dto';
import { AnalysisDimension, AnalysisMeasure, PeriodGrainParam } from './reports.dto';
import { LeadStatus } from '../leads/leads.published';

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('report charts', () => {
  it('draws the funnel with each stage and the leads that reached it', () => {
    const report: FunnelReportDto = {
      from: '2026-01-01',
      to: '2026-04-01',
      cohort: 10,
      lost: 1,
      rejected: 0,
      stages: [
        {
          stage: LeadStatus.NEW,
          reached: 10,
          current: 2,
          conversionToNext: 0.8,
          completedStays: 8,
          medianDaysInStage: 1,
        },
        {
          stage: LeadStatus.WON,
          reached: 3,
          current: 3,
          conversionToNext: null,
          completedStays: 0,
          medianDaysInStage: null,
        },
      ],
    };
    const svg = renderSvg(funnelChart(report));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(['new: 10', 'won: 3', '10 leads']));
  });

  it('keeps each currency its own series and draws money in major units', () => {
    const report: AnalysisReportDto = {
      from: '2026-01-01',
      to: '2027-01-01',
      measures: [AnalysisMeasure.BOOKINGS],
      dimensions: [AnalysisDimension.PERIOD],
      grain: PeriodGrainParam.QUARTER,
      rows: [
        { keys: { period: '2026-Q1' }, bookings: [{ currency: 'CNY', amountMinor: 1500000 }] },
        { keys: { period: '2026-Q2' }, bookings: [{ currency: 'EUR', amountMinor: 100000 }] },
      ],
      total: { keys: {}, bookings: [] },
    };
    const option = analysisChart(report);
    expect(option.series).toEqual([
      expect.objectContaining({ name: 'bookings (CNY)', type: 'line', data: [15000, 0] }),
      expect.objectContaining({ name: 'bookings (EUR)', type: 'line', data: [0, 1000] }),
    ]);
    expect(texts(renderSvg(option))).toEqual(expect.arrayContaining(['bookings (CNY)', 'bookings (EUR)']));
  });

  it('draws an empty result as an empty chart that says so', () => {
    const report: AnalysisReportDto = {
      from: '2026-01-01',
      to: '2027-01-01',
      measures: [AnalysisMeasure.CALLS],
      dimensions: [AnalysisDimension.VENDOR],
      grain: PeriodGrainParam.MONTH,
      rows: [],
      total: { keys: {}, calls: 0 },
    };
    expect(texts(renderSvg(analysisChart(report)))).toContain('No data');
    expect(texts(renderSvg(leaderboardChart('Leaderboard 2026-Q1', [])))).toContain('No data');
  });

  it('draws attainment bars with the pace line at the pace percent', () => {
    const option = attainmentChart('Q1', [{ label: 'Vendor A', attainmentPercent: 47.5 }], 60);
    const [bars] = option.series as { data: number[]; markLine: { data: { yAxis: number }[] } }[];
    expect(bars.data).toEqual([47.5]);
    expect(bars.markLine.data).toEqual([{ yAxis: 60 }]);
    expect(texts(renderSvg(option))).toEqual(expect.arrayContaining(['47.5 %', 'pace 60 %']));
  });
});
