/** A product of a playbook's product line with the room a rep has between the floor and the ceiling. */
export interface PlaybookPrice {
  listPriceMinor: number;
  floorPriceMinor: number;
  /** How far below list a rep may go without approval: list − floor. */
  discountRoomMinor: number;
  /** The highest price the playbook allows: list × (1 + premium room), rounded down; null with no room stated. */
  premiumCeilingMinor: number | null;
}

/**
 * The selling room of one product under a playbook (integer minor units, no floating point): down to the
 * floor, and up to the list price plus the playbook's premium room in basis points.
 * Example: list 120 000, floor 100 000, room 1 500 bps → discount room 20 000, ceiling 138 000.
 */
export function playbookPrice(
  listPriceMinor: number,
  floorPriceMinor: number,
  premiumRoomBps: number | null,
): PlaybookPrice {
  return {
    listPriceMinor,
    floorPriceMinor,
    discountRoomMinor: listPriceMinor - floorPriceMinor,
    premiumCeilingMinor:
      premiumRoomBps === null
        ? null
        : Number((BigInt(listPriceMinor) * BigInt(10000 + premiumRoomBps)) / 10000n),
  };
}
