/** The absolute target: as given, or the baseline moved by a percentage (15 → +15 %). */
export function resolveTarget(input: { baseline: number | null; target: number | null; targetChangePercent: number | null }): number | null {
  if (input.target !== null) return input.target;
  if (input.targetChangePercent !== null && input.baseline !== null) return input.baseline * (1 + input.targetChangePercent / 100);
  return null;
}
