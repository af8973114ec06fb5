import { describe, expect, it } from "vitest";
import { readProject, type SourceFile } from "@/scripts/import-rules/graph";
import { checkImports } from "@/scripts/import-rules/rules";

const root = new URL("../..", import.meta.url).pathname;

/** A file importing project files at run time (`to` resolved), or type-only with `type:`. */
function file(path: string, imports: string[], client = false): SourceFile {
  return {
    path,
    client,
    imports: imports.map((target) => {
      const typeOnly = target.startsWith("type:");
      const to = typeOnly ? target.slice(5) : target;
      const specifier = path.startsWith("sdk/") ? `./${to.split("/").at(-1)}` : `@/${to.replace(/\.tsx?$/, "")}`;
      return { from: path, specifier, to, typeOnly };
    }),
  };
}

const rules = (files: SourceFile[]) => checkImports(files).map((v) => `${v.rule} ${v.file}`);

describe("import rules", () => {
  it("hold for the whole project", () => {
    const violations = checkImports(readProject(root));
    expect(violations.map((v) => `${v.rule}: ${v.file} ${v.message}`)).toEqual([]);
  });

  it("refuse lib/ importing what builds on it, and lib/http/ importing a feature", () => {
    expect(rules([file("lib/runs/a.ts", ["collector/store/x.ts"]), file("collector/store/x.ts", [])])).toEqual(["lib-imports-up lib/runs/a.ts"]);
    expect(rules([file("lib/http/a.ts", ["type:lib/costs/types.ts"]), file("lib/costs/types.ts", [])])).toEqual(["http-knows-features lib/http/a.ts"]);
    expect(rules([file("app/page.tsx", ["lib/runs/a.ts"]), file("lib/runs/a.ts", ["lib/http/params.ts"]), file("lib/http/params.ts", [])])).toEqual([]);
  });

  it("find import circles, type-only ones too", () => {
    const circle = [file("lib/a.ts", ["lib/b.ts"]), file("lib/b.ts", ["lib/c.ts"]), file("lib/c.ts", ["type:lib/a.ts"])];
    expect(checkImports(circle).map((v) => v.message)).toEqual(["import circle: lib/a.ts -> lib/b.ts -> lib/c.ts"]);
  });

  it("want the @/ alias outside sdk/, relative paths inside it, and sdk/ on its own", () => {
    const relative: SourceFile = { path: "lib/a.ts", client: false, imports: [{ from: "lib/a.ts", specifier: "./b", to: "lib/b.ts", typeOnly: false }] };
    expect(rules([relative, file("lib/b.ts", [])])).toEqual(["import-style lib/a.ts"]);
    const aliased: SourceFile = { path: "sdk/a.ts", client: false, imports: [{ from: "sdk/a.ts", specifier: "@/sdk/b", to: "sdk/b.ts", typeOnly: false }] };
    expect(rules([aliased, file("sdk/b.ts", [])])).toEqual(["import-style sdk/a.ts"]);
    expect(rules([file("sdk/a.ts", ["lib/x.ts"]), file("lib/x.ts", [])])).toEqual(["import-style sdk/a.ts"]);
  });

  it("keep browser code from loading server-only modules, through any chain, but allow types", () => {
    const files = [
      file("components/a.tsx", ["components/b.ts", "type:lib/runs/queries/q.ts"], true),
      file("components/b.ts", ["lib/costs/params.ts"]),
      file("lib/costs/params.ts", []),
      file("lib/runs/queries/q.ts", []),
    ];
    expect(checkImports(files).map((v) => v.message)).toEqual(["reaches server-only lib/costs/params.ts (through components/b.ts)"]);
    expect(rules([file("components/c.tsx", ["lib/runs/queries/q.ts"]), file("lib/runs/queries/q.ts", [])])).toEqual([]);
  });
});
