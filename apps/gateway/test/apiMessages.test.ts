import { englishStatus, statusMessageCodes } from '@goalpost/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMessageCatalogs } from '../src/messages/messageCatalog.ts';
import { apiLocales, localeOfAcceptLanguage } from '../src/messages/requestLocale.ts';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
let token: string;
let objectiveId: string;

beforeAll(async () => {
  harness = await startGatewayHarness('api-messages');
  const ws = await harness.newWorkspace('Languages');
  token = ws.token;
  const planId = (await ws.gql(`mutation { createPlan(input: { name: "Next year", startsOn: "2099-01-01", endsOn: "2099-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id;
  const goalId = (await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: BRAND_VISIBILITY, title: "Be known" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId })).body.data.addBusinessGoal.goal.id;
  const added = await ws.gql(`mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Grow later", category: AWARENESS, framework: SMART, startsOn: "2099-01-01", deadline: "2099-06-30", keyResults: [] }) { __typename ... on AddObjectiveSuccess { objective { id } } ... on InputError { message } } }`, { goalId });
  expect(added.body.data.addObjective.__typename).toBe('AddObjectiveSuccess');
  objectiveId = added.body.data.addObjective.objective.id;
}, 60_000);
afterAll(async () => harness?.close());

async function ask(acceptLanguage: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await harness.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any };
}

const badPlan = `mutation { createPlan(input: { name: "", startsOn: "2026-01-01", endsOn: "2026-06-01" }) {
  __typename ... on InputError { message issues { field rule message params { name value number } } } } }`;
const badDates = `mutation { createPlan(input: { name: "Backwards", startsOn: "2026-06-01", endsOn: "2026-01-01" }) {
  __typename ... on InputError { message issues { field rule message } } } }`;
const badInvitation = `mutation { inviteMember(input: { email: "not-an-email", role: EDITOR }) {
  __typename ... on InputError { message issues { field rule message params { name value } } } } }`;
const status = `query($id: ID!) { node(id: $id) { ... on Objective { status statusCode statusText statusParams { name number } } } }`;

/** What each language says, for the statuses and rules the requests below meet. */
const expected = {
  en: { noData: 'No data yet: connect or push the metrics its key results read.', summary: /^Invalid input — input\.name: must not be empty\. Nothing was changed\.$/, notEmpty: 'must not be empty', after: /must be after/, email: 'must be an email address' },
  es: { noData: 'Aún no hay datos: conecta o envía las métricas que leen sus resultados clave.', summary: /^Datos no válidos — input\.name: no puede estar vacío\. No se ha cambiado nada\.$/, notEmpty: 'no puede estar vacío', after: /^debe ser posterior a startsOn$/, email: 'debe ser una dirección de correo electrónico' },
  ca: { noData: 'Encara no hi ha dades: connecta o envia les mètriques que llegeixen els seus resultats clau.', summary: /^Dades no vàlides — input\.name: no pot estar buit\. No s’ha canviat res\.$/, notEmpty: 'no pot estar buit', after: /^ha de ser posterior a startsOn$/, email: 'ha de ser una adreça de correu electrònic' },
  it: { noData: 'Ancora nessun dato: collega o invia le metriche lette dai suoi risultati chiave.', summary: /^Dati non validi — input\.name: non può essere vuoto\. Non è stato cambiato nulla\.$/, notEmpty: 'non può essere vuoto', after: /^deve essere successivo a startsOn$/, email: 'deve essere un indirizzo email' },
} as const;

describe('the API words its messages in the request’s Accept-Language', () => {
  it('chooses the best of en, es, ca, it by the client’s preferences, English otherwise', () => {
    expect(localeOfAcceptLanguage('es-ES,es;q=0.9,en;q=0.8')).toBe('es');
    expect(localeOfAcceptLanguage('fr-FR, ca;q=0.5, en;q=0.2')).toBe('ca');
    expect(localeOfAcceptLanguage('en;q=0.1, it-IT;q=0.9')).toBe('it');
    expect(localeOfAcceptLanguage('de-DE, fr')).toBe('en');
    expect(localeOfAcceptLanguage('')).toBe('en');
    expect(localeOfAcceptLanguage(null)).toBe('en');
  });

  it('has every status code and the same rules in every language, none left in English', () => {
    const params = { score: 0.65, successFrom: 0.6, grade: 'YELLOW' };
    for (const locale of apiLocales.filter((l) => l !== 'en')) {
      const catalog = apiMessageCatalogs[locale];
      for (const code of statusMessageCodes) {
        const text = catalog.status({ code, params });
        expect(text, `${locale} ${code}`).not.toBe(code);
        expect(text, `${locale} ${code}`).not.toBe(englishStatus({ code, params }));
      }
      expect(Object.keys(catalog.inputRules).sort(), locale).toEqual(Object.keys(apiMessageCatalogs.es.inputRules).sort());
    }
  });

  for (const locale of apiLocales) {
    const words = expected[locale];
    it(`${locale}: statusText beside its code and params, and input errors beside their rule and params`, async () => {
      const objective = (await ask(`${locale};q=1, en;q=0.5`, status, { id: objectiveId })).data.node;
      expect(objective).toMatchObject({ status: 'NO_DATA', statusCode: 'NO_DATA', statusText: words.noData });
      expect(objective.statusParams.map((p: { name: string }) => p.name).sort()).toEqual(['grade', 'score', 'successFrom']);

      const refused = (await ask(locale, badPlan)).data.createPlan;
      expect(refused.__typename).toBe('InputError');
      expect(refused.message).toMatch(words.summary);
      expect(refused.issues).toEqual([{ field: 'input.name', rule: 'not-empty', message: words.notEmpty, params: [] }]);
      const backwards = (await ask(locale, badDates)).data.createPlan;
      expect(backwards.issues).toHaveLength(1);
      expect(backwards.issues[0].rule).toBe('after:startsOn');
      expect(backwards.issues[0].message).toMatch(words.after);

      const invitation = (await ask(locale, badInvitation)).data.inviteMember;
      const email = invitation.issues.find((i: { field: string }) => i.field === 'input.email');
      expect(email).toMatchObject({ rule: 'invalid_format', message: words.email });
      expect(email.params).toContainEqual({ name: 'format', value: 'email' });
    });
  }

  it('answers English to a request without Accept-Language, as before', async () => {
    expect((await ask(null, status, { id: objectiveId })).data.node.statusText).toBe(expected.en.noData);
    expect((await ask(null, badPlan)).data.createPlan.message).toMatch(expected.en.summary);
  });
});
