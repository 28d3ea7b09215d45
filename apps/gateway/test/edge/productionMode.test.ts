import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

describe.each([
  ['production', true],
  ['development', false],
])('NODE_ENV=%s', (_mode, production) => {
  let harness: GatewayHarness;
  let token: string;
  beforeAll(async () => {
    harness = await startGatewayHarness(`mode-${_mode}`, { edge: { production } });
    token = (await harness.newWorkspace('Mode')).token;
  });
  afterAll(async () => harness?.close());

  it(production ? 'refuses introspection with INTROSPECTION_DISABLED' : 'answers introspection', async () => {
    const res = await harness.graphql(getIntrospectionQuery(), {}, token);
    if (production) {
      expect(res.body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
      expect(res.body.data ?? null).toBeNull();
    } else {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.__schema.queryType.name).toBe('Query');
    }
    // __typename is no introspection of the schema: allowed in both.
    expect((await harness.graphql('{ __typename }', {}, token)).body.data).toEqual({ __typename: 'Query' });
  });

  it(production ? 'hides field suggestions' : 'suggests the field meant', async () => {
    const res = await harness.graphql('{ plan(id: "x") { nmae } }', {}, token);
    const message = res.body.errors?.[0]?.message ?? '';
    expect(message).toMatch(/Cannot query field "nmae"/);
    if (production) expect(message).not.toMatch(/Did you mean/);
    else expect(message).toMatch(/Did you mean "name"/);
  });

  it(production ? 'serves no GraphiQL' : 'serves GraphiQL to a browser', async () => {
    const opened = await harness.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' }, redirect: 'manual' });
    const page = await harness.gateway.fetch('http://gateway.test/graphiql', { headers: { accept: 'text/html' } });
    if (production) {
      expect(opened.status).not.toBe(302);
      expect(await page.text()).not.toMatch(/graphiql/i);
    } else {
      expect(opened.status).toBe(302);
      expect(opened.headers.get('location')).toBe('/graphiql');
      expect(page.headers.get('content-type')).toMatch(/html/);
      expect(await page.text()).toMatch(/graphiql/i);
    }
  });
});
