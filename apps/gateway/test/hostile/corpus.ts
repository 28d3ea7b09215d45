import { addDays, dayOf } from '@goalpost/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { HostileFixtures } from './hostileFixtures.ts';

/**
 * The hostile-input corpus: requests a careless or hostile client sends, each with the answer it must
 * get. Every case must change nothing (no row, no job), answer without a 5xx and within 5 s; the runner
 * (hostileInputs.test.ts) proves it for each. Add cases with every new field, argument or route.
 */
export interface HostileCase {
  name: string;
  request: HostileRequest;
  expect: Expected;
}

type F = HostileFixtures;
type Vars = (f: F) => Record<string, unknown>;

export type HostileRequest =
  /** POST /graphql as JSON; `rawBody` when JSON.stringify cannot say it (1e400). */
  | { kind: 'graphql'; query: string; variables?: Vars; rawBody?: (f: F) => string }
  /** A subscription over SSE (Accept: text/event-stream). */
  | { kind: 'subscription'; query: string; variables?: Vars }
  /** POST /webhooks/metrics, signed with the workspace's secret unless told otherwise. */
  | { kind: 'metricsWebhook'; body: (f: F) => string; id?: string; timestamp?: number; signWith?: 'own' | 'wrong' | 'none'; contentType?: string }
  /** /webhooks/meta, signed with the configured app secret unless told otherwise. */
  | { kind: 'metaWebhook'; method: 'GET' | 'POST' | 'PUT'; query?: string; body?: string; signature?: 'good' | 'bad' | 'none' }
  /** importMetrics as a GraphQL multipart upload. */
  | { kind: 'upload'; accountId: (f: F) => string; fileName: string; content: string | Uint8Array }
  /** GET (or another method) of a plan report path, with the workspace's token unless told otherwise. */
  | { kind: 'report'; path: (f: F) => string; method?: string; token?: 'own' | 'none' | 'bogus'; headers?: Record<string, string> };

export interface Expected {
  status: number;
  /** The payload's __typename: InputError, NotFoundError, MetricImportRefused. */
  typename?: string;
  /** A GraphQL error's extensions.code (query fields, variables, subscriptions). */
  code?: string;
  /** A GraphQL error from the GraphQL machinery itself (validation, coercion of built-in scalars): any code but INTERNAL_SERVER_ERROR. */
  graphqlError?: true;
  /** The rule broken, among the issues (or extensions.rule, or the webhook's issues). */
  rule?: string;
  /** The field named with that rule. */
  field?: string;
  /** The field answers null without an error (node ids that name nothing). */
  nullData?: true;
}

// ---- how requests are written -------------------------------------------------------------------

const refusal = '__typename ... on Error { message } ... on InputError { issues { field rule } }';

const mutation = (field: string, inputType: string, input: (f: F) => Record<string, unknown>): HostileRequest => ({
  kind: 'graphql',
  query: `mutation($input: ${inputType}!) { ${field}(input: $input) { ${refusal} } }`,
  variables: (f) => ({ input: input(f) }),
});
const mutationOfId = (field: string, id: (f: F) => string): HostileRequest => ({
  kind: 'graphql',
  query: `mutation($id: ID!) { ${field}(id: $id) { ${refusal} } }`,
  variables: (f) => ({ id: id(f) }),
});
const query = (text: string, variables?: Vars): HostileRequest => ({ kind: 'graphql', query: text, ...(variables ? { variables } : {}) });

const inputError = (rule: string, field?: string): Expected => ({ status: 200, typename: 'InputError', rule, ...(field ? { field } : {}) });
const notFound: Expected = { status: 200, typename: 'NotFoundError' };
const badUserInput = (rule?: string, field?: string): Expected => ({ status: 200, code: 'BAD_USER_INPUT', ...(rule ? { rule } : {}), ...(field ? { field } : {}) });
/** A bad value of a custom scalar (Date, DateTime, File) in the variables: refused before execution, as a 400. */
const badVariable = (rule: string): Expected => ({ status: 400, code: 'BAD_USER_INPUT', rule });
/** Refused by GraphQL itself: a variable of the wrong type (400) or a literal the schema does not take (200, validation). */
const badVariableType: Expected = { status: 400, graphqlError: true };
const invalidDocument: Expected = { status: 200, graphqlError: true };

const plan = (_f: F, extra: Record<string, unknown> = {}) => ({ name: 'Plan', startsOn: '2027-01-01', endsOn: '2027-03-31', ...extra });
const objective = (f: F, extra: Record<string, unknown> = {}) => ({
  goalId: f.goal, title: 'Objective', category: 'AWARENESS', framework: 'SMART', startsOn: '2026-10-01', deadline: '2026-12-31', ...extra,
});
const keyResult = (extra: Record<string, unknown> = {}) => ({ metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', target: 500, ...extra });
const addKeyResult = (kr: Record<string, unknown>) => mutation('addKeyResult', 'AddKeyResultInput', (f) => ({ objectiveId: f.objective, keyResult: kr }));

// ---- text fields: each names its kind and so its limit ------------------------------------------

interface TextField {
  name: string;
  kind: 'single' | 'multi';
  max: number;
  required: boolean;
  field: string;
  request: (value: string) => HostileRequest;
}

const textFields: TextField[] = [
  { name: 'createPlan.name', kind: 'single', max: 200, required: true, field: 'input.name', request: (v) => mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { name: v })) },
  { name: 'createPlan.description', kind: 'multi', max: 5000, required: false, field: 'input.description', request: (v) => mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { description: v })) },
  { name: 'updatePlan.name', kind: 'single', max: 200, required: true, field: 'input.name', request: (v) => mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: f.plan, name: v })) },
  { name: 'updatePlan.description', kind: 'multi', max: 5000, required: false, field: 'input.description', request: (v) => mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: f.plan, description: v })) },
  { name: 'addBusinessGoal.title', kind: 'single', max: 300, required: true, field: 'input.title', request: (v) => mutation('addBusinessGoal', 'AddBusinessGoalInput', (f) => ({ planId: f.plan, kind: 'REVENUE', title: v })) },
  { name: 'addBusinessGoal.description', kind: 'multi', max: 5000, required: false, field: 'input.description', request: (v) => mutation('addBusinessGoal', 'AddBusinessGoalInput', (f) => ({ planId: f.plan, kind: 'REVENUE', title: 'Goal', description: v })) },
  { name: 'addObjective.title', kind: 'single', max: 300, required: true, field: 'input.title', request: (v) => mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { title: v })) },
  { name: 'updateObjective.title', kind: 'single', max: 300, required: true, field: 'input.title', request: (v) => mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, title: v })) },
  { name: 'addTheme.title', kind: 'single', max: 300, required: true, field: 'input.title', request: (v) => mutation('addTheme', 'AddThemeInput', (f) => ({ objectiveId: f.objective, title: v })) },
  { name: 'addTheme.description', kind: 'multi', max: 5000, required: false, field: 'input.description', request: (v) => mutation('addTheme', 'AddThemeInput', (f) => ({ objectiveId: f.objective, title: 'Theme', description: v })) },
  { name: 'addContentItem.title', kind: 'single', max: 300, required: true, field: 'input.title', request: (v) => mutation('addContentItem', 'AddContentItemInput', (f) => ({ themeId: f.theme, title: v })) },
  { name: 'connectAccount.handle', kind: 'single', max: 200, required: true, field: 'input.handle', request: (v) => mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: v, source: 'MANUAL' })) },
  { name: 'connectAccount.externalId', kind: 'single', max: 100, required: true, field: 'input.externalId', request: (v) => mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'FACEBOOK', handle: 'page', source: 'MANUAL', externalId: v })) },
  {
    name: 'connectAccount.credentials.accessToken', kind: 'single', max: 8192, required: true, field: 'input.credentials.accessToken',
    request: (v) => mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@tokened', source: 'CONNECTOR', credentials: { accessToken: v } })),
  },
  {
    name: 'connectAccount.credentials.refreshToken', kind: 'single', max: 8192, required: true, field: 'input.credentials.refreshToken',
    request: (v) => mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@tokened', source: 'CONNECTOR', credentials: { accessToken: 'ok', refreshToken: v } })),
  },
];

