/** One sentence for a program that could not be started at all (spawn's error event), with the fix. */
export function spawnFailure(program: string, error: NodeJS.ErrnoException, asUser?: string): Error {
  const who = asUser ? ` as the "${asUser}" user` : '';
  const fix = error.code === 'ENOENT'
    ? 'it is not installed there: run npm install again'
    : error.code === 'EACCES'
      ? asUser
        ? `that user cannot reach it (a folder above it is private): move the checkout somewhere the "${asUser}" user can read, or set DATABASE_URL`
        : 'it is not executable: run npm install again'
      : 'see the cause above';
  return new Error(`Could not start ${program}${who} (${error.code ?? error.message}): ${fix}.`, { cause: error });
}
