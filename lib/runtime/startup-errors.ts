import { ConfigError } from "@/lib/runtime/config";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { MigrationError } from "@/lib/db/migrate";

/** A start-up failure in words a user can act on. */
export function explainStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof MigrationError) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") {
    const port = (error as { port?: number }).port;
    return `Port ${port ?? ""} is already in use. Stop what holds it or choose another port (PORT, OTLP_GRPC_PORT, OTLP_HTTP_PORT).`;
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND") {
    return `Cannot reach the database at DATABASE_URL (${code}). Is PostgreSQL running at that address?`;
  }
  if (error instanceof Error && /No address added out of total/.test(error.message)) {
    return `The gRPC port could not be bound (${error.message}). Is it in use? Choose another with OTLP_GRPC_PORT.`;
  }
  if (error instanceof Error && (error as { code?: string }).code === "28P01") {
    return `PostgreSQL refused the credentials in DATABASE_URL: ${error.message}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
