"use client";

import { useState } from "react";
import type { SpanDetail } from "@/lib/runs/types";
import { ActivationError } from "@/components/compare/run-compare/activation-error";
import { SidePicker } from "@/components/compare/run-compare/activation-picker";
import { PayloadAlone } from "@/components/compare/run-compare/payload-compare";

/** The side that ran, alone, with its own activation choice. */
export function AloneSide({ side, activations }: { side: "a" | "b"; activations: SpanDetail[] }) {
  const [index, setIndex] = useState(0);
  const span = activations[index] ?? null;
  return (
    <>
      {activations.length > 1 ? (
        <div className="mt-3">
          <SidePicker side={side} activations={activations} index={index} onChange={setIndex} />
        </div>
      ) : null}
      {!span ? <p className="mt-3 text-sm text-slate-500">No activation on record in run {side}.</p> : null}
      <ActivationError side={side} span={span} index={index} />
      <PayloadAlone label="Input" testId="io-diff-input" text={span?.input ?? null} side={side} hidden={span?.contentHidden} />
      <PayloadAlone label="Output" testId="io-diff-output" text={span?.output ?? null} side={side} hidden={span?.contentHidden} />
    </>
  );
}
