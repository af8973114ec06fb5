/** Ports of the server the browser specs use; the lifecycle spec picks its own so both can run. */
export const E2E_PORTS = { web: 3210, grpc: 14317, http: 14318 } as const;
