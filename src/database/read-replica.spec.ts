import { mayReadPageFromReplica, parseLsn } from './read-replica';

describe('WAL positions compare as numbers', () => {
  it('reads the high and low halves of a position', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it('orders a later position after an earlier one across the halves', () => {
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('2/10') > parseLsn('2/F')).toBe(true);
  });
});

describe('A long list reads its pages after the first on the replica, never a sync page', () => {
  it('reads the first page on the primary', () => {
    expect(mayReadPageFromReplica({})).toBe(false);
    expect(mayReadPageFromReplica({ cursor: '' })).toBe(false);
  });

  it('reads a page after the first on the replica', () => {
    expect(mayReadPageFromReplica({ cursor: 'eyJsIjoi' })).toBe(true);
  });

  it('reads a sync page (updatedSince) on the primary however deep', () => {
    expect(mayReadPageFromReplica({ updatedSince: '2026-07-01T08:00:00Z' })).toBe(false);
    expect(mayReadPageFromReplica({ cursor: 'eyJsIjoi', updatedSince: '2026-07-01T08:00:00Z' })).toBe(false);
  });
});
