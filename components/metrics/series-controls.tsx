"use client";

import type { MetricMeasure } from "@/lib/metrics/types";
import { FilterSelect } from "@/components/ui/filter-select";
import { QUANTILES, type Quantile } from "@/components/metrics/view";

interface Props {
  attributeKeys: string[];
  groupBy: string | null;
  measure: MetricMeasure;
  quantile: Quantile;
  onGroupBy: (key: string | null) => void;
  onQuantile: (quantile: Quantile) => void;
}

/** Group by one attribute; a grouped distribution draws one quantile per group, chosen here. */
export function SeriesControls({ attributeKeys, groupBy, measure, quantile, onGroupBy, onQuantile }: Props) {
  // A linked key the metric no longer lists stays chosen, so the view matches the address.
  const keys = groupBy && !attributeKeys.includes(groupBy) ? [...attributeKeys, groupBy] : attributeKeys;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <FilterSelect label="Group by" testId="metrics-group-by" value={groupBy ?? ""} onChange={(next) => onGroupBy(next || null)}>
        <option value="">No grouping</option>
        {keys.map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </FilterSelect>
      {measure === "distribution" && groupBy ? (
        <FilterSelect label="Quantile" testId="metrics-quantile" value={quantile} onChange={(next) => onQuantile(QUANTILES.find((q) => q === next) ?? quantile)}>
          {QUANTILES.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </FilterSelect>
      ) : null}
    </div>
  );
}
