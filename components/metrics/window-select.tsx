"use client";

import { FilterSelect } from "@/components/ui/filter-select";
import { WINDOWS, windowPhrase, type MetricWindow, type WindowKey } from "@/components/metrics/view";

const FIXED = "fixed";

/** The time window: a preset ending now, plus the fixed window a link brought, while it is chosen. */
export function WindowSelect({ value, onChange }: { value: MetricWindow; onChange: (key: WindowKey) => void }) {
  return (
    <FilterSelect
      label="Time"
      testId="metrics-window"
      value={value.kind === "preset" ? value.key : FIXED}
      onChange={(next) => {
        const preset = WINDOWS.find((w) => w.key === next);
        if (preset) onChange(preset.key);
      }}
    >
      {WINDOWS.map((w) => (
        <option key={w.key} value={w.key}>
          {w.label}
        </option>
      ))}
      {value.kind === "fixed" ? <option value={FIXED}>{windowPhrase(value)}</option> : null}
    </FilterSelect>
  );
}
