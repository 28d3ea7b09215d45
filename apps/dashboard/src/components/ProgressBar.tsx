import { useI18n } from '../i18n/I18nProvider.tsx';
import type { Status } from './StatusBadge.tsx';

/**
 * Progress toward the target (0..1) with a tick where the path expects it today. The sentence beside
 * it says both numbers, so the bar itself is decoration for screen readers.
 */
export function ProgressBar({ progress, expected, status }: { progress: number | null; expected: number | null; status: Status }) {
  const { t, f } = useI18n();
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  return (
    <div className="progress">
      <div className="progress-track" aria-hidden="true">
        <div className={`progress-fill status-fill-${status}`} style={{ width: `${clamp(progress ?? 0) * 100}%` }} />
        {expected !== null && <div className="progress-expected" style={{ left: `${clamp(expected) * 100}%` }} />}
      </div>
      <p className="progress-text">{t.keyResult.progress(f.share(progress), f.share(expected))}</p>
    </div>
  );
}