function textCases(): HostileCase[] {
  return textFields.flatMap((t) => {
    const hostile: [string, string, string][] = [
      ['a NUL byte', 'Q1\u0000plan', 'control-characters'],
      ['a bell control character', 'ring\u0007', 'control-characters'],
      ['a C1 control character', 'next\u0085line', 'control-characters'],
      ['half a surrogate pair', 'broken \ud800 text', 'unicode'],
      [`${t.max + 1} characters`, 'x'.repeat(t.max + 1), 'max-length'],
      ...(t.kind === 'single' ? [['a line break', 'two\nlines', 'control-characters'] as [string, string, string]] : []),
      ...(t.required ? [['only spaces', '   ', 'not-empty'] as [string, string, string]] : []),
    ];
    return hostile.map(([what, value, rule]) => ({ name: `${t.name} with ${what}`, request: t.request(value), expect: inputError(rule, t.field) }));
  });
}

const urlCases: HostileCase[] = [
  ['javascript:', 'javascript:alert(document.cookie)', 'url-scheme'],
  ['data:', 'data:text/html,<script>alert(1)</script>', 'url-scheme'],
  ['file:', 'file:///etc/passwd', 'url-scheme'],
  ['ftp:', 'ftp://example.com/post', 'url-scheme'],
  ['a relative path', '/p/1', 'url'],
  ['no host', 'https://', 'url'],
  ['spaces', 'https://exa mple.com/p', 'url'],
  ['a NUL byte', 'https://example.com/\u0000', 'control-characters'],
  ['2049 characters', `https://example.com/${'a'.repeat(2030)}`, 'max-length'],
].map(([what, url, rule]) => ({
  name: `addContentItem.url with ${what}`,
  request: mutation('addContentItem', 'AddContentItemInput', (f) => ({ themeId: f.theme, title: 'Post', url })),
  expect: inputError(rule!, 'input.url'),
}));

// ---- ids: malformed, of another type, a Plan id that is no uuid, another workspace's -------------

interface IdArgument {
  name: string;
  type: string;
  field: string;
  request: (id: (f: F) => string) => HostileRequest;
  own: (f: F) => string;
  /** Another workspace's object: NotFoundError, or an InputError where the id is a reference inside the input. */
  foreign: (f: F) => string;
  foreignExpect?: Expected;
  /** Upload requests cannot carry every variant. */
}

const idArguments: IdArgument[] = [
  { name: 'updatePlan.id', type: 'Plan', field: 'input.id', own: (f) => f.plan, foreign: (f) => f.foreign.plan, request: (id) => mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: id(f), name: 'Renamed' })) },
  { name: 'archivePlan(id)', type: 'Plan', field: 'id', own: (f) => f.plan, foreign: (f) => f.foreign.plan, request: (id) => mutationOfId('archivePlan', id) },
  { name: 'evaluatePlan(id)', type: 'Plan', field: 'id', own: (f) => f.plan, foreign: (f) => f.foreign.plan, request: (id) => mutationOfId('evaluatePlan', id) },
  { name: 'addBusinessGoal.planId', type: 'Plan', field: 'input.planId', own: (f) => f.plan, foreign: (f) => f.foreign.plan, request: (id) => mutation('addBusinessGoal', 'AddBusinessGoalInput', (f) => ({ planId: id(f), kind: 'REVENUE', title: 'Goal' })) },
  { name: 'addObjective.goalId', type: 'BusinessGoal', field: 'input.goalId', own: (f) => f.goal, foreign: (f) => f.foreign.goal, request: (id) => mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { goalId: id(f) })) },
  { name: 'updateObjective.id', type: 'Objective', field: 'input.id', own: (f) => f.objective, foreign: (f) => f.foreign.objective, request: (id) => mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: id(f), title: 'Renamed' })) },
  { name: 'addKeyResult.objectiveId', type: 'Objective', field: 'input.objectiveId', own: (f) => f.objective, foreign: (f) => f.foreign.objective, request: (id) => mutation('addKeyResult', 'AddKeyResultInput', (f) => ({ objectiveId: id(f), keyResult: keyResult() })) },
  {
    name: 'addKeyResult.keyResult.accountId', type: 'SocialAccount', field: 'input.keyResult.accountId', own: (f) => f.manualAccount, foreign: (f) => f.foreign.account,
    foreignExpect: inputError('exists', 'input.keyResult.accountId'),
    request: (id) => mutation('addKeyResult', 'AddKeyResultInput', (f) => ({ objectiveId: f.objective, keyResult: { metric: 'followers', accountId: id(f), direction: 'INCREASE', target: 500 } })),
  },
  {
    name: 'addObjective.keyResults[0].accountId', type: 'SocialAccount', field: 'input.keyResults[0].accountId', own: (f) => f.manualAccount, foreign: (f) => f.foreign.account,
    foreignExpect: inputError('exists', 'input.keyResults[0].accountId'),
    request: (id) => mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { keyResults: [{ metric: 'followers', accountId: id(f), direction: 'INCREASE', target: 500 }] })),
  },
  { name: 'refreshAccount(id)', type: 'SocialAccount', field: 'id', own: (f) => f.manualAccount, foreign: (f) => f.foreign.account, request: (id) => mutationOfId('refreshAccount', id) },
  { name: 'reauthorizeAccount(id)', type: 'SocialAccount', field: 'id', own: (f) => f.manualAccount, foreign: (f) => f.foreign.account, request: (id) => mutationOfId('reauthorizeAccount', id) },
  {
    name: 'recordMetrics.accountId', type: 'SocialAccount', field: 'input.accountId', own: (f) => f.manualAccount, foreign: (f) => f.foreign.account,
    request: (id) => mutation('recordMetrics', 'RecordMetricsInput', (f) => ({ accountId: id(f), points: [{ metric: 'followers', at: '2026-11-01', value: 5 }] })),
  },
  { name: 'acknowledgeAlert(id)', type: 'Alert', field: 'id', own: (f) => f.alert, foreign: (f) => f.foreign.alert, request: (id) => mutationOfId('acknowledgeAlert', id) },
  { name: 'resolveAlert(id)', type: 'Alert', field: 'id', own: (f) => f.alert, foreign: (f) => f.foreign.alert, request: (id) => mutationOfId('resolveAlert', id) },
  { name: 'addTheme.objectiveId', type: 'Objective', field: 'input.objectiveId', own: (f) => f.objective, foreign: (f) => f.foreign.objective, request: (id) => mutation('addTheme', 'AddThemeInput', (f) => ({ objectiveId: id(f), title: 'Theme' })) },
  { name: 'addContentItem.themeId', type: 'Theme', field: 'input.themeId', own: (f) => f.theme, foreign: (f) => f.foreign.theme, request: (id) => mutation('addContentItem', 'AddContentItemInput', (f) => ({ themeId: id(f), title: 'Post' })) },
  {
    name: 'recordContentResults.contentItemId', type: 'ContentItem', field: 'input.contentItemId', own: (f) => f.contentItem, foreign: (f) => f.foreign.contentItem,
    request: (id) => mutation('recordContentResults', 'RecordContentResultsInput', (f) => ({ contentItemId: id(f), results: [{ metric: 'reach', value: 10 }] })),
  },
];

