import { useI18n } from '../i18n/I18nProvider.tsx';
import type { Messages } from '../i18n/catalogs/index.ts';

export type Status = keyof Messages['status'];

/** A glyph beside the word: status is never told by colour alone. */
const glyph: Record<Status, string> = {
  ON_TRACK: '✓', AT_RISK: '▲', OFF_TRACK: '✕', ACHIEVED: '★', MISSED: '✕', NO_DATA: '?', NOT_STARTED: '○',
};

/** Worst first: what needs attention leads every list. */
export const statusOrder: Status[] = ['MISSED', 'OFF_TRACK', 'AT_RISK', 'NO_DATA', 'NOT_STARTED', 'ON_TRACK', 'ACHIEVED'];

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`}>
      <span aria-hidden="true">{glyph[status]}</span> {t.status[status]}
    </span>
  );
}
