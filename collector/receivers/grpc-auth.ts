import * as grpc from "@grpc/grpc-js";
import type { Authenticator } from "@/collector/auth";
import { apiKeyFrom } from "@/lib/auth/request-key";
import { asExportError, refusalMessage } from "@/collector/pipeline/errors";
import type { Logger } from "@/lib/runtime/log";

/** Set by the interceptor only (a client's own value is overwritten): the tenant the key sends to. */
export const TENANT_METADATA = "x-codon-internal-tenant";

/**
 * Checks the API key from the call's metadata before grpc-js reads the message: the handler
 * asks for the body (startRead) only once its metadata listener has run, and this interceptor
 * holds that back until the key is known. So an unauthenticated sender's message is never read,
 * inflated or decoded: it is answered UNAUTHENTICATED from the headers alone.
 */
export function authInterceptor(auth: Authenticator, log: Logger): grpc.ServerInterceptor {
  return (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, forward) {
            const key = apiKeyFrom((name) => {
              const value = metadata.get(name)[0];
              return value === undefined ? undefined : value.toString();
            });
            auth.tenantFor(key).then(
              (tenantId) => {
                metadata.set(TENANT_METADATA, tenantId);
                forward(metadata);
              },
              (error: unknown) => {
                const failure = asExportError(error);
                call.sendStatus({ code: failure.grpcCode, details: refusalMessage(failure, log, { method: method.path }) });
              },
            );
          },
        });
      },
    });
}

/** The tenant the interceptor authenticated; a call that did not pass it has none. */
export function authenticatedTenant(metadata: grpc.Metadata): string | null {
  const value = metadata.get(TENANT_METADATA)[0];
  return typeof value === "string" ? value : null;
}
