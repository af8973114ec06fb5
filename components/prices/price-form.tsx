"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import type { PriceOverrideCreated, PriceOverrideList, RepriceJob } from "@/lib/costs/types";
import { priceApi, priceKeys } from "@/components/prices/api";
import { savedMessage } from "@/components/prices/format";
import { FormField } from "@/components/prices/form-field";
import { withCreated } from "@/components/prices/list-cache";
import {
  FIELD_ORDER,
  initialValues,
  PRICE_FIELDS,
  validatePriceForm,
  type PriceField,
  type PriceFormErrors,
  type PriceFormValues,
} from "@/components/prices/price-form-values";

interface Props {
  /** `YYYY-MM-DD` in UTC, from the server so the first paint and hydration agree. */
  today: string;
  /** From `?model=&provider=`: the Costs page links here for a model it cannot price. */
  prefill: { model?: string; provider?: string };
  /** The live jobs, so the saved note follows the job it queued. */
  jobs: readonly RepriceJob[];
}

/** Sets a price for a model from a date on; the server queues the recomputation of stored costs. */
export function PriceForm({ today, prefill, jobs }: Props) {
  const id = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PriceFormValues>(() => initialValues(today, prefill));
  const [errors, setErrors] = useState<PriceFormErrors>({});
  const [saved, setSaved] = useState<RepriceJob | null>(null);
  const refs = useRef<Partial<Record<PriceField, HTMLInputElement | null>>>({});
  const submitRef = useRef<HTMLButtonElement | null>(null);

  // Arriving from "Add a price" the model is known: start where the typing is.
  useEffect(() => {
    if (prefill.model) refs.current.input?.focus();
  }, [prefill.model]);

  const save = useMutation({
    mutationFn: priceApi.create,
    onMutate: () => setSaved(null),
    onSuccess: (created: PriceOverrideCreated) => {
      queryClient.setQueryData<PriceOverrideList>(priceKeys.list, (list) => (list ? withCreated(list, created) : list));
      void queryClient.invalidateQueries({ queryKey: priceKeys.list });
      setValues((current) => ({ ...current, ...Object.fromEntries(PRICE_FIELDS.map((field) => [field, ""])) }));
      setSaved(created.job);
      // The button was disabled while saving, which drops focus; the cleared price is next.
      requestAnimationFrame(() => refs.current.input?.focus());
    },
    onError: () => requestAnimationFrame(() => submitRef.current?.focus()),
  });

  const field = (name: PriceField) => ({
    id: `${id}-${name}`,
    value: values[name],
    error: errors[name],
    inputRef: (element: HTMLInputElement | null) => {
      refs.current[name] = element;
    },
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [name]: value }));
      if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });

  const liveJob = saved ? (jobs.find((job) => job.id === saved.id) ?? saved) : null;

  return (
    <form
      data-testid="price-form"
      aria-labelledby={`${id}-title`}
      noValidate
      className="rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (save.isPending) return;
        const result = validatePriceForm(values);
        if (!result.ok) {
          setErrors(result.errors);
          const first = FIELD_ORDER.find((name) => result.errors[name]);
          if (first) refs.current[first]?.focus();
          return;
        }
        setErrors({});
        save.mutate(result.body);
      }}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-800">
        Add a price
      </h2>
      {prefill.model ? (
        <p data-testid="price-prefill-note" className="mt-1 text-sm text-sky-800">
          Adding a price for <span className="font-mono">{prefill.model}</span>
          {prefill.provider ? <> ({prefill.provider})</> : null}
        </p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">Prices are in US dollars per million tokens.</p>

      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FormField {...field("model")} label="Model" testId="price-model" required autoComplete="off" spellCheck={false} inputClassName="font-mono" hint="As your spans name it, e.g. gpt-4o." />
        <FormField {...field("provider")} label="Provider" testId="price-provider" placeholder="any" autoComplete="off" spellCheck={false} inputClassName="font-mono" hint="Blank: whatever provider a span names." />
        <FormField {...field("effectiveFrom")} label="Effective from" testId="price-effective-from" type="date" required hint="From midnight UTC on this day." />
      </div>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FormField {...field("input")} label="Input $/1M tokens" testId="price-input" required {...priceInput} />
        <FormField {...field("output")} label="Output $/1M tokens" testId="price-output" required {...priceInput} />
        <FormField {...field("cacheRead")} label="Cache read $/1M" testId="price-cache-read" placeholder="as input" hint="Blank: charged as input." {...priceInput} />
        <FormField {...field("cacheWrite")} label="Cache write $/1M" testId="price-cache-write" placeholder="as input" hint="Blank: charged as input." {...priceInput} />
      </div>

      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button
          ref={submitRef}
          type="submit"
          data-testid="price-submit"
          disabled={save.isPending}
          className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-60"
        >
          {save.isPending ? "Saving…" : "Save price"}
        </button>
        <p role="status" data-testid="price-form-saved" className="text-sm text-emerald-800 tabular-nums">
          {liveJob && !save.isPending ? savedMessage(liveJob) : ""}
        </p>
      </div>
      {save.isError ? (
        <p role="alert" data-testid="price-form-error" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The price was not saved: {save.error.message}
        </p>
      ) : null}
    </form>
  );
}

/** Decimal text rather than type=number: a typo gets a message instead of silently becoming blank. */
const priceInput = { type: "text", inputMode: "decimal", autoComplete: "off", inputClassName: "tabular-nums" } as const;
