const known = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/**
 * The absolute target of a key result: the absolute target when given (it wins), else the baseline
 * moved by a percentage (15 → +15 %, −20 → −20 %); null when neither can be resolved (no number, or a
 * percentage without a baseline yet).
 */
export function resolveTarget(input: {
  baseline: number | null | undefined;
  target: number | null | undefined;
  targetChangePercent: number | null | undefined;
}): number | null {
  if (known(input.target)) return input.target;
  if (!known(input.targetChangePercent) || !known(input.baseline)) return null;
  const target = input.baseline * (1 + input.targetChangePercent / 100);
  return Number.isFinite(target) ? target : null;
}
