import { describe, expect, it } from "vitest";
import { allowedHosts, defaultAllowedHostEntries, describeAllowedHosts, hostName, isHostAllowed } from "@/lib/http/allowed-hosts";

describe("hostName", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["LOCALHOST", "localhost"],
    ["127.0.0.1:3000", "127.0.0.1"],
    ["[::1]:3000", "::1"],
    ["[::1]", "::1"],
    ["observatory.example.", "observatory.example"],
    ["obs.example.com:443", "obs.example.com"],
  ])("%s is %s", (header, name) => {
    expect(hostName(header)).toBe(name);
  });

  it.each([undefined, "", "   ", "evil.example/path", "a b", "[::1", "[evil]:80", "host:port", "user@host"])("%s is malformed", (header) => {
    expect(hostName(header)).toBeNull();
  });
});

describe("the host allow-list", () => {
  it("always answers to this machine's loopback names", () => {
    const allowed = allowedHosts([]);
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) expect(isHostAllowed(allowed, host)).toBe(true);
    for (const host of ["rebind.attacker.example:3000", "127.0.0.2:3000", undefined, ""]) expect(isHostAllowed(allowed, host)).toBe(false);
  });

  it("adds ALLOWED_HOSTS names, `.domain` entries for a domain and its subdomains, and `*` for anything", () => {
    const allowed = allowedHosts(["Obs.Example.com", ".corp.example", "10.0.0.5", "[fd00::1]"]);
    expect(isHostAllowed(allowed, "obs.example.com")).toBe(true);
    expect(isHostAllowed(allowed, "corp.example:3000")).toBe(true);
    expect(isHostAllowed(allowed, "dash.corp.example")).toBe(true);
    expect(isHostAllowed(allowed, "evilcorp.example")).toBe(false);
    expect(isHostAllowed(allowed, "10.0.0.5:3000")).toBe(true);
    expect(isHostAllowed(allowed, "[fd00::1]:3000")).toBe(true);
    expect(isHostAllowed(allowed, "example.com")).toBe(false);
    expect(isHostAllowed(allowedHosts(["*"]), "anything.example")).toBe(true);
    expect(isHostAllowed(allowedHosts(["*"]), "")).toBe(false);
    expect(describeAllowedHosts(allowed)).toBe("localhost, 127.0.0.1, ::1, obs.example.com, 10.0.0.5, fd00::1, *.corp.example");
  });

  it("defaults to the bind address, or for every interface to this machine's name and addresses", () => {
    const machine = { hostname: "box", addresses: ["127.0.0.1", "192.168.1.20", "fe80::1"] };
    expect(defaultAllowedHostEntries("127.0.0.1", machine, false)).toEqual(["127.0.0.1"]);
    expect(defaultAllowedHostEntries("10.0.0.5", machine, false)).toEqual(["10.0.0.5"]);
    expect(defaultAllowedHostEntries(undefined, machine, true)).toEqual(["box", "127.0.0.1", "192.168.1.20", "fe80::1"]);
    const wildcard = allowedHosts(defaultAllowedHostEntries("0.0.0.0", machine, true));
    expect(isHostAllowed(wildcard, "192.168.1.20:3000")).toBe(true);
    expect(isHostAllowed(wildcard, "box:3000")).toBe(true);
    expect(isHostAllowed(wildcard, "observatory.example")).toBe(false);
  });
});
