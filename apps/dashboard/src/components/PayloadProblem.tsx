import { useI18n } from '../i18n/I18nProvider.tsx';

interface Problem {
  __typename?: string;
  message?: string;
  issues?: readonly { field?: string; message: string }[];
}

/** A typed refusal from a mutation (InputError, NotFoundError): its sentence and each field it names. */
export function PayloadProblem({ problem }: { problem: Problem | null | undefined }) {
  const { t } = useI18n();
  if (!problem?.message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{problem.message}</p>
      {problem.issues && problem.issues.length > 0 && (
        <ul>
          {problem.issues.map((issue, i) => (
            <li key={i}>
              {issue.field && <code>{issue.field}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t.errors.fixAndRetry}</p>
    </div>
  );
}
