import { type Candidate, presentRows, prizeOf, prizeTierProblems, rankCandidates } from './leaderboard.rules';

const c = (subjectId: string, value: number | null): Candidate => ({
  subjectId,
  vendorId: 'v1',
  name: `Name ${subjectId}`,
  value,
});

describe('leaderboard ranking', () => {
  it('ranks best first; ties share a rank and the next rank skips; unscored last without a rank', () => {
    const ranked = rankCandidates([c('d', 80), c('b', 90), c('x', null), c('a', 100), c('c', 90)]);
    expect(ranked.map((r) => [r.subjectId, r.position, r.rank])).toEqual([
      ['a', 1, 1],
      ['b', 2, 2],
      ['c', 3, 2],
      ['d', 4, 4],
      ['x', 5, null],
    ]);
  });

  it('gives everyone rank 1 when all tie', () => {
    expect(rankCandidates([c('b', 50), c('a', 50)]).map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe('peer-name masking', () => {
  const ranked = rankCandidates([c('a', 100), c('me', 90), c('c', 70)]);

  it('shows a rep peers as "Rep #<position>" without id or vendor, and their own row in full', () => {
    const rows = presentRows(ranked, { repId: 'me' }, { repBoard: true, repsSeePeerNames: false });
    expect(rows.map((r) => [r.name, r.subjectId, r.vendorId, r.rank, r.value, r.self])).toEqual([
      ['Rep #1', null, null, 1, 100, false],
      ['Name me', 'me', 'v1', 2, 90, true],
      ['Rep #3', null, null, 3, 70, false],
    ]);
  });

  it('masks nothing when the setting lets reps see names, nor for managers, nor on vendor boards', () => {
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    const all = ['Name a', 'Name me', 'Name c'];
    expect(names(presentRows(ranked, { repId: 'me' }, { repBoard: true, repsSeePeerNames: true }))).toEqual(
      all,
    );
    expect(names(presentRows(ranked, { repId: null }, { repBoard: true, repsSeePeerNames: false }))).toEqual(
      all,
    );
    expect(names(presentRows(ranked, { repId: 'me' }, { repBoard: false, repsSeePeerNames: false }))).toEqual(
      all,
    );
  });
});

describe('prize tiers', () => {
  const tiers = [
    { fromRank: 1, toRank: 1, prize: 'Trip' },
    { fromRank: 2, toRank: 3, prize: 'Voucher' },
  ];

  it('gives a tie the prize of its shared rank and nothing past the last tier', () => {
    expect([1, 2, 3, 4, null].map((rank) => prizeOf(tiers, rank))).toEqual([
      'Trip',
      'Voucher',
      'Voucher',
      null,
      null,
    ]);
  });

  it('refuses overlapping and backward tiers', () => {
    expect(prizeTierProblems(tiers)).toEqual([]);
    expect(prizeTierProblems([...tiers, { fromRank: 3, toRank: 2, prize: 'x' }]).map((p) => p.field)).toEqual(
      ['prizeTiers[2]', 'prizeTiers[2].toRank'],
    );
  });
});
