import type { ReactNode } from "react";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import type { KeyMode } from "@/lib/auth/authenticator";
import { CodeBlock } from "@/components/connect/code-block";

const CREATE_COMMAND = `npm run apikey -- create ${DEFAULT_TENANT_ID} "my laptop" --scope ingest`;

/** Whether senders need a key, how to send it and how to get one. Never how many keys exist, or whose. */
export function ApiKeyNotice({ mode }: { mode: KeyMode }) {
  const state = mode === "open" ? "off" : mode === "setup" ? "setup" : "on";
  return (
    <div data-testid="api-key-notice" data-state={state} className="max-w-3xl space-y-3 text-sm text-slate-700">
      {mode === "open" ? <KeysOff /> : mode === "setup" ? <KeysNeededNoneYet /> : <KeysOn />}
      <CodeBlock id="apikey-create" testId="apikey-create" caption="Create an exporter's key (it is printed once; only its hash is stored)" code={CREATE_COMMAND} language="shell" />
      <p className="text-xs text-slate-500">
        The form is <Code>npm run apikey -- create &lt;tenant&gt; [name] --scope ingest|read|admin</Code>: <Code>ingest</Code> sends telemetry
        (the default), <Code>read</Code> opens the dashboard and the read API, <Code>admin</Code> manages keys and prices. A key&apos;s exports
        land in its tenant. While no key exists, the dashboard shows the <Code>{DEFAULT_TENANT_ID}</Code> tenant, so create the first keys for it
        to keep the runs you already have in view. With the embedded database, run the command while the server is stopped; while it runs,
        create the first key with the setup token it printed at start (on the sign-in page), and further keys with{" "}
        <Code>POST /api/v1/api-keys</Code> and an admin key.
      </p>
    </div>
  );
}

function KeysOff() {
  return (
    <>
      <p>
        <strong className="font-semibold text-slate-900">No API key is set up:</strong> this server listens on this machine only, and exports are
        accepted without a key and go to the <Code>{DEFAULT_TENANT_ID}</Code> tenant.
      </p>
      <p>
        To accept senders from other machines, create a key and restart the server: from then on it listens on every interface (or on{" "}
        <Code>HOST</Code>), and exports without a valid key are refused (HTTP 401 / gRPC UNAUTHENTICATED).
      </p>
    </>
  );
}

function KeysNeededNoneYet() {
  return (
    <p role="alert">
      <strong className="font-semibold text-red-800">No API key exists yet, and this server listens beyond this machine,</strong> so every export
      needs one and none gets in until the first key is created: sign in with the setup token the server printed at start, or run{" "}
      <Code>npm run apikey -- create</Code> on the server.
    </p>
  );
}

function KeysOn() {
  return (
    <>
      <p>
        <strong className="font-semibold text-slate-900">API keys are on:</strong> every export must carry a key with the <Code>ingest</Code> scope.
      </p>
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