function idCases(): HostileCase[] {
  return idArguments.flatMap((a) => {
    const rule = `id:${a.type}`;
    const otherType = a.type === 'Plan' ? 'Objective' : 'Plan';
    return [
      { name: `${a.name}: not a global id`, request: a.request(() => 'nope'), expect: inputError(rule, a.field) },
      { name: `${a.name}: a ${a.type} id that is no uuid`, request: a.request(() => encodeGlobalID(a.type, 'abc')), expect: inputError(rule, a.field) },
      { name: `${a.name}: the id of a ${otherType}`, request: a.request((f) => (otherType === 'Plan' ? f.plan : f.objective)), expect: inputError(rule, a.field) },
      { name: `${a.name}: another workspace's ${a.type}`, request: a.request(a.foreign), expect: a.foreignExpect ?? notFound },
    ];
  });
}

// ---- dates, numbers, rules across fields ---------------------------------------------------------

const dateCases: HostileCase[] = [
  ...([
    ['0000-01-01', 'date-range'],
    ['1969-12-31', 'date-range'],
    ['2201-01-01', 'date-range'],
    ['2026-02-30', 'date'],
    ['2026-1-1', 'date'],
    ['', 'date'],
    ['tomorrow', 'date'],
  ] as const).map(([day, rule]) => ({ name: `createPlan.startsOn "${day}"`, request: mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { startsOn: day })), expect: badVariable(rule) })),
  { name: 'createPlan.startsOn as a number', request: mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { startsOn: 20270101 })), expect: badVariable('date') },
  { name: 'createPlan ending before it starts', request: mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { startsOn: '2027-03-31', endsOn: '2027-01-01' })), expect: inputError('after:startsOn', 'input.endsOn') },
  { name: 'createPlan ending the day it starts', request: mutation('createPlan', 'CreatePlanInput', (f) => plan(f, { startsOn: '2027-03-31', endsOn: '2027-03-31' })), expect: inputError('after:startsOn', 'input.endsOn') },
  { name: 'createPlan.startsOn "0000-01-01" written in the query', request: query('mutation { createPlan(input: { name: "P", startsOn: "0000-01-01", endsOn: "2027-01-01" }) { __typename } }'), expect: { status: 200, code: 'BAD_USER_INPUT', rule: 'date-range' } },
  { name: 'updatePlan.endsOn before the stored start', request: mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: f.plan, endsOn: '2026-09-01' })), expect: inputError('after:startsOn', 'input.endsOn') },
  { name: 'updatePlan.endsOn "2201-01-01"', request: mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: f.plan, endsOn: '2201-01-01' })), expect: badVariable('date-range') },
  { name: 'addObjective.deadline before its start', request: mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { deadline: '2026-09-01' })), expect: inputError('after:startsOn', 'input.deadline') },
  { name: 'addObjective.startsOn "0000-01-01"', request: mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { startsOn: '0000-01-01' })), expect: badVariable('date-range') },
  { name: 'updateObjective.deadline before the stored start', request: mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, deadline: '2026-01-01' })), expect: inputError('after:startsOn', 'input.deadline') },
  { name: 'addContentItem.publishedOn "0000-01-01"', request: mutation('addContentItem', 'AddContentItemInput', (f) => ({ themeId: f.theme, title: 'Post', publishedOn: '0000-01-01' })), expect: badVariable('date-range') },
  { name: 'recordMetrics point dated "0000-01-01"', request: mutation('recordMetrics', 'RecordMetricsInput', (f) => ({ accountId: f.manualAccount, points: [{ metric: 'followers', at: '0000-01-01', value: 5 }] })), expect: badVariable('date-range') },
  {
    name: 'recordMetrics point three days ahead', expect: inputError('not-future', 'input.points[0].at'),
    request: mutation('recordMetrics', 'RecordMetricsInput', (f) => ({ accountId: f.manualAccount, points: [{ metric: 'followers', at: addDays(dayOf(new Date()), 3), value: 5 }] })),
  },
  ...([
    ['0000-01-01T00:00:00Z', 'date-range'],
    ['2201-01-01T00:00:00Z', 'date-range'],
    ['tomorrow', 'date-time'],
    ['2026-11-01', 'date-time'],
    ['2026-11-01T10:00:00', 'date-time'],
    ['2026-02-30T10:00:00Z', 'date-time'],
  ] as const).map(([at, rule]) => ({
    name: `connectAccount.credentials.expiresAt "${at}"`,
    request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@exp', source: 'CONNECTOR', credentials: { accessToken: 't', expiresAt: at } })),
    expect: badVariable(rule),
  })),
];

const recordMetricsOf = (points: unknown[]) => mutation('recordMetrics', 'RecordMetricsInput', (f) => ({ accountId: f.manualAccount, points }));

