import { serverRuntime } from "@/lib/runtime/registry";

export interface Endpoints {
  grpc: string;
  http: string;
}

/**
 * The OTLP endpoints as the browser's user can reach them: the host they typed for the
 * dashboard, with the ports the receivers actually bound.
 */
export function otlpEndpoints(requestHost: string | null): Endpoints {
  const { receivers } = serverRuntime();
  const hostname = requestHost ? hostnameOf(requestHost) : "localhost";
  return {
    grpc: `http://${hostname}:${receivers.grpc ?? 4317}`,
    http: `http://${hostname}:${receivers.http ?? 4318}`,
  };
}

function hostnameOf(hostHeader: string): string {
  // "[::1]:3000" keeps its brackets; "localhost:3000" loses the port.
  const match = /^(\[[^\]]+\]|[^:]+)/.exec(hostHeader.trim());
  return match?.[1] ?? "localhost";
}
