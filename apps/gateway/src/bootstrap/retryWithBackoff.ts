/**
 * Runs `attempt` until it succeeds, waiting twice as long after each failure (up to `maxDelayMs`) and
 * telling `onRetry` why and for how long. For start-up work that needs PostgreSQL, which may still be
 * starting (or restarting): a process that exited instead would make its supervisor loop.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  onRetry: (error: unknown, delayMs: number, failures: number) => void,
  options: { initialDelayMs?: number; maxDelayMs?: number } = {},
): Promise<T> {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 15_000;
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      const delayMs = Math.min(max, initial * 2 ** (failures - 1));
      onRetry(error, delayMs, failures);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
