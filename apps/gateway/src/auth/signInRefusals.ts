/** Wrong password and unknown email alike: one message, so an answer never tells which emails exist. */
export class InvalidCredentialsError extends Error {
  override name = 'InvalidCredentialsError';
  constructor(message = 'The email or the password is wrong. Nothing was changed.') {
    super(message);
  }
}

/** Too many failed sign-ins for this email or from this address (or sign-ups from it): locked for a while. */
export class SignInLockedError extends Error {
  override name = 'SignInLockedError';
  constructor(readonly retryAfterSeconds: number, what = 'failed sign-ins') {
    super(`Too many ${what}: try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}.`);
  }
}
