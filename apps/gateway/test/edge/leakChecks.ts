import { expect } from 'vitest';

/** An answer body never shows a stack frame, a source file or an absolute path of the machine. */
export function noStackOrPath(body: string): void {
  expect(body).not.toMatch(/\bat \S+ \(|\bat (file|node):|\.ts:\d+|node_modules|\/(work|home|tmp|usr|var|opt)\//);
}
