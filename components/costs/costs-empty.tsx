import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PRICES_PATH } from "@/components/costs/links";

const link = "text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/** Nothing spent and nothing waiting for a price: say where costs come from. */
export function CostsEmpty({ windowLabel, allTimeHref }: { windowLabel: string; allTimeHref: string | null }) {
  return (
    <EmptyState title="No cost data yet" testId="costs-empty">
      <p>
        Costs come from the token usage on LLM spans (<code className="font-mono">codon.tokens.*</code>,{" "}
        <code className="font-mono">gen_ai.usage.*</code>, <code className="font-mono">llm.token_count.*</code>), priced by{" "}
        <code className="font-mono">@pydantic/genai-prices</code> or by{" "}
        <Link className={link} href={PRICES_PATH}>
          your own prices
        </Link>
        . Send telemetry as described on{" "}
        <Link className={link} href="/connect">
          Connect
        </Link>
        .
      </p>
      {allTimeHref ? (
        <p className="mt-2">
          Nothing was spent in {windowLabel};{" "}
          <Link className={link} href={allTimeHref}>
            look at all time
          </Link>
          .
        </p>
      ) : null}
    </EmptyState>
  );
}

/** A filtered view with nothing spent: the filters are the likely cause, so offer to drop them. */
export function CostsNoMatch({ clearHref }: { clearHref: string }) {
  return (
    <EmptyState title="No spend matches these filters" testId="costs-no-match">
      <p>
        Widen the time window or{" "}
        <Link className={link} href={clearHref} data-testid="costs-no-match-clear">
          clear the filters
        </Link>
        .
      </p>
    </EmptyState>
  );
}
