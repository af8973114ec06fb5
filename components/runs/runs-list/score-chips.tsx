import { SCORE_PREFIX } from "@/lib/scores/filter";

interface Props {
  /** The score filters in the URL, as typed. */
  scores: readonly string[];
  onRemove: (text: string) => void;
}

/** One chip per active score filter; its × button (or Delete / Backspace on it) removes it. */
export function ScoreChips({ scores, onRemove }: Props) {
  if (scores.length === 0) return null;
  return (
    <ul aria-label="Score filters" data-testid="score-filters" className="flex basis-full flex-wrap gap-2">
      {scores.map((text, index) => (
        <li
          key={`${index}:${text}`}
          data-testid="score-filter-chip"
          className="inline-flex items-center gap-1 rounded-full border border-sky-200 bg-sky-50 py-0.5 pr-1 pl-2.5 font-mono text-xs text-sky-900"
        >
          {SCORE_PREFIX}
          {text}
          <button
            type="button"
            data-testid="score-filter-remove"
            aria-label={`Remove filter ${SCORE_PREFIX}${text}`}
            title="Remove this filter"
            className="rounded-full px-1 leading-none text-sky-700 outline-none hover:bg-sky-100 focus-visible:ring-2 focus-visible:ring-sky-400"
            onClick={() => onRemove(text)}
            onKeyDown={(event) => {
              if (event.key !== "Delete" && event.key !== "Backspace") return;
              event.preventDefault();
              onRemove(text);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
