// Every body the HTTP API sends, by the name the OpenAPI document gives it. JSON Schemas are
// generated from these types (npm run openapi:schemas), so the document cannot drift from the
// code that builds the responses: a test regenerates them and compares.

import type { AccessLogEntry, AccessLogPage } from "@/lib/access-log/entry";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import type { KeyMode } from "@/lib/auth/authenticator";
import type { Scope } from "@/lib/auth/scopes";
import type { Role } from "@/lib/users/roles";
import type { InvitationCreated, InvitationView, MemberList, MemberView, ViewerContentSetting } from "@/lib/users/member-types";
import type { CostPerRunTrend, PriceOverrideCreated, PriceOverrideListPage, RepriceJob, SpendOverTime, TopRuns } from "@/lib/costs/types";
import type { UnpricedModelPage } from "@/lib/costs/types";
import type { HealthReport } from "@/lib/runtime/health";
import type { RetentionSetting } from "@/lib/retention/types";
import type { RedactionPreview, RedactionSettings } from "@/lib/redaction/types";
import type { IngestReport } from "@/lib/runtime/ingest-report";
import type { LogLine, LogMark, LogMarks, LogPage } from "@/lib/logs/types";
import type { MetricGroup, MetricPage, MetricPoint, MetricSeriesResult, MetricServices, MetricSummary } from "@/lib/metrics/types";
import type { AsRanFoldedGraph, AsRanGraph, AsRanSegmentPage, AsRanSpanPlace } from "@/lib/runs/as-it-ran/types";
import type { LedgerEvent, NodeDetail, RunDag, RunPage, RunView, SpanDetail, SpanSummary } from "@/lib/runs/types";
import type { ExecutionEventData, WorkflowEndData, WorkflowEventData } from "@/lib/agentfield/events";
import type { Execution, ExecutionPage, Workflow } from "@/lib/agentfield/types";
import type { RunComparison, VersionComparison, VersionListPage, WorkloadListPage, WorkloadTrend } from "@/lib/workloads/types";
import type { VersionVerdictList } from "@/lib/verdicts/types";
import type { AlertEventPage, AlertEventView, AlertRuleCreated, AlertRuleList, AlertWebhook } from "@/lib/alerts/types";
import type { RecordedScores, RunScoreList, WorkloadScores } from "@/lib/scores/types";
import type { AuditPublicKeys, LedgerBundle, LedgerVerification } from "@/lib/ledger-chain/types";

/** GET /api/v1/runs/{runId}/activations: the graph (whole or folded), one segment's steps, or a span's place, as asked. */
export type AsRanAnswer = AsRanGraph | AsRanFoldedGraph | AsRanSegmentPage | AsRanSpanPlace;

/** Every error: `{ error: { code, message } }` with the matching HTTP status. */
export interface ApiError {
  error: {
    /** Machine-readable: `invalid_parameter`, `invalid_body`, `unauthenticated`, `forbidden`, `cross_site_request`, `not_found`, `payload_too_large`, `too_many_streams`, `unsupported_media_type`, `too_many_attempts`, `unavailable`, `internal`, ... */
    code: string;
    message: string;
    /** `internal` only: the id the server's log line carries, to find the cause there. */
    errorId?: string;
  };
}

/** A page of a run's spans: summaries (`view=summary`) or full spans (`view=full`). */
export interface SpanListPage {
  spans: (SpanSummary | SpanDetail)[];
  nextCursor: string | null;
}

/** A page of a run's audit events, oldest first. */
export interface LedgerPage {
  events: LedgerEvent[];
  nextCursor: string | null;
}

/** What POST /api/v1/runs/{runId}/ledger stored. */
export interface LedgerIngestResult {
  runId: string;
  stored: number;
  rejected: number;
  errorMessage?: string;
}

/**
 * The `data:` of a workflow event: `workflow.started`, `execution.*`, `workflow.failed` /
 * `workflow.completed`, or the error of `event: closed` (an id nothing arrived for, a revoked key).
 */
export type WorkflowStreamEventData = WorkflowEventData | ExecutionEventData | WorkflowEndData | ApiError;

/** Who the request acts as: GET /api/v1/session (never 401). */
export interface SessionState {
  /** `open`: no key exists and the server listens on loopback only (no key needed); `setup`: no key exists yet but one is needed (the setup token makes the first); `keys`: keys exist. */
  keyMode: KeyMode;
  keysRequired: boolean;
  signedIn: boolean;
  /** Null when keys are required and the request carries no valid key. */
  tenantId: string | null;
  /** What the request's key or session may do (every scope on an open server; none without a valid key). */
  scopes: Scope[];
  /** The person signed in (a user's session); null for keys and open use. */
  user: SignedInUser | null;
  /** The tenants that person belongs to, with their role in each (empty for keys). */
  tenants: TenantRole[];
}

/** The person behind a user's session, with their role in the tenant the session acts in. */
export interface SignedInUser {
  id: string;
  email: string;
  role: Role;
  /** False for a viewer of a tenant that hides inputs and outputs from viewers. */
  seesContent: boolean;
}

export interface TenantRole {
  tenantId: string;
  role: Role;
}

/** POST /api/v1/session (and PUT, switching tenants): the tenant and scopes signed in with (the cookie is set when keys are required). */
export interface SignedIn {
  tenantId: string | null;
  scopes: Scope[];
  /** The person, for an email and password sign-in; null for a key's. */
  user: SignedInUser | null;
}

export interface ApiKeyPage {
  keys: ApiKeyView[];
  nextCursor: string | null;
}

/** POST /api/v1/api-keys: the key itself is in this answer only; only its hash is stored. */
export interface ApiKeyCreated {
  id: string;
  tenantId: string;
  name: string | null;
  prefix: string;
  scopes: Scope[];
  key: string;
}

export interface PriceDeleted {
  deleted: string;
  job: RepriceJob;
}

export type {
  AccessLogEntry,
  AccessLogPage,
  ApiKeyView,
  AsRanFoldedGraph,
  AsRanGraph,
  AsRanSegmentPage,
  AsRanSpanPlace,
  CostPerRunTrend,
  Execution,
  ExecutionPage,
  HealthReport,
  IngestReport,
  InvitationCreated,
  InvitationView,
  LedgerEvent,
  LogLine,
  LogMark,
  LogMarks,
  LogPage,
  MemberList,
  MemberView,
  MetricGroup,
  MetricPage,
  MetricPoint,
  MetricSeriesResult,
  MetricServices,
  MetricSummary,
  NodeDetail,
  PriceOverrideCreated,
  PriceOverrideListPage,
  RepriceJob,
  RetentionSetting,
  RedactionPreview,
  RedactionSettings,
  RunComparison,
  RunDag,
  RunPage,
  RunView,
  SpanDetail,
  SpanSummary,
  SpendOverTime,
  TopRuns,
  UnpricedModelPage,
  VersionComparison,
  VersionVerdictList,
  AlertEventPage,
  AlertEventView,
  AlertRuleCreated,
  AlertRuleList,
  AlertWebhook,
  RecordedScores,
  AuditPublicKeys,
  LedgerBundle,
  LedgerVerification,
  RunScoreList,
  WorkloadScores,
  VersionListPage,
  ViewerContentSetting,
  WorkloadListPage,
  Workflow,
  WorkloadTrend,
};
