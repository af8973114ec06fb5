import type { ReactNode } from "react";

/** The look of a filter bar's fields (selects and the odd text box beside them). */
export const FIELD_CLASS = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

interface Props {
  label: string;
  /** The form field name, for forms that also work without JavaScript. */
  name?: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

/** A labelled select of a filter bar; choosing calls onChange with the option's value. */
export function FilterSelect({ label, name, testId, value, onChange, children }: Props) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} data-testid={testId} className={FIELD_CLASS} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </label>
  );
}
