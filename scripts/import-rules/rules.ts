import type { ImportEdge, SourceFile } from "@/scripts/import-rules/graph";

// The layout's rules, checked on the import graph (docs/adr/0002-layout.md says why):
// - lib/ is shared by everything and imports none of the folders that build on it;
// - lib/http/ is infrastructure and knows no feature;
// - no import circles;
// - project code is imported through the `@/` alias, except inside sdk/, a package of its own;
// - browser code ("use client") never reaches server-only modules.

export interface Violation {
  rule: "lib-imports-up" | "http-knows-features" | "cycle" | "import-style" | "client-reaches-server";
  file: string;
  message: string;
}

const ABOVE_LIB = ["app/", "bench/", "collector/", "components/", "demo/", "e2e/", "scripts/", "sdk/", "test-support/"];
const FEATURES = ["lib/agentfield/", "lib/costs/", "lib/runs/", "lib/workloads/"];

/** Modules that only make sense on the server: database, HTTP handling, the process's runtime, keys. */
export function isServerOnly(file: string): boolean {
  return (
    ["lib/db/", "lib/http/", "lib/runtime/", "lib/auth/oidc/", "collector/", "test-support/"].some((prefix) => file.startsWith(prefix)) ||
    [
      "lib/auth/api-keys.ts",
      "lib/auth/attempts.ts",
      "lib/auth/authenticator.ts",
      "lib/auth/key-admin.ts",
      "lib/auth/page-tenant.ts",
      "lib/auth/sessions.ts",
      "lib/auth/setup-token.ts",
    ].includes(file) ||
    file.includes("/queries/") ||
    (file.startsWith("lib/") && /(^|\/|-)params\.ts$/.test(file))
  );
}

function layering(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    for (const edge of file.imports) {
      if (!edge.to) continue;
      if (file.path.startsWith("lib/") && ABOVE_LIB.some((prefix) => edge.to!.startsWith(prefix))) {
        out.push({ rule: "lib-imports-up", file: file.path, message: `imports ${edge.to}: lib/ must not depend on the code built on it` });
      }
      if (file.path.startsWith("lib/http/") && FEATURES.some((prefix) => edge.to!.startsWith(prefix))) {
        out.push({ rule: "http-knows-features", file: file.path, message: `imports ${edge.to}: lib/http/ is shared infrastructure and knows no feature` });
      }
    }
  }
  return out;
}

function importStyle(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const inSdk = file.path.startsWith("sdk/");
    for (const edge of file.imports) {
      const relative = edge.specifier.startsWith("./") || edge.specifier.startsWith("../");
      if (inSdk && edge.specifier.startsWith("@/")) {
        out.push({ rule: "import-style", file: file.path, message: `imports "${edge.specifier}": sdk/ is a package of its own; import its files relatively` });
      } else if (inSdk && edge.to && !edge.to.startsWith("sdk/")) {
        out.push({ rule: "import-style", file: file.path, message: `imports ${edge.to}: sdk/ must not depend on the rest of the project` });
      } else if (!inSdk && relative) {
        out.push({ rule: "import-style", file: file.path, message: `imports "${edge.specifier}": use the @/ alias for project code` });
      }
    }
  }
  return out;
}

/** Every import circle, each reported once (Tarjan's strongly connected components). */
function cycles(files: readonly SourceFile[]): Violation[] {
  const next = new Map<string, string[]>();
  for (const file of files) next.set(file.path, file.imports.flatMap((edge) => (edge.to ? [edge.to] : [])));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: Violation[] = [];
  let counter = 0;
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    const selfLoop = (next.get(node) ?? []).includes(node);
    if (members.length > 1 || selfLoop) {
      const sorted = members.sort();
      out.push({ rule: "cycle", file: sorted[0]!, message: `import circle: ${sorted.join(" -> ")}` });
    }
  };
  for (const file of files) if (!index.has(file.path)) connect(file.path);
  return out;
}

/** Browser bundles: what a "use client" file loads at run time, followed through every import. */
function clientReach(files: readonly SourceFile[]): Violation[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const out: Violation[] = [];
  for (const start of files.filter((file) => file.client)) {
    const via = new Map<string, string>([[start.path, start.path]]);
    const queue = [start.path];
    while (queue.length > 0) {
      const current = queue.shift()!;
      const runtimeImports = (byPath.get(current)?.imports ?? []).filter((edge: ImportEdge) => edge.to && !edge.typeOnly);
      for (const edge of runtimeImports) {
        const target = edge.to!;
        if (via.has(target)) continue;
        via.set(target, current);
        if (isServerOnly(target)) {
          out.push({ rule: "client-reaches-server", file: start.path, message: `reaches server-only ${target} (through ${current})` });
          continue;
        }
        queue.push(target);
      }
    }
  }
  return out;
}

export function checkImports(files: readonly SourceFile[]): Violation[] {
  return [...layering(files), ...importStyle(files), ...cycles(files), ...clientReach(files)];
}
