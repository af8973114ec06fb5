// Types for check-lockfile.mjs, which stays plain JavaScript so it runs before `npm ci`.
export interface LockProblem {
  entry: string;
  problem: string;
}
export const REPAIR_COMMAND: string;
export function findLockProblems(lock: unknown): LockProblem[];
export function describeLockProblems(file: string, problems: LockProblem[]): string;
