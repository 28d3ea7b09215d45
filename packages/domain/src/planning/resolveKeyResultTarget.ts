import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import { resolveTarget } from '../evaluation/resolveTarget.ts';
import type { BaselineBasis, ReferenceBaseline } from './targetReference.ts';

export interface TargetResolution {
  baseline: number | null;
  target: number | null;
  basis: BaselineBasis | null;
  /**
   * True when the numbers are to be kept: the baseline was given, or read from history at or before the
   * start. False for a stand-in (FIRST_LEVEL_AFTER_START, NO_REFERENCE) or nothing at all: the next
   * evaluation tries again.
   */
  settled: boolean;
}

const known = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/**
 * A key result's baseline and target (DESIGN.md §2): the baseline as given, else the history's
 * reference before the start (`referenceBaseline`: a level at the start, a count's previous period, a
 * KPI's trailing window); the target as given, else the baseline moved by `targetChangePercent`.
 * Without a reference, a level or KPI takes its first value after the start as a stand-in, and a count
 * with an absolute target counts from 0; neither is settled.
 */
export function resolveKeyResultTarget(
  definition: MetricDefinition | undefined,
  given: { baseline?: number | null | undefined; target?: number | null | undefined; targetChangePercent?: number | null | undefined },
  found: { reference: ReferenceBaseline | null; firstAfterStart?: SeriesPoint | null | undefined },
): TargetResolution {
  const target = (baseline: number | null) => resolveTarget({ baseline, target: given.target, targetChangePercent: given.targetChangePercent });
  if (known(given.baseline)) {
    return { baseline: given.baseline, target: target(given.baseline), basis: { kind: 'GIVEN', from: null, to: null, coveredDays: null }, settled: true };
  }
  if (found.reference) return { baseline: found.reference.value, target: target(found.reference.value), basis: found.reference.basis, settled: true };
  if (definition && definition.kind !== 'FLOW' && found.firstAfterStart) {
    const { at, value } = found.firstAfterStart;
    return { baseline: value, target: target(value), basis: { kind: 'FIRST_LEVEL_AFTER_START', from: at, to: at, coveredDays: null }, settled: false };
  }
  if (definition?.kind === 'FLOW' && known(given.target)) {
    return { baseline: 0, target: given.target, basis: { kind: 'NO_REFERENCE', from: null, to: null, coveredDays: null }, settled: false };
  }
  return { baseline: null, target: target(null), basis: null, settled: false };
}
