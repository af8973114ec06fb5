// "Jump to n250": which node of a run a typed query means. Pure, one pass over the nodes.
import type { DagNode } from "@/lib/runs/types";

/**
 * The best node for a query, case-insensitive: an exact id or name, else the first (in the given
 * order) whose name starts with it, else the first whose name or id contains it; null for none.
 */
export function findNode(nodes: readonly Pick<DagNode, "id" | "name">[], query: string): string | null {
  const q = query.trim().toLowerCase();
  if (q === "") return null;
  let prefix: string | null = null;
  let inside: string | null = null;
  for (const n of nodes) {
    const name = n.name.toLowerCase();
    const id = n.id.toLowerCase();
    if (name === q || id === q) return n.id;
    if (prefix === null && name.startsWith(q)) prefix = n.id;
    else if (inside === null && (name.includes(q) || id.includes(q))) inside = n.id;
  }
  return prefix ?? inside;
}
