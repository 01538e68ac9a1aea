import { runRateMinor } from './forecast.service';

describe('forecast run-rate', () => {
  it('extrapolates the bookings so far over the elapsed share of the period: 10 000.00 in 46 of 92 days is 20 000.00', () => {
    expect(runRateMinor(1000000, 46, 92)).toBe(2000000);
  });

  it('rounds the run-rate half away from zero to a minor unit', () => {
    // 1 × 5 ÷ 2 = 2.5 → 3; 1 × 10 ÷ 3 = 3.33… → 3; −1 × 5 ÷ 2 = −2.5 → −3 (refund-heavy periods)
    expect(runRateMinor(1, 2, 5)).toBe(3);
    expect(runRateMinor(1, 3, 10)).toBe(3);
    expect(runRateMinor(-1, 2, 5)).toBe(-3);
  });

  it('has no run-rate before the period starts, and the bookings themselves once it is over', () => {
    expect(runRateMinor(500, 0, 92)).toBeNull();
    expect(runRateMinor(1500000, 92, 92)).toBe(1500000);
  });
});
