import { shortId } from "@/components/ui/format";

/**
 * Two logic ids under one version string: the code changed but the version did not, so the
 * version string alone no longer says which logic a run used.
 */
export function ReuseFlag({ version, earlierLogicId }: { version: string | null; earlierLogicId: string }) {
  const sentence = `Version ${version ?? "(none)"} was first used by logic id ${earlierLogicId}; this logic id changed the logic without a version bump.`;
  return (
    <span
      data-testid="version-reuse-flag"
      data-earlier-logic-id={earlierLogicId}
      title={sentence}
      className="mt-1 flex w-max max-w-[14rem] items-start gap-1 rounded-md bg-amber-50 px-2 py-0.5 text-xs leading-snug font-medium text-amber-800 ring-1 ring-inset ring-amber-300"
    >
      <span aria-hidden>⚠</span>
      logic changed without a version bump
      <span className="sr-only"> (the version was first used by logic id {shortId(earlierLogicId)})</span>
    </span>
  );
}
