import "server-only";
import { hashApiKey } from "@/lib/auth/api-keys";
import { requestCredential } from "@/lib/auth/request-key";
import { clientAddress } from "@/lib/http/client-info";
import { handleRead, type ReadContext } from "@/lib/http/handler";
import { jsonError } from "@/lib/http/responses";
import { SSE_HEADERS, streamEnd, type StreamEnd } from "@/lib/http/sse";
import { serverRuntime } from "@/lib/runtime/registry";

export interface LiveContext extends ReadContext {
  /** Aborted when the client goes away, or with a StreamEnd reason when its access ends. */
  signal: AbortSignal;
  /** Pass to the stream: frees its slot when it ends. */
  onClose: () => void;
  /** How long a stream may wait for an id nothing has arrived for. */
  unknownIdWaitMs: number;
}

/** Who holds a stream, for the per-client cap: the key or session sent, else the client's address (as the server's edge saw it). */
function clientOf(request: Request): string {
  const credential = requestCredential(request);
  if (credential.kind === "key") return `key:${hashApiKey(credential.key)}`;
  if (credential.kind === "session") return `session:${hashApiKey(credential.token)}`;
  return `address:${clientAddress(request)}`;
}

/**
 * Whether the request's credentials still grant its tenant, by the very rule every read applies
 * (handleRead, run again on the same request): null if so, else how its streams end. Throws when
 * it cannot tell (the database is unavailable), so the streams are kept.
 */
async function accessEnd(request: Request, tenantId: string): Promise<StreamEnd | null> {
  const seen: { tenantId?: string } = {};
  const answer = await handleRead(request, async (context) => {
    seen.tenantId = context.tenantId;
    return new Response(null, { status: 204 });
  });
  if (seen.tenantId !== undefined) return seen.tenantId === tenantId ? null : streamEnd("forbidden", `This stream's API key no longer acts for tenant "${tenantId}"; the stream is closed`);
  if (answer.status === 401 || answer.status === 403) {
    const body = (await answer.json().catch(() => null)) as { error?: { message?: string } } | null;
    const why = body?.error?.message ?? `HTTP ${answer.status}`;
    return streamEnd(answer.status === 401 ? "unauthenticated" : "forbidden", `This stream's API key is no longer valid (${why}); the stream is closed`);
  }
  throw new Error(`Cannot check the stream's key now (HTTP ${answer.status})`);
}

/**
 * A Server-Sent Events endpoint: authenticated as every read, then admitted under the stream caps
 * (429 with Retry-After past one), its access checked again while it is open (a revoked key ends
 * it with `event: closed`), and its slot freed when it ends, however it ends.
 */
export function handleLive(request: Request, open: (context: LiveContext) => Promise<ReadableStream<Uint8Array>>): Promise<Response> {
  return handleRead(request, async (context) => {
    const streams = serverRuntime().liveStreams;
    const admission = streams.admit({
      client: clientOf(request),
      tenantId: context.tenantId,
      check: () => accessEnd(request, context.tenantId),
      signal: request.signal,
    });
    if ("refused" in admission) {
      return jsonError(429, "too_many_streams", admission.refused, { "retry-after": String(admission.retryAfterSeconds) });
    }
    const { lease } = admission;
    try {
      const body = await open({ ...context, signal: lease.signal, onClose: lease.release, unknownIdWaitMs: streams.settings.unknownIdWaitMs });
      return new Response(body, { headers: SSE_HEADERS });
    } catch (error) {
      lease.release();
      throw error;
    }
  });
}
