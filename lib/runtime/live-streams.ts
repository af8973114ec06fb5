// Admission and access of live (SSE) streams: how many may be open per client, per tenant and in
// all, and ending a client's streams once its key no longer grants access. What a stream is and
// how it ends is the caller's business (lib/http/live.ts): here a stream is a lease whose signal
// aborts, with the reason the access check gave, when its access ends.

export interface LiveStreamSettings {
  /** Streams one client may hold: per API key (or session), or per address while keys are not required. */
  maxPerClient: number;
  maxPerTenant: number;
  maxTotal: number;
  /** How long a workflow stream waits for an id nothing has arrived for before it ends with not_found. */
  unknownIdWaitMs: number;
  /** How often open streams' keys are checked again (the check itself is cached, see collector/auth.ts). */
  recheckMs: number;
}

export const DEFAULT_LIVE_STREAM_SETTINGS: LiveStreamSettings = {
  maxPerClient: 50,
  maxPerTenant: 200,
  maxTotal: 1000,
  unknownIdWaitMs: 30_000,
  recheckMs: 1000,
};

/** Whether the client may still read: null if so, else why not (the streams' abort reason). Throws when it cannot tell. */
export type AccessCheck = () => Promise<unknown>;

export interface StreamRequest {
  /** Who holds the stream: `key:<hash>` or `address:<ip>`; callers choose. */
  client: string;
  tenantId: string;
  check: AccessCheck;
  /** The client's request: its abort (the client went away) ends the lease too. */
  signal: AbortSignal;
}

export interface StreamLease {
  /** Aborted when the client goes away or its access ends (with the check's reason). */
  readonly signal: AbortSignal;
  /** Frees the slot; idempotent. */
  release(): void;
}

export type Admission = { lease: StreamLease } | { refused: string; retryAfterSeconds: number };

interface Client {
  tenantId: string;
  check: AccessCheck;
  leases: Set<AbortController>;
  /** A periodic check is under way (a revocation checks again regardless). */
  checking: boolean;
}

const RETRY_AFTER_SECONDS = 5;

export class LiveStreams {
  private current: LiveStreamSettings = { ...DEFAULT_LIVE_STREAM_SETTINGS };
  private readonly clients = new Map<string, Client>();
  private readonly perTenant = new Map<string, number>();
  private total = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  get settings(): Readonly<LiveStreamSettings> {
    return this.current;
  }

  configure(settings: Partial<LiveStreamSettings>): void {
    this.current = { ...this.current, ...settings };
    if (this.timer) {
      this.stopTimer();
      this.startTimer();
    }
  }

  get openCount(): number {
    return this.total;
  }

  /** A slot for one more stream, or why not (the caller answers 429 with Retry-After). */
  admit(request: StreamRequest): Admission {
    const { maxPerClient, maxPerTenant, maxTotal } = this.current;
    const key = `${request.tenantId}\u001f${request.client}`;
    const held = this.clients.get(key)?.leases.size ?? 0;
    const tenantHeld = this.perTenant.get(request.tenantId) ?? 0;
    const refuse = (refused: string): Admission => ({ refused, retryAfterSeconds: RETRY_AFTER_SECONDS });
    if (held >= maxPerClient) return refuse(`This client already has ${held} live streams open, the most allowed (SSE_MAX_STREAMS_PER_CLIENT=${maxPerClient}); close one or retry later`);
    if (tenantHeld >= maxPerTenant) return refuse(`Tenant "${request.tenantId}" already has ${tenantHeld} live streams open, the most allowed (SSE_MAX_STREAMS_PER_TENANT=${maxPerTenant}); close one or retry later`);
    if (this.total >= maxTotal) return refuse(`The server already has ${this.total} live streams open, the most allowed (SSE_MAX_STREAMS=${maxTotal}); retry later`);

    let client = this.clients.get(key);
    if (!client) this.clients.set(key, (client = { tenantId: request.tenantId, check: request.check, leases: new Set(), checking: false }));
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", onAbort, { once: true });
    if (request.signal.aborted) onAbort();
    client.leases.add(controller);
    this.perTenant.set(request.tenantId, tenantHeld + 1);
    this.total++;
    this.startTimer();

    let released = false;
    const holder = client;
    return {
      lease: {
        signal: controller.signal,
        release: () => {
          if (released) return;
          released = true;
          request.signal.removeEventListener("abort", onAbort);
          holder.leases.delete(controller);
          if (holder.leases.size === 0 && this.clients.get(key) === holder) this.clients.delete(key);
          const left = (this.perTenant.get(request.tenantId) ?? 1) - 1;
          if (left > 0) this.perTenant.set(request.tenantId, left);
          else this.perTenant.delete(request.tenantId);
          if (--this.total === 0) this.stopTimer();
        },
      },
    };
  }

  /**
   * A key of the tenant was revoked in this process (after the key cache was cleared): check its
   * clients' access now, so their streams end at once. Resolves once checked.
   */
  async keyRevoked(tenantId: string): Promise<void> {
    const clients = [...this.clients.values()].filter((client) => client.tenantId === tenantId);
    await Promise.all(clients.map((client) => this.checkClient(client)));
  }

  /** Every client's access, checked once (the timer calls this); a check still under way is not repeated. */
  async recheckAll(): Promise<void> {
    const clients = [...this.clients.values()].filter((client) => !client.checking);
    await Promise.all(
      clients.map(async (client) => {
        client.checking = true;
        try {
          await this.checkClient(client);
        } finally {
          client.checking = false;
        }
      }),
    );
  }

  private async checkClient(client: Client): Promise<void> {
    let reason: unknown;
    try {
      reason = await client.check();
    } catch {
      // Cannot tell (database unavailable): keep the streams, check again later.
      return;
    }
    if (reason === null || reason === undefined) return;
    for (const controller of [...client.leases]) controller.abort(reason);
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.recheckAll(), this.current.recheckMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
