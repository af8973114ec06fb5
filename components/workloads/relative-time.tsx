import { formatAge } from "@/components/ui/format";
import { exactTime } from "@/components/workloads/figures";

/** `5 d ago`, with the exact UTC time on hover. Server-rendered only: the age is as of the request. */
export function RelativeTime({ iso, nowMs }: { iso: string; nowMs: number }) {
  return (
    <time dateTime={iso} title={exactTime(iso)} className="whitespace-nowrap">
      {formatAge(iso, nowMs)}
    </time>
  );
}