const numberCases: HostileCase[] = [
  { name: 'recordMetrics: a negative follower count', request: recordMetricsOf([{ metric: 'followers', at: '2026-11-01', value: -1 }]), expect: inputError('range', 'input.points[0].value') },
  { name: 'recordMetrics: CSAT of 101 %', request: recordMetricsOf([{ metric: 'csat', at: '2026-11-01', value: 101 }]), expect: inputError('range', 'input.points[0].value') },
  { name: 'recordMetrics: NPS of -101', request: recordMetricsOf([{ metric: 'nps', at: '2026-11-01', value: -101 }]), expect: inputError('range', 'input.points[0].value') },
  { name: 'recordMetrics: a count beyond 2^53', request: recordMetricsOf([{ metric: 'followers', at: '2026-11-01', value: 1e300 }]), expect: inputError('magnitude', 'input.points[0].value') },
  { name: 'recordMetrics: a metric not in the catalog', request: recordMetricsOf([{ metric: 'vibes', at: '2026-11-01', value: 1 }]), expect: inputError('catalog', 'input.points[0].metric') },
  { name: 'recordMetrics: a derived KPI', request: recordMetricsOf([{ metric: 'engagement_rate_by_reach', at: '2026-11-01', value: 1 }]), expect: inputError('raw', 'input.points[0].metric') },
  { name: 'recordMetrics: a 10 kB metric name with NUL', request: recordMetricsOf([{ metric: `\u0000${'m'.repeat(10_000)}`, at: '2026-11-01', value: 1 }]), expect: inputError('catalog', 'input.points[0].metric') },
  { name: 'recordMetrics: no points', request: recordMetricsOf([]), expect: inputError('too_small', 'input.points') },
  { name: 'recordMetrics: 10,001 points', request: recordMetricsOf(Array.from({ length: 10_001 }, () => ({ metric: 'reach', at: '2026-11-01', value: 1 }))), expect: inputError('too_big', 'input.points') },
  { name: 'recordMetrics: one good point and one bad (all or nothing)', request: recordMetricsOf([{ metric: 'reach', at: '2026-11-01', value: 1 }, { metric: 'reach', at: '2026-11-02', value: -5 }]), expect: inputError('range', 'input.points[1].value') },
  {
    name: 'recordMetrics: value 1e400 (Infinity once parsed)', expect: badVariableType,
    request: { kind: 'graphql', query: 'mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }', rawBody: (f) => `{"query":"mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }","variables":{"input":{"accountId":"${f.manualAccount}","points":[{"metric":"followers","at":"2026-11-01","value":1e400}]}}}` },
  },
  { name: 'recordMetrics: value as a string', request: recordMetricsOf([{ metric: 'followers', at: '2026-11-01', value: '12' }]), expect: badVariableType },
  { name: 'recordContentResults: a level metric', request: mutation('recordContentResults', 'RecordContentResultsInput', (f) => ({ contentItemId: f.contentItem, results: [{ metric: 'followers', value: 3 }] })), expect: inputError('flow-metric', 'input.results[0].metric') },
  { name: 'recordContentResults: a negative value', request: mutation('recordContentResults', 'RecordContentResultsInput', (f) => ({ contentItemId: f.contentItem, results: [{ metric: 'reach', value: -3 }] })), expect: inputError('range', 'input.results[0].value') },
  { name: 'recordContentResults: no results', request: mutation('recordContentResults', 'RecordContentResultsInput', (f) => ({ contentItemId: f.contentItem, results: [] })), expect: inputError('too_small', 'input.results') },
  { name: 'recordContentResults: 101 results', request: mutation('recordContentResults', 'RecordContentResultsInput', (f) => ({ contentItemId: f.contentItem, results: Array.from({ length: 101 }, () => ({ metric: 'reach', value: 1 })) })), expect: inputError('too_big', 'input.results') },
  { name: 'updateObjective.budget: a negative amount', request: mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, budget: { amount: -5, currency: 'EUR' } })), expect: inputError('range', 'input.budget.amount') },
  { name: 'updateObjective.budget: 10^13', request: mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, budget: { amount: 1e13, currency: 'EUR' } })), expect: inputError('range', 'input.budget.amount') },
  { name: 'updateObjective.budget: currency "eur"', request: mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, budget: { amount: 5, currency: 'eur' } })), expect: inputError('currency', 'input.budget.currency') },
  { name: 'updateObjective.budget: currency with NUL', request: mutation('updateObjective', 'UpdateObjectiveInput', (f) => ({ id: f.objective, budget: { amount: 5, currency: 'E\u0000R' } })), expect: inputError('currency', 'input.budget.currency') },
];

const thresholds = (t: Record<string, unknown>) => mutation('updatePlan', 'UpdatePlanInput', (f) => ({ id: f.plan, thresholds: t }));
const thresholdCases: HostileCase[] = [
  { name: 'updatePlan: offTrack 0.1 below the stored atRisk 0.3', request: thresholds({ offTrackTolerance: 0.1 }), expect: inputError('offTrack>=atRisk', 'input.thresholds.offTrackTolerance') },
  { name: 'updatePlan: atRisk 0.5 above the stored offTrack 0.4', request: thresholds({ atRiskTolerance: 0.5 }), expect: inputError('offTrack>=atRisk', 'input.thresholds.atRiskTolerance') },
  { name: 'updatePlan: offTrack below atRisk in one input', request: thresholds({ atRiskTolerance: 0.6, offTrackTolerance: 0.5 }), expect: inputError('offTrack>=atRisk', 'input.thresholds.offTrackTolerance') },
  { name: 'updatePlan: atRisk -0.1', request: thresholds({ atRiskTolerance: -0.1 }), expect: inputError('range', 'input.thresholds.atRiskTolerance') },
  { name: 'updatePlan: offTrack 1.5', request: thresholds({ offTrackTolerance: 1.5 }), expect: inputError('range', 'input.thresholds.offTrackTolerance') },
  { name: 'updatePlan: deadlineNearDays -1', request: thresholds({ deadlineNearDays: -1 }), expect: inputError('range', 'input.thresholds.deadlineNearDays') },
  { name: 'updatePlan: deadlineNearDays 366', request: thresholds({ deadlineNearDays: 366 }), expect: inputError('range', 'input.thresholds.deadlineNearDays') },
  { name: 'updatePlan: staleAfterDays 0', request: thresholds({ staleAfterDays: 0 }), expect: inputError('range', 'input.thresholds.staleAfterDays') },
  { name: 'updatePlan: forecastWindowDays 3', request: thresholds({ forecastWindowDays: 3 }), expect: inputError('range', 'input.thresholds.forecastWindowDays') },
  { name: 'updatePlan: forecastMinConfidence 2', request: thresholds({ forecastMinConfidence: 2 }), expect: inputError('range', 'input.thresholds.forecastMinConfidence') },
  { name: 'updatePlan: deadlineNearDays 2^31', request: thresholds({ deadlineNearDays: 2 ** 31 }), expect: badVariableType },
];

