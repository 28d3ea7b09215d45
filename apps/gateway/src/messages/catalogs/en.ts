import { englishStatus } from '@goalpost/domain';
import type { ApiMessages } from '../apiMessages.ts';

/** English: the wording the domain and the input rules already write. */
export const en: ApiMessages = {
  status: englishStatus,
  inputSummary: (issues) => `Invalid input — ${issues.join('; ')}. Nothing was changed.`,
  inputRules: {},
  smart: null,
  errors: null,
};
