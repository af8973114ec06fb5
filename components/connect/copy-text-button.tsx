"use client";

import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "selected";

const SHOW_COPIED_MS = 2000;
const SHOW_HINT_MS = 6000;

interface Props {
  text: string;
  /** What is copied, for the accessible name: "Copy gRPC endpoint". */
  label: string;
  /** The element showing `text`: selected for the user to copy when the clipboard is out of reach. */
  targetId: string;
  testId?: string;
}

/**
 * Copies `text` to the clipboard and says so. Pages served over plain http from another host have
 * no `navigator.clipboard`, and a denied permission rejects: then the text is selected instead,
 * ready for the user's own copy shortcut.
 */
export function CopyTextButton({ text, label, targetId, testId }: Props) {
  const [state, setState] = useState<CopyState>("idle");
  const [copyKeys, setCopyKeys] = useState("Ctrl+C");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), state === "copied" ? SHOW_COPIED_MS : SHOW_HINT_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard in this context");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setCopyKeys(/Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘C" : "Ctrl+C");
      setState(selectContents(targetId) ? "selected" : "idle");
    }
  }

  return (
    <>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        data-testid={testId}
        data-state={state}
        onClick={() => void copy()}
        className={`shrink-0 rounded border px-2 py-0.5 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
          state === "idle" ? "border-slate-300 bg-white text-slate-600 hover:bg-slate-50 hover:text-slate-900" : "border-emerald-300 bg-emerald-50 text-emerald-800"
        }`}
      >
        {state === "copied" ? "Copied" : state === "selected" ? `Selected: press ${copyKeys}` : "Copy"}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? `Copied ${label}` : state === "selected" ? `${label} selected: press ${copyKeys} to copy` : ""}
      </span>
    </>
  );
}

function selectContents(elementId: string): boolean {
  const element = document.getElementById(elementId);
  const selection = window.getSelection();
  if (!element || !selection) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
