/**
 * `npm run bench:browser`: how fast the run page draws a big Aggregated DAG in Chromium, and how
 * smooth zooming and panning it stays. Prints figures; asserts nothing.
 *
 * Starts the real server (a fresh embedded database, its own ports), sends runs of 50, 500 and
 * 2,000 distinct sequential nodes through real OTLP exporters (spans over gRPC, the ledger over
 * HTTP/protobuf), then drives /usr/bin/chromium with playwright-core. Then the As it ran view
 * of a 10,000-activation run (`BENCH_AS_RAN`, 0 skips it): navigation → drawn with where the time
 * goes, and one folded chain opened; then one chain's folded rest clicked `BENCH_OPEN_AGAIN` times on
 * one load (`BENCH_CPU_PROFILE_DIR` writes each of those clicks' CPU profile and trace there). Needs a
 * production build (`npx next build`) of this checkout.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { chromium, type Page } from "playwright-core";
import { scriptedRunAudit, scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { asRanRun } from "@/bench/as-ran-run";
import { SEGMENT_PAGE } from "@/lib/runs/as-it-ran/visible";
import { findChromium } from "@/e2e/chromium";
import { untilStored } from "@/e2e/send";
import { spawnServer, waitForHealthy } from "@/e2e/server-process";

const SIZES = (process.env.BENCH_SIZES ?? "50,500,2000").split(",").filter(Boolean).map(Number);
/** Activations of the as-it-ran case (`?view=as-it-ran`); 0 skips it. */
const AS_RAN = Number(process.env.BENCH_AS_RAN ?? 10_000);
/** As it ran: clicks on one chain's folded rest, one after another on one load (each shows SEGMENT_PAGE more steps); 0 skips it. */
const OPEN_AGAIN = Number(process.env.BENCH_OPEN_AGAIN ?? 20);
/** A folder: each of those clicks' CPU profile (Chromium's sampling profiler) is written there. */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
/** Navigations per size; the median is printed (the first load of a size also warms the server). */
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const VIEWPORT = { width: 1440, height: 900 };

if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("bench:browser needs a production build of this checkout: run `npx next build` first (no .next/BUILD_ID).");
  process.exit(1);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error("bench:browser needs Chromium: set CHROMIUM_PATH or install /usr/bin/chromium.");
  process.exit(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** n0 → n1 → … in time, each its own node name, with the ledger's tokens along the chain. */
function chainRun(size: number, suffix: string): ScriptedRun {
  const runId = `bench-chain-${size}-${suffix}`;
  return {
    runId,
    // A version of its own per size: a version's static graph gathers the nodes of all its runs.
    workload: `Bench-Chain-${size}`,
    version: "1.0.0",
    logicId: size.toString(16).padStart(64, "b"),
    deployment: "bench",
    startMs: Date.now() - 60 * 60_000,
    activations: Array.from({ length: size }, (_, i) => ({
      node: `n${i}`,
      role: "step",
      atMs: i * 10,
      durationMs: 8,
      llm: { model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 100, outputTokens: 20 },
    })),
    tokens: Array.from({ length: size }, (_, i): [string, string, string, string | null] => [
      i === 0 ? "__entry__" : `n${i - 1}`,
      `n${i}`,
      `${runId}-t${i}`,
      // No parent token: a lineage list grows with the chain, O(n²) attribute values in all.
      null,
    ]),
  };
}

function exportAll<T>(exporter: { export(batch: T[], done: (r: { code: number; error?: Error }) => void): void }, items: T[], size: number) {
  return (async () => {
    for (let i = 0; i < items.length; i += size) {
      await new Promise<void>((resolve, reject) =>
        exporter.export(items.slice(i, i + size), (r) => (r.code === 0 ? resolve() : reject(r.error ?? new Error("export failed")))),
      );
    }
  })();
}

// Runs in the page before its scripts: records when the DAG is drawn (node cards present, all
// visible, unchanged for two frames) and every frame's delta while `__recordFrames` is on.
const PAGE_PROBE = `(() => {
  let last = "";
  let stable = 0;
  let prevFrame = 0;
  window.__frames = [];
  window.__recordFrames = false;
  const tick = (now) => {
    if (window.__recordFrames && prevFrame) window.__frames.push(now - prevFrame);
    prevFrame = now;
    // The canvas mounts in the browser only (after hydration): from there on the time is the graph's own.
    if (window.__canvasAt === undefined && document.querySelector(".react-flow")) window.__canvasAt = now;
    if (window.__dagDrawnAt === undefined) {
      const cards = document.querySelectorAll(".react-flow__node");
      const viewport = document.querySelector(".react-flow__viewport");
      let visible = cards.length > 0 && viewport !== null;
      for (const card of cards) if (getComputedStyle(card).visibility === "hidden") { visible = false; break; }
      const state = visible ? cards.length + "|" + viewport.style.transform : "";
      stable = visible && state === last ? stable + 1 : 0;
      last = state;
      if (stable >= 2) window.__dagDrawnAt = now;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // A click's own time, not Playwright's (its actionability checks come before the click).
  addEventListener("click", () => (window.__clickAt = performance.now()), true);
  // Event Timing: a click's start to the next paint after its handlers (what INP counts; 8 ms steps).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== "click") continue;
      window.__clickPaintMs = e.duration;
      // Start → handlers done (React renders and commits a click's update inside them); the rest is style, layout, paint.
      window.__clickHandlersMs = e.processingEnd - e.startTime;
    }
  }).observe({ type: "event", durationThreshold: 16 });
})();`;

interface Load {
  drawnMs: number;
  /** When React Flow's canvas first appeared (NaN for an opened chain). */
  canvasMs: number;
  ttfbMs: number;
  cards: number;
}

async function loadOnce(page: Page, url: string): Promise<Load> {
  await page.goto(url, { waitUntil: "commit" });
  try {
    await page.waitForFunction(() => (window as unknown as { __dagDrawnAt?: number }).__dagDrawnAt !== undefined, null, { timeout: 60_000, polling: 100 });
  } catch (error) {
    const shot = path.join(os.tmpdir(), "bench-browser-timeout.png");
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`no DAG drawn at ${page.url()} within 60 s (screenshot: ${shot}); server said:\n${server.output().slice(-3000)}`, { cause: error });
  }
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const w = window as unknown as { __dagDrawnAt: number; __canvasAt?: number };
    return {
      drawnMs: w.__dagDrawnAt,
      canvasMs: w.__canvasAt ?? NaN,
      ttfbMs: nav?.responseStart ?? 0,
      cards: document.querySelectorAll(".react-flow__node").length,
    };
  });
}

