/**
 * A dashboard's plan and the query that reads it, built through the public API: shared by the
 * statement-count test and `bench/dashboardQuery.ts`.
 */

/** Runs a GraphQL document and answers its data, failing loudly on errors or a failed mutation. */
export type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

/** The plan page's query: every field the brief of constant round trips names, alerts with their names. */
export const dashboardQuery = /* GraphQL */ `
  query Dashboard($id: ID!) {
    plan(id: $id) {
      id name startsOn endsOn status
      thresholds { staleAfterDays }
      goals {
        id kind title
        objectives {
          id title category framework startsOn deadline status statusText ownerId
          owner { id role user { id name } }
          score { score grade }
          budget { amount currency spent remaining }
          smart {
            passed
            specific { verdict code }
            measurable { verdict code findings { code message } }
            attainable { verdict code findings { code params { name value } } }
            realistic { verdict code findings { code } }
            relevant { verdict code }
            timeBound { verdict code }
            keyResults { keyResult baseline target targetAtHistoricalPace realism { band ratio historyWeeks } }
          }
          keyResults {
            id metric platform direction baseline target current progress expectedProgress status evaluatedAt weight ownerId
            owner { id user { name } }
            latestCheckIn { id confidence note }
            account { id handle platform status }
            forecast { value low high confidence method reachesTargetOn }
            series { at value }
          }
        }
      }
      openAlerts: alerts(states: [OPEN], first: 50) {
        edges { node { id kind severity state message plan { id name } objective { id title } keyResult { id metric } account { id handle } } }
      }
    }
  }
`;

/** The dashboard's plan page asks for more of each key result: realism, deprecations and the evaluation history. */
export const planPageQuery = dashboardQuery.replace('series { at value }', `series { at value }
            realism { band requiredWeeklyRate historicalWeeklyRate ratio }
            sourceDeprecations { platform platformMetric deprecatedOn inEffect advice }
            history(last: 200) { edges { node { on status progress current expectedProgress } } }`);

/** `YYYY-MM-DD`, `offset` days from `today`. */
export const dayFrom = (today: Date, offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export interface DashboardWorkspace {
  /** Instagram accounts by handle order, then one Facebook account. */
  accountIds: string[];
  memberIds: string[];
}

/**
 * Four accounts (three Instagram, one Facebook) with 90 days of followers, reach, engagements and spend
 * each, up to today. Values are whole numbers, so sums do not depend on their order.
 */
export async function seedAccounts(gql: Gql, today: Date, memberIds: string[] = []): Promise<DashboardWorkspace> {
  const accountIds: string[] = [];
  const accounts = [['INSTAGRAM', '@dash.one'], ['INSTAGRAM', '@dash.two'], ['INSTAGRAM', '@dash.three'], ['FACEBOOK', 'dash-page']] as const;
  for (const [a, [platform, handle]] of accounts.entries()) {
    const connected = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { __typename ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform, handle, source: 'MANUAL' } });
    const accountId: string = connected.connectAccount.account.id;
    accountIds.push(accountId);
    const points = Array.from({ length: 90 }, (_, i) => {
      const at = dayFrom(today, i - 89);
      return [
        { metric: 'followers', at, value: 1000 + a * 200 + i * (3 + a) },
        { metric: 'reach', at, value: 400 + ((i * 37 + a * 11) % 150) },
        { metric: 'engagements', at, value: 20 + ((i * 13 + a * 7) % 30) },
        { metric: 'spend', at, value: 5 + (i % 4) },
      ];
    }).flat();
    await gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points } });
  }
  return { accountIds, memberIds };
}

/**
 * A plan of `objectives` objectives × 3 key results under two business goals: followers of one account
 * (a relative target, resolved from history), reach across the Instagram platform, and an engagement
 * rate of one account (a KPI). Every other objective has a budget, a theme with planned content, an owner,
 * and its first key result an owner with a check-in.
 */
export async function seedPlan(gql: Gql, today: Date, workspace: DashboardWorkspace, objectives: number): Promise<string> {
  const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { __typename ... on CreatePlanSuccess { plan { id } } } }`,
    { input: { name: `${objectives} objectives`, startsOn: dayFrom(today, -60), endsOn: dayFrom(today, 90) } });
  const planId: string = created.createPlan.plan.id;
  const goalIds: string[] = [];
  for (const [kind, title] of [['BRAND_VISIBILITY', 'Be seen'], ['CUSTOMER_BASE', 'Be chosen']]) {
    const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { __typename ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId, kind, title } });
    goalIds.push(goal.addBusinessGoal.goal.id);
  }
  const { accountIds, memberIds } = workspace;
  for (let o = 0; o < objectives; o++) {
    const accountId = accountIds[o % 3];
    const added = await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename ... on AddObjectiveSuccess { objective { id keyResults { id } } } ... on InputError { issues { field message } } } }`, {
      input: {
        goalId: goalIds[o % 2], title: `Objective ${o + 1}`, category: o % 2 ? 'ENGAGEMENT' : 'AUDIENCE_GROWTH', framework: o % 2 ? 'OKR' : 'SMART',
        startsOn: dayFrom(today, -45 - (o % 5)), deadline: dayFrom(today, 40 + (o % 7)),
        keyResults: [
          { metric: 'followers', accountId, direction: 'INCREASE', targetChangePercent: 10 + (o % 4) },
          { metric: 'reach', platform: 'INSTAGRAM', direction: 'INCREASE', target: 200_000 + o * 1000 },
          { metric: 'engagement_rate_by_reach', accountId, direction: 'INCREASE', target: 9 },
        ],
      },
    });
    const objectiveId: string = added.addObjective.objective.id;
    if (o % 2 === 1) continue;
    await gql(`mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { __typename } }`,
      { input: { id: objectiveId, budget: { amount: 500 + o, currency: 'EUR' }, ...(memberIds.length ? { ownerId: memberIds[o % memberIds.length] } : {}) } });
    const theme = await gql(`mutation($input: AddThemeInput!) { addTheme(input: $input) { __typename ... on AddThemeSuccess { theme { id } } } }`,
      { input: { objectiveId, title: 'Behind the scenes' } });
    for (let c = 0; c <= o % 3; c++) {
      await gql(`mutation($input: AddContentItemInput!) { addContentItem(input: $input) { __typename } }`,
        { input: { themeId: theme.addTheme.theme.id, title: `Post ${c + 1}`, ...(c === 0 ? {} : { publishedOn: dayFrom(today, c * 5) }) } });
    }
    const keyResultId: string = added.addObjective.objective.keyResults[0].id;
    if (memberIds.length) {
      await gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { __typename } }`, { input: { id: keyResultId, ownerId: memberIds[0] } });
    }
    await gql(`mutation($input: CheckInInput!) { checkIn(input: $input) { __typename } }`, { input: { keyResultId, confidence: 1 + (o % 10), note: `On objective ${o + 1}` } });
  }
  return planId;
}
