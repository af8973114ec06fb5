"use client";

import type { Ref } from "react";
import { TEXT_INPUT_CLASS } from "@/components/ui/form-parts";

interface Props {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string;
  inputRef: Ref<HTMLInputElement>;
}

/** The one-time setup token the server printed at start: hidden as typed, never autofilled. */
export function SetupTokenField({ id, testId, value, onChange, invalid, describedBy, inputRef }: Props) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Setup token
      </label>
      <input
        ref={inputRef}
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="cst_…"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        className={`${TEXT_INPUT_CLASS} font-mono`}
      />
    </>
  );
}