/** Wheel-zooms in and out over the canvas, then drags it around, recording frame deltas. */
async function interact(page: Page): Promise<number[]> {
  const box = await page.locator(".react-flow__pane").first().boundingBox();
  if (!box) throw new Error("no React Flow pane");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.evaluate(() => ((window as unknown as { __frames: number[]; __recordFrames: boolean }).__recordFrames = true));
  for (const dy of [-120, 120]) {
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, dy);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
  }
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(cx + Math.sin(i / 6) * 300, cy + Math.cos(i / 6) * 150);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recordFrames: boolean };
    w.__recordFrames = false;
    return w.__frames.splice(0);
  });
}

/**
 * Clicks the first folded chain's card (it draws up to a hundred more nodes); the time is from the
 * click to the first frame the graph stood still in after the card changed (up to two frames of
 * settling included). Null when nothing is folded.
 */
async function openSegment(
  page: Page,
  testId = "dag-segment",
  trace = false,
  /** The cards the open adds (as-it-ran: an activation card per step): timed until all of them are drawn. */
  cards?: { testId: string; added: (segmentSteps: number) => number },
): Promise<(Load & { shownMs: number; paintMs: number; handlersMs: number; cpuMs: number; completeMs: number; completeCpuMs: number }) | null> {
  const segment = page.getByTestId(testId).first();
  if ((await page.getByTestId(testId).count()) === 0) return null;
  const before = await segment.getAttribute("data-segment-id");
  const want = cards ? (await page.getByTestId(cards.testId).count()) + cards.added(Number(await segment.getAttribute("data-steps"))) : 0;
  if (trace) await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
  const started = await page.evaluate(() => performance.now());
  // The first frame without the folded card: the new steps are in the DOM (the fit animation follows).
  // With `cards`, polling goes on to the first frame with every new card (a view may draw them over
  // several frames). Polled from before the click, so the first frame after it is looked at too.
  const opened = page.waitForFunction(
    ({ id, testId, want }) => {
      const w = window as unknown as { __openShownAt?: number; __openCompleteAt?: number };
      if (document.querySelector(`[data-segment-id="${id}"]`)) return false;
      w.__openShownAt ??= performance.now();
      if (testId === null) return true;
      if (document.querySelectorAll(`[data-testid="${testId}"]`).length < want) return false;
      performance.mark("bench:open-complete");
      w.__openCompleteAt = performance.now();
      return true;
    },
    { id: before, testId: cards?.testId ?? null, want },
    { polling: "raf" },
  );
  await segment.click();
  await opened;
  const [shownAt, completeAt] = await page.evaluate(() => {
    const w = window as unknown as { __openShownAt?: number; __openCompleteAt?: number };
    const at: [number, number] = [w.__openShownAt ?? NaN, w.__openCompleteAt ?? NaN];
    delete w.__openShownAt;
    delete w.__openCompleteAt;
    return at;
  });
  await page.evaluate(() => delete (window as unknown as { __dagDrawnAt?: number }).__dagDrawnAt);
  await page.waitForFunction(() => (window as unknown as { __dagDrawnAt?: number }).__dagDrawnAt !== undefined, null, { timeout: 60_000, polling: 100 });
  return page.evaluate(
    (t0) => ({
      drawnMs: (window as unknown as { __dagDrawnAt: number }).__dagDrawnAt - t0,
      canvasMs: NaN,
      ttfbMs: NaN,
      cards: document.querySelectorAll(".react-flow__node").length,
    }),
    started,
  ).then(async (load) => {
    const clickAt = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
    // The observer reports after the paint: wait for it.
    const paintMs = await page
      .waitForFunction(() => (window as unknown as { __clickPaintMs?: number }).__clickPaintMs, null, { timeout: 5_000 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => NaN);
    const handlersMs = await page.evaluate(() => {
      const w = window as unknown as { __clickPaintMs?: number; __clickHandlersMs?: number };
      const handlers = w.__clickHandlersMs ?? NaN;
      delete w.__clickPaintMs;
      delete w.__clickHandlersMs;
      return handlers;
    });
    const traced = trace ? await browser.stopTracing() : null;
    const cpu = traced ? clickCpuMs(traced, "bench:open-complete") : { firstPaint: NaN, complete: NaN };
    return { ...load, shownMs: shownAt - clickAt, paintMs, handlersMs, cpuMs: cpu.firstPaint, completeMs: completeAt - clickAt, completeCpuMs: cpu.complete };
  });
}

function printRow(label: string, load: Load, frames: number[]) {
  console.log(
    [
      label.padEnd(12),
      (Number.isNaN(load.ttfbMs) ? "–" : ms(load.ttfbMs)).padEnd(8),
      (Number.isNaN(load.canvasMs) ? "–" : ms(load.canvasMs)).padEnd(13),
      ms(load.drawnMs).padEnd(15),
      String(load.cards).padEnd(12),
      ms(quantile(frames, 0.5)).padEnd(9),
      ms(quantile(frames, 0.95)).padEnd(9),
      ms(frames[frames.length - 1] ?? NaN),
    ].join(" | "),
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { type?: string } };
}

/**
 * The renderer main thread's CPU time (thread time, so other processes' load does not count) from
 * the click's dispatch to the end of the first paint after it: the work a click makes the page do
 * before it shows, which a busy shared machine stretches in wall time but not here. `complete`: the
 * same to the end of the first paint after the page's `mark` (User Timing), NaN without one.
 */
function clickCpuMs(trace: Buffer, mark: string): { firstPaint: number; complete: number } {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const click = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
  if (!click) return { firstPaint: NaN, complete: NaN };
  const onMain = (e: TraceEvent) => e.pid === click.pid && e.tid === click.tid && e.ph === "X";
  const paints = events.filter((e) => onMain(e) && e.name === "Paint" && e.ts >= click.ts).sort((a, b) => a.ts - b.ts);
  const marked = events.find((e) => e.name === mark && e.ts >= click.ts);
  const done = marked && paints.find((p) => p.ts >= marked.ts);
  return { firstPaint: cpuUntil(events, click, onMain, paints[0]), complete: done ? cpuUntil(events, click, onMain, done) : NaN };
}

function cpuUntil(events: TraceEvent[], click: TraceEvent, onMain: (e: TraceEvent) => boolean, paint: TraceEvent | undefined): number {
  if (!paint) return NaN;
  const end = paint.ts + (paint.dur ?? 0);
  const tasks = events.filter((e) => onMain(e) && (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask") && e.ts + (e.dur ?? 0) >= click.ts && e.ts <= end);
  // Nested task events of one kind inside another would count twice: keep the outermost.
  tasks.sort((a, b) => a.ts - b.ts);
  let total = 0;
  let reach = -Infinity;
  for (const t of tasks) {
    if (t.ts < reach) continue;
    reach = t.ts + (t.dur ?? 0);
    total += t.tdur ?? NaN;
  }
  return total / 1000;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (v: number) => `${Math.round(v).toLocaleString("en-US")} ms`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bench-browser-"));
const [web, grpc, http] = [await freePort(), await freePort(), await freePort()];
const server = spawnServer({
  HOST: "127.0.0.1",
  PORT: String(web),
  OTLP_GRPC_PORT: String(grpc),
  OTLP_HTTP_PORT: String(http),
  DATA_DIR: dataDir,
  // The default cuts a workflow's graph at 500 nodes; the 2,000-node case must draw them all.
  MAX_DAG_NODES: String(Math.max(500, ...SIZES)),
});
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  await waitForHealthy(server, web);
  const suffix = Date.now().toString(36);
  const runs = SIZES.map((size) => chainRun(size, suffix));
  const asRan = AS_RAN > 0 ? asRanRun(AS_RAN, suffix) : null;
  for (const run of asRan ? [...runs, asRan] : runs) {
    await exportAll(new OTLPTraceExporter({ url: `http://127.0.0.1:${grpc}` }), scriptedRunSpans(run), 1000);
    await exportAll(new OTLPLogExporter({ url: `http://127.0.0.1:${http}/v1/logs` }), await scriptedRunAudit(run), 1000);
  }
  await untilStored(web, 120_000);

  console.log(`Run page, Aggregated DAG of N distinct sequential nodes; Chromium ${browser.version()}, ${os.cpus().length} CPUs, viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  console.log(`median of ${LOADS} loads; frames: requestAnimationFrame deltas while wheel-zooming and dragging`);
  // Other work on a 2-core machine moves these figures a lot: say how busy it was.
  console.log(`load average before the loads: ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  console.log("nodes        | TTFB     | canvas mounts | DAG drawn       | cards in DOM | frame p50 | frame p95 | frame max");
  console.log("(DAG drawn: from navigation; on a \"+1 open\" row, from a click on the folded chain's card)");
  const openPaints: string[] = [];
  for (const run of runs) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(PAGE_PROBE);
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error (${run.activations.length} nodes): ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") console.error(`console error (${run.activations.length} nodes): ${message.text()}`);
    });
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadOnce(page, `http://127.0.0.1:${web}/runs/${run.runId}`));
    loads.sort((a, b) => a.drawnMs - b.drawnMs);
    const median = loads[Math.floor(loads.length / 2)]!;
    printRow(String(run.activations.length), median, (await interact(page)).sort((a, b) => a - b));
    // With a folded chain: open it on a fresh load (LOADS times, for the click's paint), then zoom and pan again.
    const opens: NonNullable<Awaited<ReturnType<typeof openSegment>>>[] = [];
    for (let i = 0; i < LOADS; i++) {
      await loadOnce(page, `http://127.0.0.1:${web}/runs/${run.runId}`);
      const opened = await openSegment(page);
      if (opened) opens.push(opened);
    }
    if (opens.length > 0) {
      printRow(`${run.activations.length} +1 open`, opens.at(-1)!, (await interact(page)).sort((a, b) => a - b));
      openPaints.push(`${run.activations.length} nodes: ${opens.map((o) => Math.round(o.paintMs)).join(", ")} ms (handlers ${opens.map((o) => Math.round(o.handlersMs)).join(", ")} ms)`);
    }
    await context.close();
  }
  if (openPaints.length > 0) console.log(`opening a folded chain, click → next paint (Event Timing), each load: ${openPaints.join("; ")}`);
  if (asRan) await benchAsRan(asRan);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

interface AsRanLoad extends Load {
  /** The activations answer: request sent → last byte, and its size. */
  fetchMs: number;
  fetchEndMs: number;
  bytes: number;
  /** JSON.parse of the same answer, timed alone in the page after the load. */
  parseMs: number;
  visibleMs: number;
  layoutMs: number;
}

/** Sums the User Timing measures of one name (the view records folding and layout under them). */
function measured(name: string): number {
  return performance.getEntriesByName(name, "measure").reduce((sum, e) => sum + e.duration, 0);
}

async function asRanLoadOnce(page: Page, url: string): Promise<AsRanLoad> {
  const load = await loadOnce(page, url);
  const detail = await page.evaluate(async (measuredSource) => {
    const sum = new Function(`return ${measuredSource}`)() as (name: string) => number;
    const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes("/activations")) as PerformanceResourceTiming[];
    const first = entries[0];
    const bytes = entries.reduce((n, e) => n + e.decodedBodySize, 0);
    let parseMs = 0;
    for (const e of entries) {
      const text = await (await fetch(e.name)).text();
      const t0 = performance.now();
      JSON.parse(text);
      parseMs += performance.now() - t0;
    }
    return {
      fetchMs: first ? first.responseEnd - first.requestStart : NaN,
      fetchEndMs: entries.length ? Math.max(...entries.map((e) => e.responseEnd)) : NaN,
      bytes,
      parseMs,
      visibleMs: sum("as-ran:visible"),
      layoutMs: sum("as-ran:layout"),
    };
  }, measured.toString());
  return { ...load, ...detail };
}

