// Replay's keyboard: Space plays or pauses, arrows step, Home/End jump, unless focus is where those keys type or move.

export type ReplayKeyAction = "toggle" | "back" | "forward" | "start" | "end";

const ACTIONS: Record<string, ReplayKeyAction> = { " ": "toggle", ArrowLeft: "back", ArrowRight: "forward", Home: "start", End: "end" };

/** Where focus is, as far as the replay keys care. */
export type KeyFocus = "text" | "widget" | "button" | "other";

/**
 * Text fields and selects keep every key; other composite widgets (tabs, the timeline tree, lists)
 * keep their arrows and Home/End; a focused button keeps Space (it presses the button).
 */
export function replayKeyAction(key: string, focus: KeyFocus): ReplayKeyAction | null {
  const action = ACTIONS[key];
  if (!action || focus === "text") return null;
  if (action === "toggle") return focus === "button" ? null : action;
  return focus === "widget" ? null : action;
}

const TEXT_INPUTS = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week"]);
const WIDGETS = '[role="tablist"], [role="tree"], [role="treegrid"], [role="grid"], [role="listbox"], [role="menu"], [role="radiogroup"], [role="slider"]:not([data-replay-scrubber])';

export function keyFocusOf(element: Element | null): KeyFocus {
  if (!element || !(element instanceof HTMLElement)) return "other";
  if (element.isContentEditable || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return "text";
  if (element instanceof HTMLInputElement) {
    if (TEXT_INPUTS.has(element.type)) return "text";
    // The scrubber is ours: every replay key works on it.
    if (element.dataset.replayScrubber !== undefined) return "other";
    return "widget";
  }
  if (element.closest(WIDGETS)) return "widget";
  if (element instanceof HTMLButtonElement || element instanceof HTMLAnchorElement || element.getAttribute("role") === "button") return "button";
  return "other";
}
