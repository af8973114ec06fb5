/** Shifts every e2e port, so two checkouts can run the browser specs at once (E2E_PORT_OFFSET=100). */
export const E2E_PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

/** Ports of the server the browser specs use; the lifecycle spec picks its own so both can run. */
export const E2E_PORTS = { web: 3210 + E2E_PORT_OFFSET, grpc: 14317 + E2E_PORT_OFFSET, http: 14318 + E2E_PORT_OFFSET } as const;
