import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Copies `value` to the clipboard and says so; where the clipboard is refused, says to copy by hand. */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>{label ?? t.common.copy}</button>
      <span role="status" className="muted">{state === 'copied' ? t.common.copied : state === 'failed' ? t.common.copyByHand : ''}</span>
    </>
  );
}
