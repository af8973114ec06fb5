import Link from "next/link";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata = { title: "Costs" };

export default function CostsPage() {
  return (
    <>
      <PageHeader title="Costs" description="Spend by workload, version, model, deployment and day." />
      <EmptyState title="No cost data yet" testId="costs-empty">
        <p>
          Costs are computed from the token usage on LLM spans (<code className="font-mono">codon.tokens.*</code>,{" "}
          <code className="font-mono">gen_ai.usage.*</code>, <code className="font-mono">llm.token_count.*</code>). Send
          telemetry as described on{" "}
          <Link className="text-sky-700 underline" href="/connect">
            Connect
          </Link>
          .
        </p>
      </EmptyState>
    </>
  );
}
