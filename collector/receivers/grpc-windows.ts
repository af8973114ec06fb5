import type { Http2Session } from "node:http2";
import type * as grpc from "@grpc/grpc-js";

/**
 * HTTP/2 flow-control windows the gRPC receiver advertises. Node's default is 64 KiB, for each
 * stream and for the whole connection, and grpc-js's server has no option to change it (its
 * `grpc-node.flow_control_window` is read by clients only: grpc/grpc-node#3058). An OTLP export
 * of 512 spans is ~150 KB, so a sender with a few exports in flight on its one connection waited
 * a WINDOW_UPDATE round trip per 64 KiB, each one a turn of two busy event loops: measured in
 * fault test (5), gRPC answers took 1.3 s at the median and passed exporters' 10 s deadline,
 * while OTLP/HTTP answers of the same size took 0.2 s. grpc-js reads every message whole into
 * memory as it arrives, so a wider window lets bytes come sooner and bounds nothing that
 * `grpc.max_receive_message_length` does not already bound.
 */
export const STREAM_WINDOW_BYTES = 1 << 20;
export const CONNECTION_WINDOW_BYTES = 8 << 20;

/** The grpc-js 1.x internals this reaches: the http2 server options, and the http2 servers once bound. */
interface GrpcServerInternals {
  commonServerOptions?: { settings?: Record<string, unknown> };
  http2Servers?: Map<{ on(event: "session", listener: (session: Http2Session) => void): unknown }, unknown>;
}

/**
 * Call before binding: new connections get the stream window in the server's SETTINGS. Returns
 * false when this grpc-js keeps its options elsewhere (the receiver then works at 64 KiB).
 */
export function widenStreamWindow(server: grpc.Server): boolean {
  const options = (server as unknown as GrpcServerInternals).commonServerOptions;
  if (typeof options !== "object" || options === null) return false;
  options.settings = { ...options.settings, initialWindowSize: STREAM_WINDOW_BYTES };
  return true;
}

/** Call once bound: each new connection's window is raised as it opens. Returns false as above. */
export function widenConnectionWindow(server: grpc.Server): boolean {
  const servers = (server as unknown as GrpcServerInternals).http2Servers;
  if (!(servers instanceof Map) || servers.size === 0) return false;
  for (const http2Server of servers.keys()) {
    http2Server.on("session", (session) => {
      // A session closed before it was set up throws; it has nothing to receive.
      try {
        session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
      } catch {}
    });
  }
  return true;
}
