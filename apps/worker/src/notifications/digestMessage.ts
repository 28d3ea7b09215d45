import type { DigestKeyResult, WeeklyDigest } from '@goalpost/domain';
import { formatNumber } from './notificationMessage.ts';

/** A digest section as every channel shows it: a title and one line per item (empty: nothing to say). */
export interface DigestSection {
  title: string;
  lines: string[];
  /** Shown when there are no lines; sections without one are left out when empty. */
  none?: string;
}

const words = (status: string) => status.replace(/_/g, ' ').toLowerCase();

function keyResultLine(k: DigestKeyResult): string {
  const forecast = k.forecast
    ? `forecast ${formatNumber(k.forecast.value)} (${formatNumber(k.forecast.low)}–${formatNumber(k.forecast.high)}, ${Math.round(k.forecast.confidence * 100)}% confidence)`
    : 'no forecast yet';
  const realistic = k.realisticTarget !== null ? `; realistic target ${formatNumber(k.realisticTarget)}` : '';
  return `${k.metric} ("${k.objectiveTitle}"): ${formatNumber(k.current)} of ${formatNumber(k.target)}, ${words(k.status)}; ${forecast}${realistic}`;
}

export function digestSubject(digest: WeeklyDigest): string {
  const attention = digest.needsAttention.length;
  return `Weekly digest: ${digest.plan.name} — week of ${digest.weekOf}${attention > 0 ? ` (${attention} need${attention === 1 ? 's' : ''} attention)` : ''}`;
}

export function digestSummary(digest: WeeklyDigest): string {
  const c = digest.counts;
  return `${c.objectives} objectives, ${c.keyResults} key results: ${c.onTrack} on track, ${c.atRisk} at risk, ${c.offTrack} off track, ${c.achieved} achieved.`;
}

/** The digest's sections in reading order, shared by e-mail (HTML and text) and Slack. */
export function digestSections(digest: WeeklyDigest): DigestSection[] {
  const sections: DigestSection[] = [
    {
      title: 'Status changes',
      lines: digest.statusChanges.map((c) => `${c.subject === 'OBJECTIVE' ? `Objective "${c.title}"` : `${c.title} ("${c.objectiveTitle}")`}: ${words(c.from)} → ${words(c.to)}${c.on ? ` on ${c.on}` : ''}`),
      none: 'No status changed this week.',
    },
    { title: 'Needs attention', lines: digest.needsAttention.map(keyResultLine), none: 'Nothing is at risk or off track.' },
    { title: 'Achieved', lines: digest.achieved.map((k) => `${k.metric} ("${k.objectiveTitle}"): ${formatNumber(k.current)} of ${formatNumber(k.target)}`) },
    {
      title: 'Check-ins',
      lines: digest.checkIns.map((c) => `${c.author ?? 'Someone'} on ${c.metric} ("${c.objectiveTitle}"): confidence ${c.confidence}/10${c.note ? ` — "${c.note}"` : ''}`),
      none: 'No check-ins this week.',
    },
    {
      title: 'Budget',
      lines: digest.budget.map((b) => `${b.currency}: ${formatNumber(b.spentToDate)} spent of ${formatNumber(b.budget)} (planned by now ${formatNumber(Math.round(b.plannedToDate * 100) / 100)}; ${formatNumber(b.spentThisWeek)} this week)`),
    },
    { title: 'Data problems', lines: digest.dataProblems.map((p) => p.message) },
  ];
  return sections.filter((s) => s.lines.length > 0 || s.none);
}
