import type { Convention } from "@/collector/normalize/conventions/types";

/** LiveKit Agents: a turn's transcribed input and spoken response (no model or usage on the span). */
export const liveKit: Convention = {
  name: "LiveKit Agents",
  input: ["lk.input_text"],
  output: ["lk.response.text"],
};
