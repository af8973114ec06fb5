import { startupSetting } from "@/lib/runtime/startup-setting";

// Webhooks go only where the operator said they may (ALERT_WEBHOOK_HOSTS): a tenant's admin
// chooses the URL, and the server must not become a way to reach hosts inside its network.
const allowed = startupSetting<readonly string[]>("alert-webhook-hosts", []);

export const setWebhookHosts = (hosts: readonly string[]): void => allowed.set(hosts.map((host) => host.toLowerCase()));

/** The operator's list, for the settings page to show. */
export const webhookHosts = (): readonly string[] => allowed.get();

/** Why `url` may not be a webhook, or null when it may: http(s), no credentials, a host on the operator's list (`.example.com` covers its subdomains). */
export function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "must be an http or https URL";
  if (parsed.username || parsed.password) return "must not carry credentials";
  const host = parsed.hostname.toLowerCase();
  const hosts = allowed.get();
  if (hosts.length === 0) return "cannot be used: this server allows no webhook hosts (the operator lists them in ALERT_WEBHOOK_HOSTS)";
  const ok = hosts.some((entry) => (entry.startsWith(".") ? host.endsWith(entry) || host === entry.slice(1) : host === entry));
  return ok ? null : `host ${host} is not in ALERT_WEBHOOK_HOSTS`;
}
