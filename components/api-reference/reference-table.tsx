import type { ReactNode } from "react";
import { table, tableFrame, th, thead } from "@/components/api-reference/styles";

/** The frame, hidden caption and header row every table of the reference shares. */
export function ReferenceTable({
  columns,
  caption,
  testId,
  className = "",
  children,
}: {
  columns: readonly string[];
  caption: string;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`${tableFrame} ${className}`}>
      <table className={table} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={thead}>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={th}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
