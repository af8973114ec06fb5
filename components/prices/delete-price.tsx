"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { PriceOverrideList } from "@/lib/costs/types";
import { priceApi, priceKeys } from "@/components/prices/api";
import { withDeleted } from "@/components/prices/list-cache";

const buttonClass = "rounded-md px-2 py-1 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-60";

/** Delete, then an inline "Delete? Yes / Cancel": a slip of the keyboard costs a recomputation. */
export function DeletePrice({ id, label }: { id: string; label: string }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement | null>(null);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  const wasConfirming = useRef(false);

  const remove = useMutation({
    mutationFn: () => priceApi.remove(id),
    onSuccess: ({ job }) => {
      queryClient.setQueryData<PriceOverrideList>(priceKeys.list, (list) => (list ? withDeleted(list, id, job) : list));
      void queryClient.invalidateQueries({ queryKey: priceKeys.list });
    },
    // The answered buttons were disabled, which drops focus; Cancel is where to go from a refusal.
    onError: () => requestAnimationFrame(() => cancelRef.current?.focus()),
  });

  // Focus follows the question: to Cancel (the safe answer) when asked, back to Delete when dropped.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button
        ref={deleteRef}
        type="button"
        data-testid="price-delete"
        aria-label={`Delete ${label}`}
        className={`${buttonClass} text-red-700 hover:bg-red-50`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-label={`Delete ${label}?`}
      className="flex flex-wrap items-center justify-end gap-1"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !remove.isPending) setConfirming(false);
      }}
    >
      <span className="text-xs text-slate-700">{remove.isPending ? "Deleting…" : "Delete?"}</span>
      <button
        type="button"
        data-testid="price-delete-confirm"
        disabled={remove.isPending}
        className={`${buttonClass} bg-red-700 text-white hover:bg-red-800`}
        onClick={() => remove.mutate()}
      >
        Yes
      </button>
      <button
        ref={cancelRef}
        type="button"
        data-testid="price-delete-cancel"
        disabled={remove.isPending}
        className={`${buttonClass} text-slate-700 hover:bg-slate-100`}
        onClick={() => {
          remove.reset();
          setConfirming(false);
        }}
      >
        Cancel
      </button>
      {remove.isError ? (
        <p role="alert" data-testid="price-delete-error" className="w-full text-right text-xs text-red-700">
          Not deleted: {remove.error.message}
        </p>
      ) : null}
    </div>
  );
}
