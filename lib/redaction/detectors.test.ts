import { describe, expect, it } from "vitest";
import { redactorFor } from "@/lib/redaction/testing";
import type { DetectorId } from "@/lib/redaction/types";

function masked(detector: DetectorId, text: string): string {
  return redactorFor([{ kind: "detector", detector, action: "mask" }]).redact(text).text;
}

const CASES: Record<DetectorId, { found: [string, string][]; notFound: string[] }> = {
  email: {
    found: [["mail ada.lovelace+x@example.co.uk now", "mail [REDACTED:email] now"], ["<bob@mail.example.org>", "<[REDACTED:email]>"]],
    notFound: ["user@localhost", "a @ b.com", "@example.com", "version 1.2@3"],
  },
  phone: {
    found: [["call +1 415-555-2671 today", "call [REDACTED:phone] today"], ["tel (030) 1234 5678", "tel [REDACTED:phone]"], ["+447911123456", "[REDACTED:phone]"], ["01.23.45.67.89", "[REDACTED:phone]"]],
    notFound: ["on 2026-12-06", "id 1733500000123", "version 1.2.3", "192.168.10.10", "took 12 ms", "12:30:45"],
  },
  card: {
    found: [["card 4111 1111 1111 1111 ok", "card [REDACTED:card] ok"], ["5555-5555-5555-4444", "[REDACTED:card]"], ["amex 378282246310005", "amex [REDACTED:card]"]],
    notFound: ["card 4111 1111 1111 1112", "order 1234567812345678", "ns 1733500000123456782", "ms 1733500000125"],
  },
  iban: {
    found: [["pay DE89 3704 0044 0532 0130 00 now", "pay [REDACTED:iban] now"], ["GB82WEST12345698765432", "[REDACTED:iban]"]],
    notFound: ["DE89 3704 0044 0532 0130 01", "XX00ABCDEFGHIJKLMNOP", "AB12"],
  },
  secret: {
    found: [
      ["key=sk-proj-abcdefghijklmnopqrstuvwx123", "key=[REDACTED:secret]"],
      ["AKIAIOSFODNN7EXAMPLE", "[REDACTED:secret]"],
      ["token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "token [REDACTED:secret]"],
      ["xoxb-1234567890-abcdefghij", "[REDACTED:secret]"],
    ],
    notFound: ["task-abcdefghijklmnopqrstuvwxyz", "sk-short", "AKIA-not-a-key", "ghp_tooShort"],
  },
  bearer: {
    found: [["Authorization: Bearer abc.DEF-123_456~789/xyz==", "Authorization: [REDACTED:bearer]"]],
    notFound: ["Bearer short", "the bearer of news"],
  },
  ipv4: {
    found: [["from 10.0.0.12:443", "from [REDACTED:ipv4]:443"], ["8.8.8.8", "[REDACTED:ipv4]"]],
    notFound: ["256.1.1.1", "version 1.2.3", "1.2.3.4.5"],
  },
  ipv6: {
    found: [["host 2001:db8::8a2e:370:7334 up", "host [REDACTED:ipv6] up"], ["[::1]:8080", "[[REDACTED:ipv6]]:8080"], ["fe80:0:0:0:200:f8ff:fe21:67cf", "[REDACTED:ipv6]"]],
    notFound: ["at 12:30:45", "mac 00:1A:2B:3C:4D:5E", "a::b::c"],
  },
};

describe.each(Object.entries(CASES))("the %s detector", (detector, { found, notFound }) => {
  it("masks what it should", () => {
    for (const [input, expected] of found) expect(masked(detector as DetectorId, input), input).toBe(expected);
  });
  it("leaves the look-alikes", () => {
    for (const input of notFound) expect(masked(detector as DetectorId, input), input).toBe(input);
  });
});
