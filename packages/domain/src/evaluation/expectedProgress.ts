import type { PaceCurve } from '../vocabulary.ts';

/**
 * Expected progress at a share `x` of the time from start to deadline (0..1), on the key result's pace
 * curve. Every curve starts at 0, ends at 1 and rises monotonically, so "behind the path" means the same
 * thing whatever the curve.
 */
export function expectedProgressOn(curve: PaceCurve | undefined, x: number): number {
  switch (curve ?? 'LINEAR') {
    case 'FRONT_LOADED': return 1 - (1 - x) * (1 - x);
    case 'BACK_LOADED': return x * x;
    case 'S_CURVE': return x * x * (3 - 2 * x);
    default: return x;
  }
}