const keyResultCases: HostileCase[] = [
  { name: 'addKeyResult: DECREASE with baseline 10 and target 20', request: addKeyResult({ metric: 'cost_per_lead', platform: 'FACEBOOK', direction: 'DECREASE', baseline: 10, target: 20 }), expect: inputError('direction', 'input.keyResult.target') },
  { name: 'addKeyResult: INCREASE with target -1e12 below its baseline', request: addKeyResult({ metric: 'net_follower_growth', platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 5, target: -1e12 }), expect: inputError('direction', 'input.keyResult.target') },
  { name: 'addKeyResult: INCREASE followers to -1e12', request: addKeyResult(keyResult({ target: -1e12 })), expect: inputError('range', 'input.keyResult.target') },
  { name: 'addKeyResult: INCREASE with target below baseline', request: addKeyResult(keyResult({ baseline: 100, target: 50 })), expect: inputError('direction', 'input.keyResult.target') },
  { name: 'addKeyResult: INCREASE with target equal to baseline', request: addKeyResult(keyResult({ baseline: 100, target: 100 })), expect: inputError('direction', 'input.keyResult.target') },
  { name: 'addKeyResult: INCREASE by -10 %', request: addKeyResult(keyResult({ target: null, targetChangePercent: -10 })), expect: inputError('direction', 'input.keyResult.targetChangePercent') },
  { name: 'addKeyResult: DECREASE bounce rate by +10 %', request: addKeyResult({ metric: 'bounce_rate', platform: 'WEBSITE', direction: 'DECREASE', targetChangePercent: 10 }), expect: inputError('direction', 'input.keyResult.targetChangePercent') },
  { name: 'addKeyResult: CSAT target 120 %', request: addKeyResult({ metric: 'csat', platform: 'OTHER', direction: 'INCREASE', baseline: 80, target: 120 }), expect: inputError('range', 'input.keyResult.target') },
  { name: 'addKeyResult: a negative baseline of followers', request: addKeyResult(keyResult({ baseline: -5 })), expect: inputError('range', 'input.keyResult.baseline') },
  { name: 'addKeyResult: target 1e300 of a KPI', request: addKeyResult({ metric: 'reach_per_post', platform: 'INSTAGRAM', direction: 'INCREASE', target: 1e300 }), expect: inputError('magnitude', 'input.keyResult.target') },
  { name: 'addKeyResult: weight 0', request: addKeyResult(keyResult({ weight: 0 })), expect: inputError('range', 'input.keyResult.weight') },
  { name: 'addKeyResult: weight -1', request: addKeyResult(keyResult({ weight: -1 })), expect: inputError('range', 'input.keyResult.weight') },
  { name: 'addKeyResult: weight 1e6', request: addKeyResult(keyResult({ weight: 1e6 })), expect: inputError('range', 'input.keyResult.weight') },
  { name: 'addKeyResult: -100 %', request: addKeyResult(keyResult({ target: null, targetChangePercent: -100 })), expect: inputError('range', 'input.keyResult.targetChangePercent') },
  { name: 'addKeyResult: +1e9 %', request: addKeyResult(keyResult({ target: null, targetChangePercent: 1e9 })), expect: inputError('range', 'input.keyResult.targetChangePercent') },
  { name: 'addKeyResult: both target and percent', request: addKeyResult(keyResult({ targetChangePercent: 10 })), expect: inputError('exclusive:target', 'input.keyResult.targetChangePercent') },
  { name: 'addKeyResult: no scope', request: addKeyResult({ metric: 'followers', direction: 'INCREASE', target: 5 }), expect: inputError('scope', 'input.keyResult.accountId') },
  { name: 'addKeyResult: a metric not in the catalog', request: addKeyResult(keyResult({ metric: 'vibes' })), expect: inputError('catalog', 'input.keyResult.metric') },
  { name: 'addKeyResult: direction "SIDEWAYS"', request: addKeyResult(keyResult({ direction: 'SIDEWAYS' })), expect: badVariableType },
  {
    name: 'addKeyResult: target 1e400', expect: badVariableType,
    request: { kind: 'graphql', query: '', rawBody: (f) => `{"query":"mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { __typename } }","variables":{"input":{"objectiveId":"${f.objective}","keyResult":{"metric":"followers","platform":"INSTAGRAM","direction":"INCREASE","target":1e400}}}}` },
  },
  { name: 'addObjective: DECREASE key result with target above baseline', request: mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { keyResults: [{ metric: 'cost_per_lead', platform: 'FACEBOOK', direction: 'DECREASE', baseline: 10, target: 20 }] })), expect: inputError('direction', 'input.keyResults[0].target') },
  { name: 'addObjective: a bad second key result refuses the first too', request: mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { keyResults: [keyResult(), keyResult({ weight: 0 })] })), expect: inputError('range', 'input.keyResults[1].weight') },
  { name: 'addObjective: 21 key results', request: mutation('addObjective', 'AddObjectiveInput', (f) => objective(f, { keyResults: Array.from({ length: 21 }, () => keyResult()) })), expect: inputError('too_big', 'input.keyResults') },
];

const accountCases: HostileCase[] = [
  { name: 'connectAccount: reconnecting a CONNECTOR account without an OAuth app keeps its credentials', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@connected', source: 'CONNECTOR' })), expect: inputError('oauth-configured', 'input.source') },
  { name: 'connectAccount: a new CONNECTOR handle without an OAuth app leaves no row', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@brand-new', source: 'CONNECTOR' })), expect: inputError('oauth-configured', 'input.source') },
  { name: 'connectAccount: a FACEBOOK connector without its Page id', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'FACEBOOK', handle: 'page', source: 'CONNECTOR', credentials: { accessToken: 't' } })), expect: inputError('required', 'input.externalId') },
  { name: 'connectAccount: a connector for a platform without one', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'OTHER', handle: 'forum', source: 'CONNECTOR', credentials: { accessToken: 't' } })), expect: inputError('connector', 'input.platform') },
  { name: 'connectAccount: credentials for a MANUAL account', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'X', handle: '@manual-x', source: 'MANUAL', credentials: { accessToken: 't' } })), expect: inputError('connector-only', 'input.credentials') },
  { name: 'connectAccount: platform "MYSPACE"', request: mutation('connectAccount', 'ConnectAccountInput', () => ({ platform: 'MYSPACE', handle: 'tom', source: 'MANUAL' })), expect: badVariableType },
  { name: 'reauthorizeAccount: a MANUAL account', request: mutationOfId('reauthorizeAccount', (f) => f.manualAccount), expect: inputError('connector-only', 'id') },
  { name: 'reauthorizeAccount: no OAuth app configured', request: mutationOfId('reauthorizeAccount', (f) => f.connectorAccount), expect: inputError('oauth-configured', 'id') },
  { name: 'acknowledgeAlert: a resolved alert', request: mutationOfId('acknowledgeAlert', (f) => f.resolvedAlert), expect: inputError('state', 'id') },
];

// ---- query arguments ------------------------------------------------------------------------------

const historyOf = (args: string) => query(`query($id: ID!) { node(id: $id) { ... on KeyResult { history(${args}) { edges { node { on } } } } } }`, (f) => ({ id: f.keyResult }));
const accountAlerts = (args: string) => query(`query($id: ID!) { node(id: $id) { ... on SocialAccount { alerts(${args}) { edges { node { id } } } } } }`, (f) => ({ id: f.manualAccount }));
const planAlerts = (args: string) => query(`query($id: ID!) { plan(id: $id) { alerts(${args}) { edges { node { id } } } } }`, (f) => ({ id: f.plan }));
const draft = (input: (f: F) => Record<string, unknown>) => query('query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { passed } }', (f) => ({ input: input(f) }));

