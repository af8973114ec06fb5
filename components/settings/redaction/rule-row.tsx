"use client";

import { ACTION_LABELS, DETECTOR_LABELS } from "@/lib/redaction/labels";
import { DETECTOR_IDS, REDACTION_ACTIONS, type DetectorId, type RedactionAction, type RedactionRule } from "@/lib/redaction/types";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

interface Props {
  rule: RedactionRule;
  index: number;
  onChange: (rule: RedactionRule) => void;
  /** Null where the rules cannot be changed: no Remove button. */
  onRemove: (() => void) | null;
}

/** One rule: a detector or a named custom pattern, and what to do with a match. */
export function RuleRow({ rule, index, onChange, onRemove }: Props) {
  const setAction = (action: RedactionAction) => onChange({ ...rule, action });
  return (
    <li data-testid="redaction-rule" className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
      <span className="w-6 text-xs tabular-nums text-slate-400">{index + 1}.</span>
      {rule.kind === "detector" ? (
        <select aria-label={`Rule ${index + 1} detector`} data-testid="redaction-rule-detector" className={FIELD} value={rule.detector} onChange={(event) => onChange({ ...rule, detector: event.target.value as DetectorId })}>
          {DETECTOR_IDS.map((id) => (
            <option key={id} value={id}>
              {DETECTOR_LABELS[id]}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input aria-label={`Rule ${index + 1} name`} data-testid="redaction-rule-name" className={`${FIELD} w-36`} value={rule.name} placeholder="name" onChange={(event) => onChange({ ...rule, name: event.target.value })} />
          <input aria-label={`Rule ${index + 1} pattern`} data-testid="redaction-rule-pattern" className={`${FIELD} w-72 font-mono`} value={rule.pattern} placeholder="EMP-[0-9]{6}" onChange={(event) => onChange({ ...rule, pattern: event.target.value })} />
        </>
      )}
      <select aria-label={`Rule ${index + 1} action`} data-testid="redaction-rule-action" className={FIELD} value={rule.action} onChange={(event) => setAction(event.target.value as RedactionAction)}>
        {REDACTION_ACTIONS.map((action) => (
          <option key={action} value={action}>
            {ACTION_LABELS[action]}
          </option>
        ))}
      </select>
      {onRemove ? (
        <button type="button" onClick={onRemove} data-testid="redaction-rule-remove" className="ml-auto text-xs text-red-700 hover:underline">
          Remove
        </button>
      ) : null}
    </li>
  );
}
