import { useEffect, useMemo, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs`: the SMART check runs as the person pauses typing.
 * Compared by its JSON, so a value rebuilt on every render still settles.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return useMemo(() => JSON.parse(settled) as T, [settled]);
}
