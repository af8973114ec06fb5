import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allowedHosts } from "@/lib/http/allowed-hosts";
import { guardRequest } from "@/lib/http/web-guard";

// DNS rebinding and hostile Host headers at the edge: refused fast, the log line safe, and the
// headers the edge owns never taken from the client.

let server: http.Server;
let port: number;
const seen: http.IncomingHttpHeaders[] = [];

function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.end(request);
  });
}

beforeAll(async () => {
  const options = { allowedHosts: allowedHosts([]), trustProxy: false, dev: false };
  server = http.createServer((req, res) => {
    if (!guardRequest(req, res, options)) return;
    seen.push(req.headers);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("hostile Host headers", () => {
  it("refuses rebinding names, a missing Host and look-alikes, and logs them without control characters", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((line: string) => void logged.push(line));
    try {
      const answers = await Promise.all([
        raw("GET /api/v1/runs HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n"),
        raw("GET /api/v1/runs HTTP/1.0\r\nConnection: close\r\n\r\n"),
        raw("GET / HTTP/1.1\r\nHost: localhost.attacker.example\r\nConnection: close\r\n\r\n"),
        raw("GET / HTTP/1.1\r\nHost: 127.0.0.1.nip.io\r\nConnection: close\r\n\r\n"),
        raw(`GET / HTTP/1.1\r\nHost: ${"a".repeat(6000)}\u001b[2J\r\nConnection: close\r\n\r\n`),
      ]);
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.[01] (421|400)/);
      expect(logged.join("\n")).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(logged.every((line) => line.length < 400)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it("answers a thousand refused requests, fifty at a time, within seconds", async () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const started = performance.now();
      for (let batch = 0; batch < 20; batch++) {
        await Promise.all(Array.from({ length: 50 }, () => raw("GET / HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n")));
      }
      expect((performance.now() - started) / 1000).toBeLessThan(5);
    } finally {
      spy.mockRestore();
    }
  });
});