const queryCases: HostileCase[] = [
  { name: 'plans(first: -5)', request: query('{ plans(first: -5) { edges { cursor } } }'), expect: badUserInput('min:1', 'first') },
  { name: 'plans(first: 0)', request: query('{ plans(first: 0) { edges { cursor } } }'), expect: badUserInput('min:1', 'first') },
  { name: 'plans(first: 101)', request: query('{ plans(first: 101) { edges { cursor } } }'), expect: badUserInput('max:100', 'first') },
  { name: 'plans(last: 0)', request: query('{ plans(last: 0) { edges { cursor } } }'), expect: badUserInput('min:1', 'last') },
  { name: 'plans(first: 1, last: 1)', request: query('{ plans(first: 1, last: 1) { edges { cursor } } }'), expect: badUserInput('exclusive:first', 'last') },
  { name: 'plans(after: "garbage")', request: query('{ plans(after: "garbage") { edges { cursor } } }'), expect: badUserInput('cursor', 'after') },
  { name: 'plans(before: 10 kB of garbage)', request: query('query($c: String) { plans(before: $c) { edges { cursor } } }', () => ({ c: 'x'.repeat(10_000) })), expect: badUserInput('cursor', 'before') },
  { name: 'plans(after: a forged cursor with an invalid uuid)', request: query('query($c: String) { plans(after: $c) { edges { cursor } } }', () => ({ c: Buffer.from(JSON.stringify(['plans', '2026-01-01T00:00:00.000000Z', 'abc'])).toString('base64url') })), expect: badUserInput('cursor', 'after') },
  { name: 'plans(first: 2^31)', request: query('{ plans(first: 2147483648) { edges { cursor } } }'), expect: invalidDocument },
  { name: 'plan(id: "nope")', request: query('{ plan(id: "nope") { id } }'), expect: badUserInput('id:Plan', 'id') },
  { name: 'plan(id: a Plan id that is no uuid)', request: query('query($id: ID!) { plan(id: $id) { id } }', () => ({ id: encodeGlobalID('Plan', 'abc') })), expect: badUserInput('id:Plan', 'id') },
  { name: "plan(id: another workspace's plan)", request: query('query($id: ID!) { plan(id: $id) { id } }', (f) => ({ id: f.foreign.plan })), expect: { status: 200, nullData: true } },
  { name: 'node(id: base64("Plan:abc"))', request: query('query($id: ID!) { node(id: $id) { id } }', () => ({ id: encodeGlobalID('Plan', 'abc') })), expect: { status: 200, nullData: true } },
  { name: 'node(id: "garbage")', request: query('{ node(id: "garbage") { id } }'), expect: { status: 200, nullData: true } },
  { name: 'node(id: base64("Workspace:<uuid>"))', request: query('query($id: ID!) { node(id: $id) { id } }', () => ({ id: encodeGlobalID('Workspace', '00000000-0000-0000-0000-000000000000') })), expect: { status: 200, nullData: true } },
  { name: "node(id: another workspace's key result)", request: query('query($id: ID!) { node(id: $id) { id } }', (f) => ({ id: f.foreign.keyResult })), expect: { status: 200, nullData: true } },
  { name: 'history(last: 0)', request: historyOf('last: 0'), expect: badUserInput('min:1', 'last') },
  { name: 'history(first: -1)', request: historyOf('first: -1'), expect: badUserInput('min:1', 'first') },
  { name: 'history(last: 1001)', request: historyOf('last: 1001'), expect: badUserInput('max:1000', 'last') },
  { name: 'history(after: "x")', request: historyOf('after: "x"'), expect: badUserInput('cursor', 'after') },
  { name: 'viewer.alerts(first: 0)', request: query('{ viewer { alerts(first: 0) { edges { cursor } } } }'), expect: badUserInput('min:1', 'first') },
  { name: 'viewer.alerts(first: 501)', request: query('{ viewer { alerts(first: 501) { edges { cursor } } } }'), expect: badUserInput('max:500', 'first') },
  { name: 'viewer.alerts(after: "garbage")', request: query('{ viewer { alerts(after: "garbage") { edges { cursor } } } }'), expect: badUserInput('cursor', 'after') },
  { name: 'viewer.alerts(states: [NOPE])', request: query('{ viewer { alerts(states: [NOPE]) { edges { cursor } } } }'), expect: invalidDocument },
  { name: 'SocialAccount.alerts(first: -1)', request: accountAlerts('first: -1'), expect: badUserInput('min:1', 'first') },
  { name: 'SocialAccount.alerts(last: 1, first: 1)', request: accountAlerts('last: 1, first: 1'), expect: badUserInput('exclusive:first', 'last') },
  { name: 'Plan.alerts(before: "garbage")', request: planAlerts('before: "garbage"'), expect: badUserInput('cursor', 'before') },
  { name: 'Plan.alerts(last: 0)', request: planAlerts('last: 0'), expect: badUserInput('min:1', 'last') },
  { name: 'Plan.audit(asOf: "0000-01-01")', request: query('query($id: ID!, $d: Date) { plan(id: $id) { audit(asOf: $d) { platform } } }', (f) => ({ id: f.plan, d: '0000-01-01' })), expect: badVariable('date-range') },
  { name: 'SocialAccount.audit(asOf: "2026-02-30")', request: query('query($id: ID!, $d: Date) { node(id: $id) { ... on SocialAccount { audit(asOf: $d) { metric } } } }', (f) => ({ id: f.manualAccount, d: '2026-02-30' })), expect: badVariable('date') },
  { name: 'kpiRecommendations(category: "NOPE")', request: query('query($c: ObjectiveCategory!) { kpiRecommendations(category: $c) { id } }', () => ({ c: 'NOPE' })), expect: badVariableType },
  { name: 'platformGuidance(category: "NOPE")', request: query('{ platformGuidance(category: NOPE) { platform } }'), expect: invalidDocument },
  { name: 'a request body that is not JSON', request: { kind: 'graphql', query: '', rawBody: () => '{"query":' }, expect: { status: 400, graphqlError: true } },
  { name: 'a query that does not parse', request: query('{ plans(first: 1 { edges { cursor } } }'), expect: invalidDocument },
  { name: 'a field the schema does not have', request: query('{ workspaceSecrets { value } }'), expect: invalidDocument },
  { name: 'variables that are not an object', request: { kind: 'graphql', query: '', rawBody: () => '{"query":"{ viewer { workspaceId } }","variables":"[1,2]"}' }, expect: { status: 400, graphqlError: true } },
  { name: 'checkObjective: a garbage goal id', request: draft(() => ({ goalId: 'garbage' })), expect: badUserInput('id:BusinessGoal', 'input.goalId') },
  { name: 'checkObjective: a key result without a scope', request: draft(() => ({ keyResults: [{ metric: 'followers', direction: 'INCREASE', target: 5 }] })), expect: badUserInput('scope', 'input.keyResults[0].accountId') },
  { name: 'checkObjective: a DECREASE aiming up', request: draft(() => ({ keyResults: [{ metric: 'cost_per_lead', platform: 'FACEBOOK', direction: 'DECREASE', baseline: 10, target: 20 }] })), expect: badUserInput('direction', 'input.keyResults[0].target') },
  { name: 'checkObjective: a garbage account id', request: draft(() => ({ keyResults: [{ metric: 'followers', accountId: 'garbage', direction: 'INCREASE', target: 5 }] })), expect: badUserInput('id:SocialAccount', 'input.keyResults[0].accountId') },
  { name: 'checkObjective: a title with NUL', request: draft(() => ({ title: 'a\u0000b' })), expect: badUserInput('control-characters', 'input.title') },
  { name: 'checkObjective: deadline "0000-01-01"', request: draft(() => ({ deadline: '0000-01-01' })), expect: badVariable('date-range') },
];

// ---- subscriptions over SSE -----------------------------------------------------------------------

const subscriptionCases: HostileCase[] = [
  { name: 'alertRaised(planId: "garbage")', request: { kind: 'subscription', query: 'subscription { alertRaised(planId: "garbage") { id } }' }, expect: badUserInput('id:Plan', 'planId') },
  { name: 'alertRaised(planId: an objective id)', request: { kind: 'subscription', query: 'subscription($p: ID) { alertRaised(planId: $p) { id } }', variables: (f) => ({ p: f.objective }) }, expect: badUserInput('id:Plan', 'planId') },
  { name: 'keyResultEvaluated(planId: "garbage")', request: { kind: 'subscription', query: 'subscription { keyResultEvaluated(planId: "garbage") { id } }' }, expect: badUserInput('id:Plan', 'planId') },
  { name: 'keyResultEvaluated(planId: base64("Plan:abc"))', request: { kind: 'subscription', query: 'subscription($p: ID!) { keyResultEvaluated(planId: $p) { id } }', variables: () => ({ p: encodeGlobalID('Plan', 'abc') }) }, expect: badUserInput('id:Plan', 'planId') },
  { name: 'keyResultEvaluated without planId', request: { kind: 'subscription', query: 'subscription { keyResultEvaluated { id } }' }, expect: invalidDocument },
];

