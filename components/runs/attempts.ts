import type { DagNode } from "@/lib/runs/types";

/** "3 attempts, 2 failed": a retried node's attempts in words. */
export function describeAttempts(attempts: NonNullable<DagNode["attempts"]>): string {
  return `${attempts.count} attempts, ${attempts.failed} failed`;
}
