import { randomBytes } from "node:crypto";

/** Names one failure in the answer a client gets and in the log line that has its details. */
export function newErrorId(): string {
  return randomBytes(6).toString("hex");
}
