import { describe, expect, it } from 'vitest';
import { TRAINEE_REFRESH_MS, TRAINER_REFRESH_MS, refreshDelay } from '../src/refresh.js';

describe('refreshDelay', () => {
  it('waits out the interval since the last refresh', () => {
    expect(refreshDelay(1_000, 1_100, TRAINER_REFRESH_MS)).toBe(150);
    expect(refreshDelay(1_000, 2_000, TRAINER_REFRESH_MS)).toBe(0);
  });

  it('adds up to half an interval of jitter for trainees only', () => {
    expect(refreshDelay(0, 10_000, TRAINEE_REFRESH_MS, () => 0)).toBe(0);
    expect(refreshDelay(0, 10_000, TRAINEE_REFRESH_MS, () => 0.999)).toBe(500);
    expect(refreshDelay(9_500, 10_000, TRAINEE_REFRESH_MS, () => 0.5)).toBe(750);
    expect(refreshDelay(0, 10_000, TRAINER_REFRESH_MS, () => 0.999)).toBe(0);
  });
});
