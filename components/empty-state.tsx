import type { ReactNode } from "react";

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <section
      data-testid={testId ?? "empty-state"}
      className="rounded-lg border border-dashed border-slate-300 bg-white px-8 py-12 text-center"
    >
      <h2 className="text-lg font-semibold text-slate-800">{title}</h2>
      {children ? <div className="mx-auto mt-3 max-w-2xl text-sm text-slate-600">{children}</div> : null}
    </section>
  );
}

export function PageHeader({ title, description }: { title: string; description?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
  );
}

export function ErrorPanel({ message }: { message: string }) {
  return (
    <section role="alert" data-testid="error-panel" className="rounded-lg border border-red-200 bg-red-50 px-6 py-4 text-sm text-red-800">
      {message}
    </section>
  );
}

/** A page whose data could not be read: its header, then the error's own words (else `fallback`). */
export function LoadFailed({ header, error, fallback }: { header: ReactNode; error: unknown; fallback: string }) {
  return (
    <>
      {header}
      <ErrorPanel message={error instanceof Error ? error.message : fallback} />
    </>
  );
}
