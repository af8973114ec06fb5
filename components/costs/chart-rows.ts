// ChartData rows as recharts reads them: flat objects keyed `s0`, `s1`, … by series position.
// Series keys themselves cannot be dataKeys: recharts reads a dotted key ("gpt-4.1") as a path.

import type { ChartRow } from "@/components/costs/chart-data";

export type FlatRow = { start: string } & Record<`s${number}`, number | null>;

export const seriesDataKey = (index: number): `s${number}` => `s${index}`;

export function flattenRows(rows: ChartRow[]): FlatRow[] {
  return rows.map((row) => {
    const flat: FlatRow = { start: row.start };
    row.values.forEach((value, i) => {
      flat[seriesDataKey(i)] = value;
    });
    return flat;
  });
}
