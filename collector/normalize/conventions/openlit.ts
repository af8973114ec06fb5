import type { Convention } from "@/collector/normalize/conventions/types";

/** OpenLIT: OTel GenAI names, plus the cost it computes and (older versions) content attributes. */
export const openLit: Convention = {
  name: "OpenLIT",
  cost: ["gen_ai.usage.cost"],
  input: ["gen_ai.prompt"],
  output: ["gen_ai.completion"],
};
