import { isoTime, type Clock } from "./options";
import type { Token } from "./token";

export const BUILTIN_EVENT_TYPES = ["token_enqueued", "token_dequeued", "node_completed", "node_failed", "runtime_stopped"] as const;
export type BuiltinEventType = (typeof BUILTIN_EVENT_TYPES)[number];

export function isBuiltinEventType(type: string): type is BuiltinEventType {
  return (BUILTIN_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * One audit record. Snake case on purpose: this is the shape the collector accepts for a ledger
 * posted as JSON (lib/runs/ledger-upload.ts) and the Python SDK's AuditEvent, so `JSON.stringify(report.ledger)`
 * can be sent as it is.
 */
export interface LedgerEvent {
  readonly event_type: string;
  /** ISO 8601, UTC. */
  readonly timestamp: string;
  readonly token_id: string | null;
  readonly parent_id: string | null;
  readonly source_node: string | null;
  readonly target_node: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The token's lineage: node names it passed through. */
  readonly lineage: readonly string[];
}

/** Append-only; every append is also handed to `onAppend` (observers, stream) at once. */
export class Ledger {
  readonly events: LedgerEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onAppend: (event: LedgerEvent) => void,
  ) {}

  record(
    eventType: string,
    token: Token,
    nodes: { source: string | null; target: string | null },
    metadata: Readonly<Record<string, unknown>> = {},
  ): LedgerEvent {
    const event: LedgerEvent = Object.freeze({
      event_type: eventType,
      timestamp: isoTime(this.clock()),
      token_id: token.id,
      parent_id: token.parentId,
      source_node: nodes.source,
      target_node: nodes.target,
      metadata,
      lineage: token.lineage,
    });
    this.events.push(event);
    this.onAppend(event);
    return event;
  }
}
