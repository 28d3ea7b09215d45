import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

const harnesses: GatewayHarness[] = [];
afterAll(async () => Promise.all(harnesses.map((h) => h.close())));

/** The sign-in page asks, without a credential, whether to offer an account of one's own. */
describe('signUpEnabled', () => {
  it.each([
    [undefined, true],
    [false, false],
  ])('answers SIGN_UP_ENABLED (%s) to an anonymous request, and signUp agrees', async (setting, expected) => {
    const h = await startGatewayHarness('sign-up-enabled', setting === undefined ? {} : { auth: { signUpEnabled: setting } });
    harnesses.push(h);
    const asked = await h.graphql('{ signUpEnabled }', {});
    expect(asked).toEqual({ status: 200, body: { data: { signUpEnabled: expected } } });
    const signUp = await h.graphql('mutation { signUp(input: { email: "new@example.com", password: "a long enough passphrase", name: "N" }) { __typename } }', {});
    // Closed: refused, naming invitations. Open: accepted (whatever the answer's shape, never a refusal).
    expect(signUp.body.data.signUp.__typename === 'ForbiddenError').toBe(!expected);
  });
});
