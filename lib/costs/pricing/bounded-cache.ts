/**
 * A memo bounded by entries and by bytes, for lookups keyed by strings from untrusted telemetry.
 * Keys longer than `maxKeyLength` are never stored (the caller decides what such a key means), so
 * no single entry can be large; the oldest entries go first when either bound is reached.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxBytes: number; maxKeyLength: number },
    /** What one value costs besides its key, in bytes (a rough figure suffices). */
    private readonly valueBytes: (value: V) => number = () => 0,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, estimated: UTF-16 keys, the values' figure, and a fixed overhead per entry. */
  get bytes(): number {
    return this.totalBytes;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Remembers the value unless its key is too long; returns whether it did. */
  set(key: string, value: V): boolean {
    if (key.length > this.limits.maxKeyLength) return false;
    this.delete(key);
    const bytes = ENTRY_OVERHEAD_BYTES + key.length * 2 + this.valueBytes(value);
    while (this.entries.size > 0 && (this.entries.size >= this.limits.maxEntries || this.totalBytes + bytes > this.limits.maxBytes)) {
      this.delete(this.entries.keys().next().value!);
    }
    if (bytes > this.limits.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}

/** A Map entry and its boxed record, roughly, on V8. */
const ENTRY_OVERHEAD_BYTES = 64;
