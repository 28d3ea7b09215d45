import type { ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from './ErrorNotice.tsx';

/**
 * Loading, error, or the content. A refetch in the background keeps showing the data it has;
 * `retry` re-runs the query from the network.
 */
export function QueryState<T>(props: {
  result: { data?: T | null; fetching: boolean; error?: CombinedError };
  retry: () => void;
  loading: string;
  children: (data: T) => ReactNode;
}) {
  const { data, fetching, error } = props.result;
  if (data) {
    return (
      <>
        {error && <ErrorNotice error={error} retry={props.retry} />}
        {props.children(data)}
      </>
    );
  }
  if (error) return <ErrorNotice error={error} retry={props.retry} />;
  return (
    <p className="loading" role="status" aria-busy={fetching}>
      <span className="spinner" aria-hidden="true" /> {props.loading}
    </p>
  );
}
