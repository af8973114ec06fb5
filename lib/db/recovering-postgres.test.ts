import { describe, expect, it } from "vitest";
import { isConnectionLost, isPostgresJsUnhandledConnectionLoss, isTransientDatabaseError } from "@/lib/db/errors";
import { isPostgresJsSocketFault } from "@/lib/db/recovering-postgres";

describe("what counts as a lost connection", () => {
  it("postgres.js connection errors, socket errors and the server's shutdown codes; not query errors", () => {
    for (const code of ["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "ECONNRESET", "ECONNREFUSED", "57P01", "57P03"]) expect(isConnectionLost({ code })).toBe(true);
    for (const code of ["23505", "42P01", "57014", undefined]) expect(isConnectionLost({ code })).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
    // Waiting for a free connection is worth a retry, but says nothing about any one connection.
    expect(isConnectionLost({ code: "CONNECTION_WAIT_TIMEOUT" })).toBe(false);
    expect(isTransientDatabaseError({ code: "CONNECTION_WAIT_TIMEOUT" })).toBe(true);
    expect(isTransientDatabaseError({ code: "57014" })).toBe(true);
    expect(isTransientDatabaseError({ code: "23505" })).toBe(false);
  });

  it("recognises postgres.js's write to a lost socket by message and origin only", () => {
    const fault = new TypeError("Cannot read properties of null (reading 'write')");
    fault.stack = `${fault.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:258:22)`;
    expect(isPostgresJsSocketFault(fault)).toBe(true);
    const elsewhere = new TypeError(fault.message);
    elsewhere.stack = `${fault.message}\n    at write (file:///app/lib/stream.ts:1:1)`;
    expect(isPostgresJsSocketFault(elsewhere)).toBe(false);
    expect(isPostgresJsSocketFault(new Error(fault.message))).toBe(false);
  });

  it("recognises the rejection postgres.js leaves unhandled when the server goes away while it connects", () => {
    const lost = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
    lost.stack = `${lost.message}\n    at Socket.closed (file:///app/node_modules/postgres/src/connection.js:456:57)`;
    expect(isPostgresJsUnhandledConnectionLoss(lost)).toBe(true);
    // The same code from elsewhere, or another error from postgres.js, is not it.
    expect(isPostgresJsUnhandledConnectionLoss({ code: "CONNECTION_CLOSED", stack: "at handler (file:///app/lib/x.ts:1:1)" })).toBe(false);
    expect(isPostgresJsUnhandledConnectionLoss({ code: "23505", stack: lost.stack })).toBe(false);
  });
});
