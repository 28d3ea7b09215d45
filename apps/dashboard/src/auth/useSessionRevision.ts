import { useSyncExternalStore } from 'react';
import { session } from './session.ts';

/** The session's revision, re-rendering on sign-in, sign-out and a change of workspace. */
export const useSessionRevision = () => useSyncExternalStore(session.subscribe, session.revision, () => 0);
