import type { ReactNode } from "react";

/** Where a form or button would be for someone allowed to use it: why it is not there (issue 25). */
export function NotAllowed({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p role="note" data-testid={testId} className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-600">
      {children}
    </p>
  );
}
