import { isIngestFailure, type IngestService } from "@/lib/runtime/registry";

export interface AuthState {
  /** Once any API key was created (revoked ones count), reads and exports need one. */
  keysRequired: boolean;
  /** The tenant the key opens; `default` while no keys exist; null when a key is needed and this one is missing or invalid. */
  tenantId: string | null;
}

const isUnauthenticated = (error: unknown) => isIngestFailure(error) && error.httpStatus === 401;

/**
 * Whether keys are required and whom `key` signs in as, through the collector's authenticator
 * (cached, so this costs no query per page or request). Database trouble is thrown as is.
 */
export async function authState(ingest: Pick<IngestService, "tenantFor">, key: string | null): Promise<AuthState> {
  try {
    return { keysRequired: false, tenantId: await ingest.tenantFor(null) };
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
  }
  if (!key) return { keysRequired: true, tenantId: null };
  try {
    return { keysRequired: true, tenantId: await ingest.tenantFor(key) };
  } catch (error) {
    if (isUnauthenticated(error)) return { keysRequired: true, tenantId: null };
    throw error;
  }
}
