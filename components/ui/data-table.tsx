import type { ReactNode } from "react";

/** A body cell holding a number: right-aligned, digits lined up. */
export const NUM_CELL = "px-3 py-2 text-right tabular-nums";
const TH = "px-3 py-2 font-medium";
/** The default frame: a bordered white card that scrolls sideways when narrow. */
const FRAME = "overflow-x-auto rounded-lg border border-slate-200 bg-white";

export interface Column {
  label: ReactNode;
  /** Right-aligned, over a column of numbers. */
  numeric?: boolean;
  /** What the column means, for a header too short to say. */
  title?: string;
}

interface Props {
  /** A bare string is a plain column's label. */
  columns: readonly (Column | string)[];
  /** For screen readers: what the table lists, over which window. */
  caption?: ReactNode;
  testId?: string;
  /** Headers that must not wrap (many narrow columns). */
  nowrap?: boolean;
  /** Classes of the scrolling frame, for a table set in another card (e.g. the API reference's). */
  frame?: string;
  children: ReactNode;
}

/** The dashboard's tables: a frame, a caption for screen readers and the header row from `columns`. */
export function DataTable({ columns, caption, testId, nowrap = false, frame = FRAME, children }: Props) {
  return (
    <div className={frame}>
      <table data-testid={testId} className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((spec, i) => {
              const column = typeof spec === "string" ? { label: spec } : spec;
              return (
                <th key={i} scope="col" title={column.title} className={`${TH} ${nowrap ? "whitespace-nowrap" : ""} ${column.numeric ? "text-right" : ""}`}>
                  {column.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
