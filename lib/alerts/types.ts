// Alert rules and their webhooks (issue 22): the API's shapes and the body a webhook receives.

export const ALERT_CONDITIONS = ["error_rate", "p95_duration", "cost_per_day", "version_regressed"] as const;
/** error_rate: failed / finished runs over the window above threshold (a fraction); p95_duration: the p95 run duration over the window above threshold ms; cost_per_day: spend of the last 24 h above threshold USD; version_regressed: a deployment's newest version was judged regressed. */
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export interface AlertRuleView {
  id: string;
  name: string;
  /** null: every workload of the tenant. */
  workload: string | null;
  /** null: any deployment. */
  deployment: string | null;
  condition: AlertCondition;
  threshold: number | null;
  windowMinutes: number;
  webhookUrl: string;
  state: "ok" | "firing";
  /** When it entered its state (null: never evaluated). */
  stateSince: string | null;
  /** What the last evaluation measured (null: no runs to measure). */
  lastValue: number | null;
  lastEvaluatedAt: string | null;
  createdAt: string;
}

export interface AlertRuleList {
  rules: AlertRuleView[];
}

/** POST /api/v1/alert-rules: the rule, and its signing secret (shown this once). */
export interface AlertRuleCreated {
  rule: AlertRuleView;
  secret: string;
}

export interface WebhookDeliveryView {
  attempt: number;
  at: string;
  /** HTTP status; null when no response came. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface AlertEventView {
  id: string;
  kind: "firing" | "resolved" | "test";
  at: string;
  value: number | null;
  attempts: number;
  deliveredAt: string | null;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: string | null;
  deliveries: WebhookDeliveryView[];
}

/** GET /api/v1/alert-rules/{id}/events: newest first, with every delivery attempt. */
export interface AlertEventPage {
  events: AlertEventView[];
}

/**
 * The JSON a rule's webhook receives (POST, `content-type: application/json`). The request
 * carries `x-codon-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the
 * rule's secret>`; `x-codon-event-id` is the same on every retry of one event.
 */
export interface AlertWebhook {
  event: "alert.firing" | "alert.resolved" | "alert.test";
  eventId: string;
  at: string;
  rule: { id: string; name: string; workload: string | null; deployment: string | null; condition: AlertCondition; threshold: number | null; windowMinutes: number };
  /** What was measured when the rule changed state (null for a test, or with no runs to measure). */
  value: number | null;
  /** One line for a chat message: "error rate 12.5% > 5% over 60 min (QA-Agent, prod)". */
  summary: string;
}
