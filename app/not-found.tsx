import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

export default function NotFound() {
  return (
    <EmptyState title="Not found" testId="not-found">
      <p>
        Nothing lives at this address. Back to{" "}
        <Link className="text-sky-700 underline" href="/">
          Runs
        </Link>
        .
      </p>
    </EmptyState>
  );
}
