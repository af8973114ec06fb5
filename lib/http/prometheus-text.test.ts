import { describe, expect, it } from "vitest";
import { prometheusText } from "@/lib/http/prometheus-text";

describe("prometheusText", () => {
  it("writes help, type and sample per metric, escaping help text and spelling out non-finite values", () => {
    const text = prometheusText([
      { name: "a_total", help: "Counted\nover C:\\data", type: "counter", value: 3 },
      { name: "b", help: "Unknown yet", type: "gauge", value: null },
      { name: "c", help: "Odd", type: "gauge", value: Number.NaN },
      { name: "d", help: "Huge", type: "gauge", value: Infinity },
    ]);
    expect(text).toBe(
      [
        "# HELP a_total Counted\\nover C:\\\\data",
        "# TYPE a_total counter",
        "a_total 3",
        "# HELP b Unknown yet",
        "# TYPE b gauge",
        "# HELP c Odd",
        "# TYPE c gauge",
        "c NaN",
        "# HELP d Huge",
        "# TYPE d gauge",
        "d +Inf",
        "",
      ].join("\n"),
    );
  });

  it("refuses a name a scraper could not parse", () => {
    expect(() => prometheusText([{ name: "spool-bytes", help: "x", type: "gauge", value: 1 }])).toThrow(/spool-bytes/);
  });
});
