import http2 from "node:http2";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { CONNECTION_WINDOW_BYTES, STREAM_WINDOW_BYTES } from "@/collector/receivers/grpc-windows";

// The windows are set through grpc-js internals (grpc-windows.ts): this fails when an upgrade of
// grpc-js moves them, instead of the receiver quietly falling back to 64 KiB.
const pglite = testBackends()[0]!;

describe("the gRPC receiver's HTTP/2 flow-control windows", () => {
  const suite = collectorSuite(pglite);

  it("advertises the wide stream window in its SETTINGS and opens the connection window on connect", async () => {
    const session = http2.connect(`http://127.0.0.1:${suite.collector.grpcPort}`);
    try {
      const settings = await new Promise<http2.Settings>((resolve, reject) => {
        session.once("remoteSettings", resolve);
        session.once("error", reject);
      });
      expect(settings.initialWindowSize).toBe(STREAM_WINDOW_BYTES);
      // The connection window grows by a WINDOW_UPDATE on stream 0, which follows the SETTINGS.
      const deadline = Date.now() + 2000;
      while (session.state.remoteWindowSize! < CONNECTION_WINDOW_BYTES && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(session.state.remoteWindowSize).toBe(CONNECTION_WINDOW_BYTES);
    } finally {
      session.close();
    }
  });
});
