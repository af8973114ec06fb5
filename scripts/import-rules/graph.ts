import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// The project's import graph, read with the TypeScript parser so type-only imports (erased at
// build time) are told apart from imports that load code.

export interface ImportEdge {
  /** Project-relative path of the importing file. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** Project-relative path of the imported file; null for packages and unresolved specifiers. */
  to: string | null;
  /** `import type …` / `export type …`, or every named binding marked `type`: nothing loads at run time. */
  typeOnly: boolean;
}

export interface SourceFile {
  path: string;
  /** Starts with the "use client" directive: bundled for the browser. */
  client: boolean;
  imports: ImportEdge[];
}

const SOURCE_DIRS = ["app", "bench", "collector", "components", "demo", "e2e", "lib", "migrations", "scripts", "sdk", "test-support"];
const ROOT_FILES = ["server.ts", "next.config.ts", "playwright.config.ts", "vitest.config.ts"];
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function walk(root: string, dir: string, out: string[]): void {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(root, rel, out);
    } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      out.push(rel.split(path.sep).join("/"));
    }
  }
}

/** The project's own source files, relative to `root`. */
export function listSources(root: string): string[] {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(root, dir, files);
  for (const file of ROOT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  return files.sort();
}

function resolve(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = path.posix.normalize(base + ext);
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return null;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // a side-effect import loads the module
    if (clause.isTypeOnly) return true;
    if (clause.name) return false;
    const bindings = clause.namedBindings;
    return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** One file's imports: static imports and re-exports, and `import("…")` calls (which load code). */
export function readSource(root: string, file: string): SourceFile {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => imports.push({ from: file, specifier, to: resolve(root, file, specifier), typeOnly });
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnly(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) add(argument.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const first = source.statements[0];
  const client = first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
  return { path: file, client, imports };
}

export function readProject(root: string): SourceFile[] {
  return listSources(root).map((file) => readSource(root, file));
}
