import { describe, expect, it } from 'vitest';
import { restartDelay } from '../src/index.ts';

describe('restart backoff', () => {
  it('doubles with each crash in a row, from 1 s, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((crashes) => restartDelay(crashes))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
