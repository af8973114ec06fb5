"use client";

import { SEVERITY_LEVELS } from "@/lib/logs/severity";

/** The minimum-level filter of a log list: "" for every level. */
export function LevelSelect({ value, onChange }: { value: string; onChange: (level: string) => void }) {
  return (
    <label className="flex flex-col gap-1 font-medium text-slate-600">
      Level
      <select data-testid="logs-filter-severity" value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        <option value="">Every level</option>
        {SEVERITY_LEVELS.slice(1).map((level) => (
          <option key={level} value={level}>
            {level} and above
          </option>
        ))}
      </select>
    </label>
  );
}
