// Codon workload SDK for TypeScript: the runtime, tokens, ledger and ids. See sdk/README.md.
export { CodonWorkload, DEFAULT_DEPLOYMENT_ID, DEFAULT_MAX_STEPS, DEFAULT_ORG_NAMESPACE } from "./src/workload";
export type { ExecuteOptions, NodeOptions, WorkloadOptions } from "./src/workload";
export type { NodeFunction, NodeRuntime, NodeTools, RunContext } from "./src/runtime";
export {
  CodonError,
  DuplicateNodeError,
  EmitToUnknownEdge,
  InvalidDefinitionError,
  InvalidRunOptionsError,
  InvalidRuntimeCallError,
  NodeExecutionError,
  RunFailedError,
  StepLimitExceeded,
  UnknownNodeError,
  WorkloadRegistrationError,
  WorkloadRuntimeError,
} from "./src/errors";
export { ENTRY_ORIGIN } from "./src/token";
export type { Token } from "./src/token";
export { BUILTIN_EVENT_TYPES } from "./src/ledger";
export type { BuiltinEventType, LedgerEvent } from "./src/ledger";
export { nodeOutputs } from "./src/report";
export type { ActivationResult, ActivationStatus, ErrorSummary, ExecutionReport, StopReason, StreamItem } from "./src/report";
export { logicId, nodespecId, sha256Hex, workloadId } from "./src/ids";
export type { Edge, LogicDefinition, NodeSpecIdentity } from "./src/ids";
export { createNodeSpec, deriveCallableSignature, EMPTY_INPUT_SCHEMA, NODESPEC_VERSION } from "./src/nodespec";
export type { NodeSpec, NodeSpecInput } from "./src/nodespec";
export { canonicalJson } from "./src/canonical-json";
export type { JsonValue } from "./src/canonical-json";
export type { ActivationEnd, ActivationRef, ActivationStart, ObserverErrorHandler, RunInfo, RunObserver } from "./src/observer";
export { MAX_RENDERED_LENGTH, renderPayload } from "./src/render";
export { MAX_SCORE_LABEL_LENGTH, MAX_SCORE_NAME_LENGTH, normalizeScore, SCORE_EVENT_NAME, SCORE_ID_PATTERN } from "./src/score";
export type { RecordedScore, Score, ScoreInput } from "./src/score";
export { summarizeUsage } from "./src/usage";
export type { LlmUsage, UsageSummary } from "./src/usage";
export type { Clock, IdGenerator } from "./src/options";
