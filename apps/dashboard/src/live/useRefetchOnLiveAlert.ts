import { useEffect, useRef } from 'react';
import { useLiveAlerts } from './LiveAlerts.tsx';

/** Re-runs a screen's query when an alert arrives on the live subscription. */
export function useRefetchOnLiveAlert(refetch: () => void) {
  const { version } = useLiveAlerts();
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (version > 0) latest.current();
  }, [version]);
}
