import { alertSeverities } from '@goalpost/domain';

/** Events without a severity of their own (a digest) reach a channel whatever its minimum severity: it chose them by kind. */
export const allSeverities: readonly string[] = alertSeverities;
