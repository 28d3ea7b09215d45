import { useSyncExternalStore } from 'react';
import { session } from './session.ts';

/** The stored token, re-rendering on sign-in and sign-out. */
export const useSessionToken = () => useSyncExternalStore(session.subscribe, session.token, () => null);
