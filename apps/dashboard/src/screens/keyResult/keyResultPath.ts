/** A key result's chart lives under its objective (the objective gives the period). */
export const keyResultPath = (objectiveId: string, keyResultId: string) =>
  `/objectives/${encodeURIComponent(objectiveId)}/key-results/${encodeURIComponent(keyResultId)}`;
