import type { ExecutionReport } from "./report";

/** Base of every error the SDK throws, so callers can tell SDK errors from their own. */
export class CodonError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

// ---- Registration: the workload definition is wrong. Thrown by the constructor, addNode, addEdge.

export class WorkloadRegistrationError extends CodonError {}

export class DuplicateNodeError extends WorkloadRegistrationError {
  constructor(readonly nodeName: string) {
    super(`Node '${nodeName}' is already registered; node names must be unique within a workload`);
  }
}

export class UnknownNodeError extends WorkloadRegistrationError {
  constructor(
    readonly nodeName: string,
    readonly edge: { source: string; target: string },
  ) {
    const end = nodeName === edge.source ? "source" : "target";
    super(`Edge '${edge.source}' -> '${edge.target}': ${end} node '${nodeName}' is not registered; add it with addNode() first`);
  }
}

/** An empty name, role or version, or a node function that is not a function. */
export class InvalidDefinitionError extends WorkloadRegistrationError {}

// ---- Runtime: something went wrong while executing (or starting) a run.

export class WorkloadRuntimeError extends CodonError {}

/** `execute()` / `stream()` options that cannot start a run: no nodes, unknown entry node, bad maxSteps. */
export class InvalidRunOptionsError extends WorkloadRuntimeError {}

/** Thrown by `runtime.emit()` inside a node; when it escapes the node, the run fails with NodeExecutionError. */
export class EmitToUnknownEdge extends WorkloadRuntimeError {
  constructor(
    readonly source: string,
    readonly target: string,
    targetExists: boolean,
  ) {
    super(
      targetExists
        ? `Node '${source}' emitted to '${target}', but no edge '${source}' -> '${target}' is registered`
        : `Node '${source}' emitted to '${target}', which is not a registered node`,
    );
  }
}

/** A runtime method used wrongly: after its activation ended, a reserved event type, invalid usage. */
export class InvalidRuntimeCallError extends WorkloadRuntimeError {}

/** A run that started and then failed; `report` holds everything recorded up to the failure. */
export class RunFailedError extends WorkloadRuntimeError {
  constructor(
    message: string,
    readonly report: ExecutionReport,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class StepLimitExceeded extends RunFailedError {
  constructor(
    readonly maxSteps: number,
    readonly nextNode: string,
    report: ExecutionReport,
  ) {
    super(
      `Run ${report.runId} reached maxSteps=${maxSteps} with tokens still queued (next for '${nextNode}'); ` +
        "a cycle without a stop condition? Raise maxSteps or call runtime.stop()",
      report,
    );
  }
}

/** A node threw (or rejected); `cause` is what it threw. */
export class NodeExecutionError extends RunFailedError {
  constructor(
    readonly nodeName: string,
    readonly tokenId: string,
    readonly step: number,
    cause: unknown,
    report: ExecutionReport,
  ) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`Node '${nodeName}' failed at step ${step} (token ${tokenId}): ${reason}`, report, { cause });
  }
}
