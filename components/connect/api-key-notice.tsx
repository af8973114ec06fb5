import type { ReactNode } from "react";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import type { ApiKeyStatus } from "@/lib/auth/queries/api-key-status";
import { CodeBlock } from "@/components/connect/code-block";

const CREATE_COMMAND = `npm run apikey -- create ${DEFAULT_TENANT_ID} "my laptop"`;

/** Whether senders need a key, how to send it and how to get one; from the keys the server holds. */
export function ApiKeyNotice({ status }: { status: ApiKeyStatus }) {
  const state = !status.required ? "off" : status.activeKeys > 0 ? "on" : "revoked";
  return (
    <div data-testid="api-key-notice" data-state={state} className="max-w-3xl space-y-3 text-sm text-slate-700">
      {state === "off" ? <KeysOff /> : <KeysOn activeKeys={status.activeKeys} />}
      <CodeBlock id="apikey-create" testId="apikey-create" caption="Create a key (it is printed once; only its hash is stored)" code={CREATE_COMMAND} language="shell" />
      <p className="text-xs text-slate-500">
        The form is <Code>npm run apikey -- create &lt;tenant&gt; [name]</Code>; a key&apos;s exports land in its tenant, and signing in to
        this dashboard with the key shows that tenant. While no key exists, the dashboard shows the <Code>{DEFAULT_TENANT_ID}</Code> tenant, so
        create the first key for it to keep the runs you already have in view. With the embedded database, run the command while the server
        is stopped (or create keys with <Code>POST /api/v1/api-keys</Code> while it runs).
      </p>
    </div>
  );
}

function KeysOff() {
  return (
    <>
      <p>
        <strong className="font-semibold text-slate-900">No API key is set up:</strong> exports are accepted without a key and go to the{" "}
        <Code>{DEFAULT_TENANT_ID}</Code> tenant.
      </p>
      <p>To require keys, create one. From then on, exports without a valid key are refused (HTTP 401 / gRPC UNAUTHENTICATED).</p>
    </>
  );
}

function KeysOn({ activeKeys }: { activeKeys: number }) {
  return (
    <>
      {activeKeys > 0 ? (
        <p>
          <strong className="font-semibold text-slate-900">API keys are on</strong> ({activeKeys} active): every export must carry one.
        </p>
      ) : (
        <p role="alert">
          <strong className="font-semibold text-red-800">API keys are on, but every key is revoked:</strong> all exports are refused until you
          create a new key.
        </p>
      )}
      <p>
        Send it as the header <Code>x-codon-api-key: &lt;key&gt;</Code> (or <Code>Authorization: Bearer &lt;key&gt;</Code>). The Codon SDK
        sends <Code>CODON_API_KEY</Code> for you; any OpenTelemetry exporter sends{" "}
        <Code>OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=&lt;key&gt;</Code>. The snippets below include it.
      </p>
    </>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 font-mono text-[0.85em] text-slate-900">{children}</code>;
}
