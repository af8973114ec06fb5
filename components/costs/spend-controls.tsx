import { DIMENSIONS, SPEND_BUCKETS } from "@/lib/costs/types";
import type { SpendBucket, SpendDimension } from "@/lib/costs/types";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import { costsHref, type CostView } from "@/components/costs/view";

const DIMENSION_LABELS: Record<SpendDimension, string> = { workload: "Workload", version: "Version", model: "Model", deployment: "Deployment" };
const BUCKET_LABELS: Record<SpendBucket, string> = { day: "Day", week: "Week" };

/** "Split by" and Day / Week for the spend chart; the bucket applies to the cost-per-run chart too. */
export function SpendControls({ view }: { view: CostView }) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <SegmentedLinks
        label="Split by"
        current={view.by}
        segments={DIMENSIONS.map((by) => ({ key: by, label: DIMENSION_LABELS[by], href: costsHref(view, { by }), testId: `spend-by-${by}` }))}
      />
      <SegmentedLinks
        label="Per"
        groupLabel="Spend per day or week"
        current={view.bucket}
        segments={SPEND_BUCKETS.map((bucket) => ({ key: bucket, label: BUCKET_LABELS[bucket], href: costsHref(view, { bucket }), testId: `spend-bucket-${bucket}` }))}
      />
    </div>
  );
}
