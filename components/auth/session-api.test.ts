import { describe, expect, it } from "vitest";
import { signInFailure } from "@/components/auth/session-api";
import { ApiError, HTTP_ERROR, UNREACHABLE } from "@/components/ui/api-client";

describe("signInFailure", () => {
  it("explains a refused key, else says what the server said", () => {
    expect(signInFailure(new ApiError(401, "unauthenticated", "Unknown or revoked API key"))).toBe(
      "This API key was not accepted: it is unknown or has been revoked.",
    );
    expect(signInFailure(new ApiError(413, "body_too_large", "The body is larger than 4096 bytes"))).toBe("The body is larger than 4096 bytes");
  });

  it("names the status when the server gave no words, and a lost connection as such", () => {
    expect(signInFailure(new ApiError(502, HTTP_ERROR, "502 Bad Gateway"))).toBe("Sign-in failed (HTTP 502).");
    expect(signInFailure(new ApiError(0, UNREACHABLE, "The server could not be reached."))).toBe("The server could not be reached.");
  });
});
