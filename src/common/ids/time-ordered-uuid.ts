import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
const pool = Buffer.alloc(8 * 1024);
let poolAt = pool.length;
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A version-7 UUID (RFC 9562): the Unix time in milliseconds, then a 12-bit sequence that keeps ids made
 * in the same millisecond in the order they were made, then 62 random bits. Ids made one after another
 * in this process sort after each other (as text and as PostgreSQL `uuid`), so a batch of new rows lands
 * at the right edge of the indexes keyed on them instead of on as many random index pages as it has
 * rows. When the sequence runs out within a millisecond, or the clock steps back, the time stays one
 * millisecond ahead rather than going back.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  const r = poolAt;
  poolAt += 8;
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-` +
    `${hex[0x80 | (pool[r] & 0x3f)]}${hex[pool[r + 1]]}-` +
    `${hex[pool[r + 2]]}${hex[pool[r + 3]]}${hex[pool[r + 4]]}${hex[pool[r + 5]]}${hex[pool[r + 6]]}${hex[pool[r + 7]]}`
  );
}