// ---- POST /webhooks/metrics ----------------------------------------------------------------------

const pointsBody = (points: unknown[]) => (f: F) => JSON.stringify({ type: 'metrics.points', data: { accountId: f.pushAccount, points } });
const webhook = (body: (f: F) => string, extra: Partial<Extract<HostileRequest, { kind: 'metricsWebhook' }>> = {}): HostileRequest => ({ kind: 'metricsWebhook', body, ...extra });
const refused422 = (rule: string): Expected => ({ status: 422, rule });

const webhookCases: HostileCase[] = [
  { name: 'webhook: a point dated 0000-01-01', request: webhook(pointsBody([{ metric: 'followers', at: '0000-01-01', value: 1 }])), expect: { status: 422, rule: 'date-range', field: 'data.points[0].at' } },
  { name: 'webhook: a point dated 2999-01-01', request: webhook(pointsBody([{ metric: 'followers', at: '2999-01-01', value: 1 }])), expect: refused422('date-range') },
  { name: 'webhook: a point dated 2026-02-30', request: webhook(pointsBody([{ metric: 'followers', at: '2026-02-30', value: 1 }])), expect: refused422('date') },
  { name: 'webhook: a point dated "yesterday"', request: webhook(pointsBody([{ metric: 'followers', at: 'yesterday', value: 1 }])), expect: refused422('date') },
  { name: 'webhook: a point three days ahead', request: webhook((f) => pointsBody([{ metric: 'followers', at: addDays(dayOf(new Date()), 3), value: 1 }])(f)), expect: refused422('not-future') },
  { name: 'webhook: a metric not in the catalog', request: webhook(pointsBody([{ metric: 'vibes', at: '2026-11-01', value: 1 }])), expect: refused422('catalog') },
  { name: 'webhook: a derived KPI', request: webhook(pointsBody([{ metric: 'virality_rate', at: '2026-11-01', value: 1 }])), expect: refused422('raw') },
  { name: 'webhook: a negative count', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: -1 }])), expect: refused422('range') },
  { name: 'webhook: value 1e400', request: webhook((f) => `{"type":"metrics.points","data":{"accountId":"${f.pushAccount}","points":[{"metric":"followers","at":"2026-11-01","value":1e400}]}}`), expect: refused422('finite') },
  { name: 'webhook: value as a string', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: '5' }])), expect: refused422('number') },
  { name: 'webhook: no points', request: webhook(pointsBody([])), expect: refused422('too_small') },
  { name: 'webhook: a good point and a bad one (all or nothing)', request: webhook(pointsBody([{ metric: 'reach', at: '2026-11-01', value: 1 }, { metric: 'reach', at: '0000-01-01', value: 1 }])), expect: refused422('date-range') },
  { name: 'webhook: an unknown message type', request: webhook((f) => JSON.stringify({ type: 'metrics.delete', data: { accountId: f.pushAccount } })), expect: { status: 422 } },
  { name: 'webhook: a CSV with a day 0000-01-01', request: webhook((f) => JSON.stringify({ type: 'metrics.csv', data: { accountId: f.pushAccount, csv: 'date,metric,value\n0000-01-01,followers,5\n' } })), expect: refused422('date-range') },
  { name: 'webhook: a CSV with NUL bytes', request: webhook((f) => JSON.stringify({ type: 'metrics.csv', data: { accountId: f.pushAccount, csv: 'date,metric,value\n2026-11-01,followers,\u00005\n' } })), expect: { status: 422 } },
  { name: 'webhook: an empty CSV', request: webhook((f) => JSON.stringify({ type: 'metrics.csv', data: { accountId: f.pushAccount, csv: '' } })), expect: { status: 422 } },
  { name: 'webhook: a 5,000-character webhook-id', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { id: `msg_${'x'.repeat(4996)}` }), expect: { status: 400, rule: 'max-length', field: 'webhook-id' } },
  { name: 'webhook: a webhook-id with a control character', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { id: 'msg_\u0001x' }), expect: { status: 400, rule: 'characters', field: 'webhook-id' } },
  { name: 'webhook: a webhook-id with spaces', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { id: 'msg one' }), expect: { status: 400, rule: 'characters', field: 'webhook-id' } },
  { name: 'webhook: unsigned', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { signWith: 'none' }), expect: { status: 401 } },
  { name: 'webhook: signed with another secret', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { signWith: 'wrong' }), expect: { status: 401 } },
  { name: 'webhook: a timestamp an hour old', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { timestamp: Math.floor(Date.now() / 1000) - 3600 }), expect: { status: 401 } },
  { name: 'webhook: not JSON', request: webhook(() => '{"type":'), expect: { status: 400 } },
  { name: 'webhook: Content-Type text/plain', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-01', value: 1 }]), { contentType: 'text/plain' }), expect: { status: 415 } },
  { name: 'webhook: a body over the limit', request: webhook((f) => pointsBody(Array.from({ length: 3000 }, () => ({ metric: 'followers', at: '2026-11-01', value: 1 })))(f)), expect: { status: 413 } },
  { name: 'webhook: an unknown account', request: webhook(() => JSON.stringify({ type: 'metrics.points', data: { accountId: '00000000-0000-0000-0000-000000000000', points: [{ metric: 'followers', at: '2026-11-01', value: 1 }] } })), expect: { status: 401 } },
  { name: 'webhook: a garbage account id', request: webhook(() => JSON.stringify({ type: 'metrics.points', data: { accountId: "'; drop table plans; --", points: [{ metric: 'followers', at: '2026-11-01', value: 1 }] } })), expect: { status: 401 } },
  { name: "webhook: another workspace's account, signed with our secret", request: webhook((f) => JSON.stringify({ type: 'metrics.points', data: { accountId: f.foreign.account, points: [{ metric: 'followers', at: '2026-11-01', value: 1 }] } })), expect: { status: 401 } },
  { name: 'webhook: account.refresh of a garbage account', request: webhook(() => JSON.stringify({ type: 'account.refresh', data: { accountId: 'nope' } })), expect: { status: 401 } },
  { name: 'webhook: a redelivered webhook-id carrying other points', request: webhook(pointsBody([{ metric: 'followers', at: '2026-11-02', value: 99 }]), { id: 'msg_hostile_delivered' }), expect: { status: 200 } },
];

// ---- /webhooks/meta -----------------------------------------------------------------------------

const metaCases: HostileCase[] = [
  { name: 'meta: handshake with the wrong verify token', request: { kind: 'metaWebhook', method: 'GET', query: 'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1' }, expect: { status: 403 } },
  { name: 'meta: notification unsigned', request: { kind: 'metaWebhook', method: 'POST', body: '{"object":"page","entry":[{"id":"42"}]}', signature: 'none' }, expect: { status: 401 } },
  { name: 'meta: notification with a bad signature', request: { kind: 'metaWebhook', method: 'POST', body: '{"object":"page","entry":[{"id":"42"}]}', signature: 'bad' }, expect: { status: 401 } },
  { name: 'meta: signed, not JSON', request: { kind: 'metaWebhook', method: 'POST', body: '{"object":', signature: 'good' }, expect: { status: 400 } },
  { name: 'meta: signed, naming no known account', request: { kind: 'metaWebhook', method: 'POST', body: '{"object":"page","entry":[{"id":"no-such-page"},{"id":{"$ne":null}}]}', signature: 'good' }, expect: { status: 200 } },
  { name: 'meta: PUT', request: { kind: 'metaWebhook', method: 'PUT', body: '{}' }, expect: { status: 405 } },
  { name: 'meta: a body over the limit', request: { kind: 'metaWebhook', method: 'POST', body: JSON.stringify({ object: 'page', entry: Array.from({ length: 8000 }, (_, i) => ({ id: String(i) })) }), signature: 'good' }, expect: { status: 413 } },
];

