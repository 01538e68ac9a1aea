import { playbookPrice } from './playbook-pricing.rules';

describe('the selling room of a playbook', () => {
  it('list 120 000, floor 100 000, 15 % premium room: 20 000 of discount room, ceiling 138 000', () => {
    expect(playbookPrice(120000, 100000, 1500)).toEqual({
      listPriceMinor: 120000,
      floorPriceMinor: 100000,
      discountRoomMinor: 20000,
      premiumCeilingMinor: 138000,
    });
  });

  it('rounds the ceiling down to a whole minor unit: 46 000 × 1.0333 = 47 531.8 → 47 531', () => {
    expect(playbookPrice(46000, 35000, 333).premiumCeilingMinor).toBe(47531);
  });

  it('states no ceiling when the playbook gives no premium room', () => {
    expect(playbookPrice(128000, 99000, null).premiumCeilingMinor).toBeNull();
  });
});
