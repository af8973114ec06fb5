import type { ReactNode } from "react";

/** A body cell holding a number: right-aligned, digits lined up. */
export const NUM_CELL = "px-3 py-2 text-right tabular-nums";
const TH = "px-3 py-2 font-medium";

export interface Column {
  label: ReactNode;
  /** Right-aligned, over a column of numbers. */
  numeric?: boolean;
  /** What the column means, for a header too short to say. */
  title?: string;
}

interface Props {
  columns: readonly Column[];
  /** For screen readers: what the table lists, over which window. */
  caption?: ReactNode;
  testId?: string;
  /** Headers that must not wrap (many narrow columns). */
  nowrap?: boolean;
  children: ReactNode;
}

/** The dashboard's list table: bordered, scrolling sideways when narrow, headers from `columns`. */
export function DataTable({ columns, caption, testId, nowrap = false, children }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid={testId} className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" title={column.title} className={`${TH} ${nowrap ? "whitespace-nowrap" : ""} ${column.numeric ? "text-right" : ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
