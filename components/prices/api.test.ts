import { describe, expect, it } from "vitest";
import { errorMessage } from "@/components/prices/api";

describe("errorMessage", () => {
  it("is the API's own message when the body carries one", () => {
    expect(errorMessage({ error: { code: "invalid_body", message: "inputUsdPerMtok: must not be negative" } })).toBe(
      "inputUsdPerMtok: must not be negative",
    );
  });

  it("is null for anything else", () => {
    for (const body of [null, "oops", {}, { error: "x" }, { error: { message: 3 } }, { error: { message: "" } }]) expect(errorMessage(body)).toBeNull();
  });
});
