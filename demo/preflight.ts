import net from "node:net";

/**
 * Exporters retry an unreachable endpoint for a long time and then drop quietly; a quick TCP
 * check says at once that nothing listens there.
 */
export function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80));
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
