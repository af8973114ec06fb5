import type { InputHTMLAttributes, Ref } from "react";

export const inputClass =
  "w-full rounded-md border bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:bg-slate-50";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> {
  id: string;
  label: string;
  testId: string;
  /** Shown under the input, always; tied to it for screen readers. */
  hint?: string;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  inputClassName?: string;
}

/** A labelled input whose hint and error are read with it (aria-describedby). */
export function FormField({ id, label, testId, hint, error, inputRef, inputClassName = "", ...input }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
        {input.required ? null : <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      <input
        {...input}
        ref={inputRef}
        id={id}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`${inputClass} ${error ? "border-red-400" : "border-slate-300"} ${inputClassName}`}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} data-testid={`${testId}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
