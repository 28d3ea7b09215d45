import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton.tsx';

/** A secret the gateway shows once (a token, a link, a signing secret): readable, selectable, copyable. */
export function OneTimeSecret({ label, value, testId, children }: { label: string; value: string; testId: string; children?: ReactNode }) {
  const id = `secret-${testId}`;
  return (
    <div className="notice one-time" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className="secret" />
        <CopyButton value={value} />
      </div>
      {children}
    </div>
  );
}