// ---- importMetrics (multipart upload) -----------------------------------------------------------

const upload = (content: string | Uint8Array, accountId: (f: F) => string = (f) => f.manualAccount, fileName = 'metrics.csv'): HostileRequest => ({ kind: 'upload', accountId, fileName, content });
const refusedFile = (rule: string): Expected => ({ status: 200, typename: 'MetricImportRefused', rule });

const uploadCases: HostileCase[] = [
  { name: 'importMetrics: a day 0000-01-01', request: upload('date,metric,value\n0000-01-01,followers,5\n'), expect: refusedFile('date-range') },
  { name: 'importMetrics: a derived KPI column', request: upload('date,engagement_rate_by_reach\n2026-11-01,5\n'), expect: { status: 200, typename: 'MetricImportRefused' } },
  { name: 'importMetrics: an empty file', request: upload(''), expect: refusedFile('empty') },
  { name: 'importMetrics: NUL bytes', request: upload('date,metric,value\n2026-11-01,followers,\u00005\n'), expect: { status: 200, typename: 'MetricImportRefused' } },
  { name: 'importMetrics: binary garbage', request: upload(Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), expect: { status: 200, typename: 'MetricImportRefused' } },
  { name: 'importMetrics: a day given twice', request: upload('date,metric,value\n2026-11-01,followers,5\n2026-11-01,followers,6\n'), expect: refusedFile('duplicate') },
  { name: 'importMetrics: one good row and one negative', request: upload('date,metric,value\n2026-11-01,followers,5\n2026-11-02,followers,-6\n'), expect: refusedFile('range') },
  { name: 'importMetrics: a garbage account id', request: upload('date,metric,value\n2026-11-01,followers,5\n', () => 'garbage'), expect: inputError('id:SocialAccount', 'input.accountId') },
  { name: "importMetrics: another workspace's account", request: upload('date,metric,value\n2026-11-01,followers,5\n', (f) => f.foreign.account), expect: notFound },
  { name: 'importMetrics: the file as a string, not a part', request: query('mutation($input: ImportMetricsInput!) { importMetrics(input: $input) { __typename } }', (f) => ({ input: { accountId: f.manualAccount, file: 'date,metric,value' } })), expect: badVariable('file') },
];

// ---- /reports/plans/{id}.pdf|csv ---------------------------------------------------------------

const report = (path: (f: F) => string, extra: Omit<Extract<HostileRequest, { kind: 'report' }>, 'kind' | 'path'> = {}): HostileRequest => ({ kind: 'report', path, ...extra });
const planReport = (extension: string, query = '') => (f: F) => `/reports/plans/${encodeURIComponent(f.plan)}.${extension}${query}`;

const reportCases: HostileCase[] = [
  { name: 'report: a malformed plan id', request: report(() => '/reports/plans/not-an-id.pdf'), expect: { status: 404 } },
  { name: "report: another workspace's plan", request: report((f) => `/reports/plans/${encodeURIComponent(f.foreign.plan)}.pdf`), expect: { status: 404 } },
  { name: "report: another workspace's plan as CSV series", request: report((f) => `/reports/plans/${encodeURIComponent(f.foreign.plan)}.csv?part=series`), expect: { status: 404 } },
  { name: 'report: the id of an objective, not a plan', request: report((f) => `/reports/plans/${encodeURIComponent(f.objective)}.csv`), expect: { status: 404 } },
  { name: 'report: a plan id of an unknown uuid', request: report(() => `/reports/plans/${encodeURIComponent(encodeGlobalID('Plan', '00000000-0000-0000-0000-000000000000'))}.pdf`), expect: { status: 404 } },
  { name: 'report: broken percent-encoding', request: report(() => '/reports/plans/%E0%A4%A.pdf'), expect: { status: 404 } },
  { name: 'report: a NUL in the id', request: report(() => '/reports/plans/%00.csv'), expect: { status: 404 } },
  { name: 'report: path traversal', request: report(() => '/reports/plans/..%2F..%2F..%2Fetc%2Fpasswd.pdf'), expect: { status: 404 } },
  { name: 'report: an id of 8,000 characters', request: report(() => `/reports/plans/${'A'.repeat(8000)}.pdf`), expect: { status: 404 } },
  { name: 'report: SQL in the id', request: report(() => `/reports/plans/${encodeURIComponent("1' or '1'='1")}.csv`), expect: { status: 404 } },
  { name: 'report: an unknown format', request: report(planReport('xlsx')), expect: { status: 404 } },
  { name: 'report: no plan named', request: report(() => '/reports/plans/.pdf'), expect: { status: 404 } },
  { name: 'report: POST', request: report(planReport('pdf'), { method: 'POST' }), expect: { status: 405 } },
  { name: 'report: DELETE', request: report(planReport('csv'), { method: 'DELETE' }), expect: { status: 405 } },
  { name: 'report: a language reports do not speak', request: report(planReport('pdf', '?lang=xx')), expect: { status: 400, rule: 'one-of', field: 'lang' } },
  { name: 'report: markup as the language', request: report(planReport('pdf', `?lang=${encodeURIComponent('<script>alert(1)</script>')}`)), expect: { status: 400, rule: 'one-of', field: 'lang' } },
  { name: 'report: an unknown CSV part', request: report(planReport('csv', '?part=everything')), expect: { status: 400, rule: 'one-of', field: 'part' } },
  { name: 'report: a CSV part asked of the PDF', request: report(planReport('pdf', '?part=series')), expect: { status: 400, rule: 'one-of', field: 'part' } },
  { name: 'report: no credential', request: report(planReport('pdf'), { token: 'none' }), expect: { status: 401 } },
  { name: 'report: an unknown token', request: report(planReport('csv'), { token: 'bogus' }), expect: { status: 401 } },
  { name: 'report: a garbage workspace header', request: report(planReport('pdf'), { headers: { 'x-goalpost-workspace': "'; drop table plans; --" } }), expect: { status: 403 } },
  { name: 'report: another workspace named beside the token', request: report(planReport('csv'), { headers: { 'x-goalpost-workspace': '00000000-0000-0000-0000-000000000000' } }), expect: { status: 403 } },
  { name: 'report: a hostile Accept-Language', request: report(planReport('pdf'), { headers: { 'accept-language': `${'x-'.repeat(3000)};q=NaN, *;q=-1, es;q=1e400, ca;q=` } }), expect: { status: 200 } },
  { name: 'report: the CSV series of our own plan', request: report(planReport('csv', '?part=series&lang=it')), expect: { status: 200 } },
];

export const hostileCorpus: HostileCase[] = [
  ...textCases(),
  ...urlCases,
  ...idCases(),
  ...dateCases,
  ...numberCases,
  ...thresholdCases,
  ...keyResultCases,
  ...accountCases,
  ...queryCases,
  ...subscriptionCases,
  ...webhookCases,
  ...metaCases,
  ...uploadCases,
  ...reportCases,
];
