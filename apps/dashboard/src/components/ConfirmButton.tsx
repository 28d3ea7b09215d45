import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** A destructive action in two clicks: the first asks, in words, what the second will do. */
export function ConfirmButton(props: { children: ReactNode; question: string; confirm: string; onConfirm: () => void; disabled?: boolean; describedBy?: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" disabled={props.disabled} aria-describedby={props.describedBy} onClick={() => setAsking(true)}>{props.children}</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>{' '}
      <button type="button" className="danger" onClick={() => { setAsking(false); props.onConfirm(); }}>{props.confirm}</button>{' '}
      <button type="button" onClick={() => setAsking(false)}>{t.common.cancel}</button>
    </span>
  );
}
