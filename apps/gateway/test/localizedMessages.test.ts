import { insertApiToken } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../src/auth/apiTokenHash.ts';
import { serveOverHttp } from './edge/httpServer.ts';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
let editorToken: string;
let viewerToken: string;
let goalId: string;

beforeAll(async () => {
  harness = await startGatewayHarness('localized-messages');
  const ws = await harness.newWorkspace('Idiomas');
  editorToken = ws.token;
  viewerToken = `test-${randomUUID()}`;
  await insertApiToken(harness.deps.db, ws.workspaceId, hashApiToken(viewerToken), 'viewer', { role: 'VIEWER' });
  const planId = (await ws.gql(`mutation { createPlan(input: { name: "2099", startsOn: "2099-01-01", endsOn: "2099-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id;
  goalId = (await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: BRAND_VISIBILITY, title: "Be known" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId })).body.data.addBusinessGoal.goal.id;
}, 60_000);
afterAll(async () => harness?.close());

async function ask(acceptLanguage: string | null, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await harness.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions: any }[] } };
}

const letter = 'verdict code message params { name value } findings { code verdict message keyResult params { name value } }';
const check = `query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { passed specific { ${letter} } measurable { ${letter} } attainable { ${letter} } realistic { ${letter} } relevant { ${letter} } timeBound { ${letter} } } }`;
/** A draft whose deadline comes before its start, on a platform no account of the workspace is connected to. */
const draft = () => ({ goalId, title: 'Grow', category: 'AWARENESS', framework: 'SMART', startsOn: '2099-03-01', deadline: '2099-02-01', keyResults: [{ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', target: 500 }] });
const createPlan = `mutation($name: String!) { createPlan(input: { name: $name, startsOn: "2099-01-01", endsOn: "2099-02-01" }) {
  __typename ... on Error { message } ... on ForbiddenError { requiredRole } ... on InputError { issues { field rule message params { name value } } } } }`;
const addObjective = `mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Backwards", category: AWARENESS, framework: SMART, startsOn: "2099-01-01", deadline: "2099-06-30",
  keyResults: [{ metric: "followers", platform: INSTAGRAM, direction: INCREASE, baseline: 1200, target: 900 }] }) { __typename ... on InputError { issues { field rule message params { name value } } } } }`;
const removeObjective = `mutation($id: ID!) { removeObjective(id: $id) { __typename ... on NotFoundError { message id } } }`;

/** What each language says to the requests below. */
const expected = {
  es: {
    deadline: 'La fecha límite 2099-02-01 no es posterior al inicio 2099-03-01; muévela más adelante.',
    noAccount: /^Resultado clave 1 \(followers\): aún no hay ninguna cuenta en su ámbito, así que nada aporta followers; conecta una cuenta de FACEBOOK, INSTAGRAM, X, LINKEDIN, PINTEREST o TIKTOK,/,
    noPeriod: /^Resultado clave 1 \(followers\) no se puede valorar frente a su historial sin un inicio/,
    relevant: 'Sirve a un objetivo de negocio, con KPI recomendados para Notoriedad.',
    maxLength: 'debe tener como mucho 200 caracteres; tiene 201',
    summary: /^Datos no válidos — input\.name: debe tener como mucho 200 caracteres; tiene 201\. No se ha cambiado nada\.$/,
    titleError: /^Datos no válidos — input\.title: debe tener como mucho 300 caracteres; tiene 301\./,
    forbidden: 'Tu rol en este espacio de trabajo es Lector. Esto necesita el rol Editor o superior. No se ha cambiado nada.',
    forbiddenOwner: 'Tu rol en este espacio de trabajo es Lector. Esto necesita el rol Propietario. No se ha cambiado nada.',
    notFound: /^No hay ningún objetivo con el id \S+ en tu espacio de trabajo\.$/,
    unauthenticated: /^Hace falta autenticarse/,
    direction: 'un resultado clave que aumenta (INCREASE) apunta por encima de su punto de partida: el objetivo 900 no está por encima de 1200 (usa MAINTAIN para mantener un nivel)',
  },
  ca: {
    deadline: 'La data límit 2099-02-01 no és posterior a l’inici 2099-03-01; mou-la més endavant.',
    noAccount: /^Resultat clau 1 \(followers\): encara no hi ha cap compte en el seu àmbit, així que res no aporta followers; connecta un compte de FACEBOOK, INSTAGRAM, X, LINKEDIN, PINTEREST o TIKTOK,/,
    noPeriod: /^Resultat clau 1 \(followers\) no es pot valorar davant del seu historial sense un inici/,
    relevant: 'Serveix un objectiu de negoci, amb KPI recomanats per a Notorietat.',
    maxLength: 'ha de tenir com a màxim 200 caràcters; en té 201',
    summary: /^Dades no vàlides — input\.name: ha de tenir com a màxim 200 caràcters; en té 201\. No s’ha canviat res\.$/,
    titleError: /^Dades no vàlides — input\.title: ha de tenir com a màxim 300 caràcters; en té 301\./,
    forbidden: 'El teu rol en aquest espai de treball és Lector. Això necessita el rol Editor o superior. No s’ha canviat res.',
    forbiddenOwner: 'El teu rol en aquest espai de treball és Lector. Això necessita el rol Propietari. No s’ha canviat res.',
    notFound: /^No hi ha cap objectiu amb l’id \S+ al teu espai de treball\.$/,
    unauthenticated: /^Cal autenticar-se/,
    direction: 'un resultat clau que augmenta (INCREASE) apunta per sobre del seu punt de partida: l’objectiu 900 no és per sobre de 1200 (fes servir MAINTAIN per mantenir un nivell)',
  },
  it: {
    deadline: 'La scadenza 2099-02-01 non è successiva all’inizio 2099-03-01; spostala più avanti.',
    noAccount: /^Risultato chiave 1 \(followers\): non c’è ancora alcun account nel suo ambito, quindi nulla fornisce followers; collega un account di FACEBOOK, INSTAGRAM, X, LINKEDIN, PINTEREST o TIKTOK,/,
    noPeriod: /^Risultato chiave 1 \(followers\) non può essere valutato rispetto al suo storico senza un inizio/,
    relevant: 'Serve un obiettivo di business, con KPI consigliati per Notorietà.',
    maxLength: 'deve avere al massimo 200 caratteri; ne ha 201',
    summary: /^Dati non validi — input\.name: deve avere al massimo 200 caratteri; ne ha 201\. Non è stato cambiato nulla\.$/,
    titleError: /^Dati non validi — input\.title: deve avere al massimo 300 caratteri; ne ha 301\./,
    forbidden: 'Il tuo ruolo in questo spazio di lavoro è Lettore. Serve il ruolo Editor o superiore. Non è stato cambiato nulla.',
    forbiddenOwner: 'Il tuo ruolo in questo spazio di lavoro è Lettore. Serve il ruolo Proprietario. Non è stato cambiato nulla.',
    notFound: /^Non c’è alcun obiettivo con id \S+ nel tuo spazio di lavoro\.$/,
    unauthenticated: /^Serve l’autenticazione/,
    direction: 'un risultato chiave che aumenta (INCREASE) punta sopra il suo valore di partenza: l’obiettivo 900 non è sopra 1200 (usa MAINTAIN per mantenere un livello)',
  },
} as const;

/** A report's codes and params, which stay the same in every language. */
const machinePart = (report: any) => Object.fromEntries(['specific', 'measurable', 'attainable', 'realistic', 'relevant', 'timeBound'].map((l) => [l, {
  verdict: report[l].verdict, code: report[l].code, params: report[l].params, findings: report[l].findings.map((f: any) => ({ code: f.code, verdict: f.verdict, keyResult: f.keyResult, params: f.params })),
}]));

describe('the API words SMART reports and errors in the request’s Accept-Language', () => {
  let english: any;
  beforeAll(async () => {
    english = (await ask(null, editorToken, check, { input: draft() })).body.data.checkObjective;
    expect(english.timeBound.message).toBe('The deadline 2099-02-01 is not after the start 2099-03-01; move it later.');
  });

  for (const locale of ['es', 'ca', 'it'] as const) {
    const words = expected[locale];

    it(`${locale}: a SMART report's letters and findings, beside the same codes and params`, async () => {
      const answer = await ask(`${locale}-${locale.toUpperCase()},${locale};q=0.9,en;q=0.5`, editorToken, check, { input: draft() });
      const report = answer.body.data.checkObjective;
      expect(machinePart(report)).toEqual(machinePart(english));
      expect(report.timeBound).toMatchObject({ verdict: 'FAIL', code: 'DEADLINE_NOT_AFTER_START', message: words.deadline });
      expect(report.timeBound.findings[0].message).toBe(words.deadline);
      expect(report.measurable.code).toBe('NO_ACCOUNT_IN_SCOPE');
      expect(report.measurable.findings[0].message).toMatch(words.noAccount);
      expect(report.attainable.findings[0].message).toMatch(words.noPeriod);
      expect(report.relevant).toMatchObject({ verdict: 'PASS', code: 'RELEVANT_OK', message: words.relevant });
      for (const l of ['specific', 'measurable', 'attainable', 'realistic', 'relevant', 'timeBound']) {
        expect(report[l].message, l).not.toBe(english[l].message);
        expect(report[l].message, l).not.toMatch(/\{\w+\}|undefined|Key result/);
      }
    });

    it(`${locale}: input errors of a mutation and of a query's arguments, beside their rule and params`, async () => {
      const refused = (await ask(locale, editorToken, createPlan, { name: 'n'.repeat(201) })).body.data.createPlan;
      expect(refused.__typename).toBe('InputError');
      expect(refused.message).toMatch(words.summary);
      expect(refused.issues).toEqual([{ field: 'input.name', rule: 'max-length', message: words.maxLength, params: [{ name: 'maximum', value: '200' }, { name: 'kind', value: 'name' }, { name: 'length', value: '201' }] }]);

      const against = (await ask(locale, editorToken, addObjective, { goalId })).body.data.addObjective;
      expect(against.__typename).toBe('InputError');
      expect(against.issues).toEqual([{ field: 'input.keyResults[0].target', rule: 'direction', message: words.direction, params: [{ name: 'direction', value: 'INCREASE' }, { name: 'target', value: '900' }, { name: 'baseline', value: '1200' }] }]);

      const query = await ask(locale, editorToken, check, { input: { title: 't'.repeat(301) } });
      expect(query.body.data ?? null).toBeNull();
      expect(query.body.errors).toHaveLength(1);
      expect(query.body.errors![0]!.message).toMatch(words.titleError);
      expect(query.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', rule: 'max-length' });
      expect(query.body.errors![0]!.extensions.issues[0]).toMatchObject({ rule: 'max-length', message: words.maxLength.replace('200', '300').replace('201', '301'), params: { maximum: 300, length: 301 } });
    });

    it(`${locale}: FORBIDDEN naming the role, NOT_FOUND naming the kind, UNAUTHENTICATED; codes unchanged`, async () => {
      const forbidden = (await ask(locale, viewerToken, createPlan, { name: 'No' })).body.data.createPlan;
      expect(forbidden).toEqual({ __typename: 'ForbiddenError', message: words.forbidden, requiredRole: 'EDITOR' });
      const owners = await ask(locale, viewerToken, '{ apiTokens { id } }');
      expect(owners.body.errors?.[0]).toMatchObject({ message: words.forbiddenOwner, extensions: { code: 'FORBIDDEN', requiredRole: 'OWNER' } });

      const id = encodeGlobalID('Objective', randomUUID());
      const missing = (await ask(locale, editorToken, removeObjective, { id })).body.data.removeObjective;
      expect(missing).toEqual({ __typename: 'NotFoundError', id, message: expect.stringMatching(words.notFound) });
      expect(missing.message).toContain(id);

      const anonymous = await ask(locale, null, '{ plans { edges { node { id } } } }');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(words.unauthenticated), extensions: { code: 'UNAUTHENTICATED' } });
    });
  }

  it('words the errors of a subscription streamed over SSE', async () => {
    const response = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${editorToken}`, 'accept-language': 'es' },
      body: JSON.stringify({ query: 'subscription { keyResultEvaluated(planId: "garbage") { id } }' }),
    });
    const event = JSON.parse(/data: (.*)/.exec(await response.text())![1]!);
    expect(event.errors[0].message).toBe('Datos no válidos — planId: debe ser el id de un Plan, tal como lo devuelve la API. No se ha cambiado nada.');
    expect(event.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'planId', rule: 'id:Plan', message: 'debe ser el id de un Plan, tal como lo devuelve la API' }] });
  });

  it('keeps English for a request without Accept-Language or in a language it does not speak', async () => {
    for (const header of [null, 'de-DE, fr;q=0.8']) {
      const forbidden = (await ask(header, viewerToken, createPlan, { name: 'No' })).body.data.createPlan;
      expect(forbidden.message).toBe('Your role in this workspace is VIEWER. This needs the EDITOR role or higher. Nothing was changed.');
      const id = encodeGlobalID('Objective', randomUUID());
      expect((await ask(header, editorToken, removeObjective, { id })).body.data.removeObjective.message).toBe(`No objective ${id} in your workspace.`);
      expect((await ask(header, editorToken, check, { input: { title: 't'.repeat(301) } })).body.errors![0]!.message).toMatch(/^Invalid input — input\.title: must be at most 300 characters/);
    }
  });
});

describe('refusals before anything runs, in the request’s Accept-Language', () => {
  let limited: GatewayHarness;
  let http: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    limited = await startGatewayHarness('localized-limits', { edge: { queryLimits: { maxDepth: 3 }, rateLimits: { graphqlPerAddress: 2 } } });
    http = await serveOverHttp(limited);
    if (limited.deps.redis.status !== 'ready') await once(limited.deps.redis, 'ready');
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await limited?.close();
  });
  const post = (acceptLanguage: string, query: string) =>
    fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage }, body: JSON.stringify({ query }) });

  it('a query limit (QUERY_TOO_DEEP) and the rate limit (RATE_LIMITED), codes and numbers unchanged', async () => {
    const deepAnswer = await post('es', '{ plans { edges { node { goals { id } } } } }');
    const deep = (await deepAnswer.json()) as { errors: { message: string; extensions: any }[] };
    expect(deep.errors, JSON.stringify(deep).slice(0, 300)).toHaveLength(1);
    expect(deep.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 3 });
    expect(deep.errors[0]!.message).toBe(`La consulta anida demasiados niveles (límite 3, tiene ${deep.errors[0]!.extensions.found}): pide menos en una sola petición, o divídela.`);

    expect((await post('it', '{ __typename }')).status).toBe(200);
    const refused = await post('ca', '{ __typename }');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { errors: { message: string; extensions: any }[] };
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(body.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(body.errors[0]!.message).toBe(`Massa peticions: com a màxim 2 cada 60 s. Torna-ho a provar d’aquí a ${retryAfter} s.`);
  });
});
