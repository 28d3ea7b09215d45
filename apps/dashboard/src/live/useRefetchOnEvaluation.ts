import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../graphql/graphql.ts';

const KeyResultEvaluated = graphql(`
  subscription KeyResultEvaluated($planId: ID!) { keyResultEvaluated(planId: $planId) { id status } }
`);

/**
 * Re-runs a screen's query when the worker evaluates the plan's key results (an evaluation sends one
 * event per key result: the refetch waits for a quiet 300 ms).
 */
export function useRefetchOnEvaluation(planId: string | null, refetch: () => void) {
  const [event] = useSubscription({ query: KeyResultEvaluated, variables: { planId: planId ?? '' }, pause: !planId });
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (!event.data) return;
    const timer = setTimeout(() => latest.current(), 300);
    return () => clearTimeout(timer);
  }, [event.data]);
}