/** The as-it-ran view of one long run: navigation → drawn (chains folded), then one segment opened. */
async function benchAsRan(run: ScriptedRun) {
  const n = run.activations.length;
  const url = `http://127.0.0.1:${web}/runs/${run.runId}?view=as-it-ran`;
  console.log(`\nRun page, As it ran (?view=as-it-ran) of ${n.toLocaleString("en-US")} activations (draft ⇄ review loop, a fan-out every 1,000); median of ${LOADS} loads`);
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error (as it ran): ${error.message}`));
  const loads: AsRanLoad[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await asRanLoadOnce(page, url));
  loads.sort((a, b) => a.drawnMs - b.drawnMs);
  const m = loads[Math.floor(loads.length / 2)]!;
  console.log("TTFB     | activations fetch      | fetch done | JSON.parse | fold   | layout | canvas mounts | drawn     | cards");
  console.log(
    [
      ms(m.ttfbMs).padEnd(8),
      `${ms(m.fetchMs)}, ${(m.bytes / 1e6).toFixed(2)} MB`.padEnd(22),
      ms(m.fetchEndMs).padEnd(10),
      ms(m.parseMs).padEnd(10),
      ms(m.visibleMs).padEnd(6),
      ms(m.layoutMs).padEnd(6),
      ms(m.canvasMs).padEnd(13),
      ms(m.drawnMs).padEnd(9),
      String(m.cards),
    ].join(" | "),
  );
  // Each open on a fresh load: the first click on the first folded chain.
  const opens: { drawnMs: number; shownMs: number; paintMs: number; handlersMs: number; cpuMs: number; completeMs: number; completeCpuMs: number; cards: number; visibleMs: number; layoutMs: number; bytes: number }[] = [];
  for (let i = 0; i < LOADS; i++) {
    await loadOnce(page, url);
    // The page's other panels (a timeline of 10,000 spans) load for a second or more after the graph
    // draws: click once they are in, to time the click's own work.
    await page.waitForLoadState("networkidle");
    const before = await page.evaluate(() => ({ n: performance.getEntriesByType("resource").length }));
    await page.evaluate(() => performance.clearMeasures());
    const opened = await openSegment(page, "as-ran-segment", true, { testId: "as-ran-node", added: (steps) => Math.min(steps, SEGMENT_PAGE) });
    if (!opened) break;
    const detail = await page.evaluate(
      ({ measuredSource, from }) => {
        const sum = new Function(`return ${measuredSource}`)() as (name: string) => number;
        const fetched = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).slice(from).filter((e) => e.name.includes("/activations"));
        return { visibleMs: sum("as-ran:visible"), layoutMs: sum("as-ran:layout"), bytes: fetched.reduce((n, e) => n + e.decodedBodySize, 0) };
      },
      { measuredSource: measured.toString(), from: before.n },
    );
    opens.push({ drawnMs: opened.drawnMs, shownMs: opened.shownMs, paintMs: opened.paintMs, handlersMs: opened.handlersMs, cpuMs: opened.cpuMs, completeMs: opened.completeMs, completeCpuMs: opened.completeCpuMs, cards: opened.cards, ...detail });
  }
  opens.sort((a, b) => a.paintMs - b.paintMs);
  const o = opens[Math.floor(opens.length / 2)];
  if (o) {
    console.log(
      `open one chain (median of ${opens.length}): click → next paint (Event Timing) ${ms(o.paintMs)} (handlers ${ms(o.handlersMs)}; each open: ${opens.map((x) => Math.round(x.paintMs)).join(", ")} ms; main-thread CPU click → first paint, each: ${opens.map((x) => Math.round(x.cpuMs)).join(", ")} ms), → first frame with the new steps ${ms(o.shownMs)}, → with all of them ${ms(o.completeMs)} (each: ${opens.map((x) => Math.round(x.completeMs)).join(", ")} ms; CPU to its paint, each: ${opens.map((x) => Math.round(x.completeCpuMs)).join(", ")} ms), → still after the fit animation ${ms(o.drawnMs)}; fold ${ms(o.visibleMs)}, layout ${ms(o.layoutMs)}, fetched after load ${(o.bytes / 1e3).toFixed(1)} kB; ${o.cards} cards`,
    );
  }
  if (OPEN_AGAIN > 0) await openOneChainAgain(page, url);
  await context.close();
}

/**
 * One chain opened, then its folded rest clicked OPEN_AGAIN times on the same load, the whole
 * graph in view before each click (React Flow's fit-view control, not timed): whether a click
 * costs more as more of the chain is drawn.
 */
async function openOneChainAgain(page: Page, url: string) {
  await loadOnce(page, url);
  await page.waitForLoadState("networkidle");
  const first = page.getByTestId("as-ran-segment").first();
  const chain = await first.getAttribute("data-segment-id");
  if (chain === null) return;
  const rows: { paintMs: number; handlersMs: number; cpuMs: number; cards: number; drawn: number; visibleMs: number; layoutMs: number }[] = [];
  for (let i = 0; i <= OPEN_AGAIN; i++) {
    const id = i === 0 ? chain : `${chain}:after`;
    await page.locator(".react-flow__controls-fitview").click();
    // The fit's own animation, then two quiet frames.
    await page.waitForTimeout(400);
    const card = page.locator(`[data-segment-id="${id}"]`);
    if ((await card.count()) === 0) break;
    const stepsBefore = await card.getAttribute("data-steps");
    await page.evaluate(() => performance.clearMeasures());
    await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const profiling = PROFILE_DIR ? await page.context().newCDPSession(page) : null;
    if (profiling) {
      await profiling.send("Profiler.enable");
      await profiling.send("Profiler.setSamplingInterval", { interval: 100 });
      await profiling.send("Profiler.start");
    }
    await card.click();
    // Opened: that card gone or its steps fewer (the chain's rest keeps its id).
    await page.waitForFunction(
      ({ id, stepsBefore }) => document.querySelector(`[data-segment-id="${id}"]`)?.getAttribute("data-steps") !== stepsBefore,
      { id, stepsBefore },
      { polling: "raf", timeout: 30_000 },
    );
    const paintMs = await page
      .waitForFunction(() => (window as unknown as { __clickPaintMs?: number }).__clickPaintMs, null, { timeout: 5_000 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => NaN);
    await page.waitForTimeout(400);
    const traced = await browser.stopTracing();
    if (profiling && PROFILE_DIR) {
      const { profile } = await profiling.send("Profiler.stop");
      fs.writeFileSync(path.join(PROFILE_DIR, `open-again-${i + 1}.cpuprofile`), JSON.stringify(profile));
      fs.writeFileSync(path.join(PROFILE_DIR, `open-again-${i + 1}.trace.json`), traced);
      await profiling.detach();
    }
    const detail = await page.evaluate((measuredSource) => {
      const sum = new Function(`return ${measuredSource}`)() as (name: string) => number;
      const w = window as unknown as { __clickPaintMs?: number; __clickHandlersMs?: number };
      const handlersMs = w.__clickHandlersMs ?? NaN;
      delete w.__clickPaintMs;
      delete w.__clickHandlersMs;
      return { handlersMs, visibleMs: sum("as-ran:visible"), layoutMs: sum("as-ran:layout"), drawn: document.querySelectorAll("[data-testid=as-ran-node]").length };
    }, measured.toString());
    const cards = Number(await page.getByTestId("as-ran-view").getAttribute("data-drawn-cards"));
    rows.push({ paintMs, cpuMs: clickCpuMs(traced, "bench:none").firstPaint, cards, ...detail });
  }
  console.log(`one chain opened, then its rest clicked ${rows.length - 1} times on one load (whole graph in view before each click):`);
  console.log("click | cards in the graph | in the DOM | click → next paint | handlers | CPU → first paint | fold | layout");
  rows.forEach((r, i) =>
    console.log(
      [String(i + 1).padEnd(5), String(r.cards).padEnd(18), String(r.drawn).padEnd(10), ms(r.paintMs).padEnd(18), ms(r.handlersMs).padEnd(8), ms(r.cpuMs).padEnd(17), ms(r.visibleMs).padEnd(4), ms(r.layoutMs)].join(" | "),
    ),
  );
}
