import { CopyButton } from "@/components/ui/copy-button";
import type { AuditPublicKeys } from "@/lib/ledger-chain/types";

/** The installation's checkpoint signing keys, current first, each with its PEM to copy. */
export function AuditKeys({ keys }: AuditPublicKeys) {
  if (keys.length === 0) {
    return (
      <p data-testid="audit-keys-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
        No signing key yet: the collector makes one at its first start and publishes it here once it runs.
      </p>
    );
  }
  return (
    <ul className="space-y-3" aria-label="Signing keys">
      {keys.map((key) => (
        <li key={key.keyId} data-testid="audit-key" data-current={key.current} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-slate-900">Key id</span>
            <code data-testid="audit-key-id" className="font-mono">{key.keyId}</code>
            <CopyButton value={key.keyId} label="key id" />
            <span className="text-slate-500">
              {key.algorithm} · since {key.createdAt.slice(0, 10)}
            </span>
            {key.current ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-inset ring-emerald-600/30">current</span> : null}
          </div>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-700">{key.publicKeyPem}</pre>
        </li>
      ))}
    </ul>
  );
}
