"use client";

import type { MetricServices } from "@/lib/metrics/types";
import { FilterSelect } from "@/components/ui/filter-select";

/** Which service's metrics to list; "" lists every service's (and those of no service.name). */
export function ServiceSelect({ services, value, onChange }: { services: MetricServices["services"]; value: string | null; onChange: (service: string | null) => void }) {
  const named = services.filter((s): s is { name: string; metrics: number } => s.name !== null);
  // A linked service that has not sent anything (yet) stays selectable, so the view says so.
  const missing = value !== null && !named.some((s) => s.name === value);
  return (
    <FilterSelect label="Service" testId="metrics-service" value={value ?? ""} onChange={(next) => onChange(next || null)}>
      <option value="">Every service</option>
      {named.map((s) => (
        <option key={s.name} value={s.name}>
          {s.name} ({s.metrics} {s.metrics === 1 ? "metric" : "metrics"})
        </option>
      ))}
      {missing ? <option value={value}>{value} (no metrics)</option> : null}
    </FilterSelect>
  );
}
