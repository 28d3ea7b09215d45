import { useMutation, useQuery } from 'urql';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const IngestSecretState = graphql(`
  query IngestSecretState { viewer { workspaceId ingestSecretRotatedAt } }
`);

const RotateIngestSecret = graphql(`
  mutation RotateIngestSecret {
    rotateIngestSecret { __typename ... on RotateIngestSecretSuccess { secret } ... on InputError { message issues { field message } } ... on Error { message } }
  }
`);

const exampleBody = '{"type":"metrics.points","data":{"accountId":"<SocialAccount id>","points":[{"metric":"followers","at":"2026-11-20","value":5200}]}}';

/** The secret that signs pushes to POST /webhooks/metrics: rotated here, shown once, with how to sign. */
export function IngestSecretSection() {
  const { t, f } = useI18n();
  const [result, refetch] = useQuery({ query: IngestSecretState, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [rotated, rotate] = useMutation(RotateIngestSecret);
  const answer = rotated.data?.rotateIngestSecret;
  const webhookUrl = `${window.location.origin}/webhooks/metrics`;
  return (
    <section aria-labelledby="ingest-title">
      <h2 id="ingest-title">{t.team.section.ingest}</h2>
      <p>{t.team.ingestIntro}</p>
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => (
          <p data-testid="ingest-rotated">
            {data.viewer.ingestSecretRotatedAt ? t.team.ingestRotatedAt(f.instant(data.viewer.ingestSecretRotatedAt)) : t.team.ingestNever}
          </p>
        )}
      </QueryState>
      <div className="actions">
        <ConfirmButton question={t.team.confirmRotate} confirm={t.team.rotate} disabled={rotated.fetching} onConfirm={() => void rotate({}).then(retry)}>
          {t.team.rotate}
        </ConfirmButton>
      </div>
      {rotated.error && <ErrorNotice error={rotated.error} />}
      {answer && answer.__typename !== 'RotateIngestSecretSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'RotateIngestSecretSuccess' && (
        <OneTimeSecret label={t.team.ingestSecret} value={answer.secret} testId="ingest-secret"><p className="muted">{t.team.shownOnce}</p></OneTimeSecret>
      )}
      <h3>{t.team.howToSign}</h3>
      <dl className="facts">
        <div><dt>{t.team.webhookUrl}</dt><dd><code data-testid="webhook-url">POST {webhookUrl}</code> <CopyButton value={webhookUrl} /></dd></div>
        <div><dt>{t.team.headers}</dt><dd><code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code></dd></div>
      </dl>
      <ol className="steps">
        <li>{t.team.signStep1}</li>
        <li>{t.team.signStep2}</li>
        <li>{t.team.signStep3}</li>
      </ol>
      <pre className="code-block" tabIndex={0}>{exampleBody}</pre>
    </section>
  );
}
