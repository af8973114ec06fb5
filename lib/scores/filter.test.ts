import { describe, expect, it } from "vitest";
import { parseScoreFilter, ScoreFilterError, stripScorePrefix } from "@/lib/scores/filter";

function refusal(text: string): ScoreFilterError {
  try {
    parseScoreFilter(text);
  } catch (error) {
    if (error instanceof ScoreFilterError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("parseScoreFilter", () => {
  it.each([
    ["helpfulness < 3", { name: "helpfulness", op: "<", value: 3 }],
    ["helpfulness<3", { name: "helpfulness", op: "<", value: 3 }],
    ["  helpfulness   <=   3  ", { name: "helpfulness", op: "<=", value: 3 }],
    ["latency_score > -1.5", { name: "latency_score", op: ">", value: -1.5 }],
    ["x >= .5", { name: "x", op: ">=", value: 0.5 }],
    ["x >= 1e-3", { name: "x", op: ">=", value: 0.001 }],
    ["x != +2.", { name: "x", op: "!=", value: 2 }],
    ["grounded = false", { name: "grounded", op: "=", value: 0 }],
    ["grounded = TRUE", { name: "grounded", op: "=", value: 1 }],
    ["grounded != true", { name: "grounded", op: "!=", value: 1 }],
    ["tone = rude", { name: "tone", op: "=", value: "rude" }],
    ["tone != rude", { name: "tone", op: "!=", value: "rude" }],
    ['tone = "very rude"', { name: "tone", op: "=", value: "very rude" }],
    ['tone = "3"', { name: "tone", op: "=", value: "3" }],
    ['tone = "true"', { name: "tone", op: "=", value: "true" }],
    ['tone = "Infinity"', { name: "tone", op: "=", value: "Infinity" }],
    ['"answer quality" >= 0.5', { name: "answer quality", op: ">=", value: 0.5 }],
    ['"answer quality">=0.5', { name: "answer quality", op: ">=", value: 0.5 }],
    ['"say \\"hi\\" \\\\ back" = yes', { name: 'say "hi" \\ back', op: "=", value: "yes" }],
    ['"a<b" > 1', { name: "a<b", op: ">", value: 1 }],
    ["rag:faithfulness > 0.8", { name: "rag:faithfulness", op: ">", value: 0.8 }],
    ["gen_ai.eval/relevance = relevant", { name: "gen_ai.eval/relevance", op: "=", value: "relevant" }],
    ["qualité = très_bien", { name: "qualité", op: "=", value: "très_bien" }],
    [`${"n".repeat(256)} > 1`, { name: "n".repeat(256), op: ">", value: 1 }],
    [`tone = ${"l".repeat(256)}`, { name: "tone", op: "=", value: "l".repeat(256) }],
  ] as const)("reads %s", (text, expected) => {
    expect(parseScoreFilter(text)).toEqual(expected);
  });

  it.each([
    ["", /is empty/],
    ["   ", /is empty/],
    ["< 3", /begin with a score name/],
    ["helpfulness", /expected an operator after "helpfulness"/],
    ["helpfulness 3", /expected an operator after "helpfulness": use/],
    ["answer quality >= 0.5", /a name with spaces is quoted: "answer quality"/],
    ["helpfulness <", /nothing to compare with after </],
    ["helpfulness == 3", /"==" is not an operator/],
    ["helpfulness => 3", /"=>" is not an operator/],
    ["helpfulness <> 3", /"<>" is not an operator/],
    ["helpfulness ! 3", /"!" is not an operator/],
    ["tone < rude", /rude is not a number: < compares numbers/],
    ["tone >= \"3\"", /is not a number/],
    ["x < 1e400", /1e400 is not a finite number/],
    ["x = Infinity", /Infinity is not a finite number; quote it/],
    ["x > NaN", /NaN is not a finite number$/],
    ["x < -infinity", /not a finite number/],
    ["tone = very rude", /a label with spaces .* is quoted: "very rude"/],
    ["tone = a=b", /is quoted: "a=b"/],
    ['tone = "rude', /the quoted label has no closing quote/],
    ['tone = "rude" indeed', /unexpected text after the quoted label: indeed/],
    ['tone = "  "', /the label is empty/],
    ['"answer quality >= 0.5', /the quoted name has no closing quote/],
    ['"" > 1', /the score name is empty/],
    ['"  " > 1', /the score name is empty/],
    [`${"n".repeat(257)} > 1`, /the score name is longer than 256 characters/],
    [`"${"n".repeat(257)}" > 1`, /the score name is longer than 256 characters/],
    [`tone = ${"l".repeat(257)}`, /the label is longer than 256 characters/],
    [`tone = "${"l ".repeat(700)}"`, /longer than \d+ characters/],
    ["tone = ru\u0000de", /control character/],
    ["to\u0007ne = rude", /control character/],
  ])("refuses %j", (text, message) => {
    expect(refusal(text).message).toMatch(message);
  });
});

describe("stripScorePrefix", () => {
  it("takes what follows score:, whatever its case and spacing", () => {
    expect(stripScorePrefix("score:helpfulness < 3")).toBe("helpfulness < 3");
    expect(stripScorePrefix("  Score:  grounded = false ")).toBe("grounded = false");
    expect(stripScorePrefix("score:")).toBe("");
  });

  it("leaves other searches alone", () => {
    expect(stripScorePrefix("run-123")).toBeNull();
    expect(stripScorePrefix("scores:x < 1")).toBeNull();
    expect(stripScorePrefix("my score:x")).toBeNull();
  });
});
