import type { DetectorId, RedactionAction } from "@/lib/redaction/types";

/** What each detector finds, as Settings names it (safe for the browser: no patterns here). */
export const DETECTOR_LABELS: Readonly<Record<DetectorId, string>> = {
  email: "Email addresses",
  phone: "Phone numbers",
  card: "Payment card numbers (Luhn-checked)",
  iban: "IBANs (mod-97-checked)",
  secret: "API keys and tokens (OpenAI, Anthropic, AWS, GitHub, Slack, Stripe, Google, GitLab, JWT, private keys)",
  bearer: "Bearer tokens",
  ipv4: "IPv4 addresses",
  ipv6: "IPv6 addresses",
};

export const ACTION_LABELS: Readonly<Record<RedactionAction, string>> = {
  mask: "Mask the match",
  hash: "Hash the match (keyed: equal values stay equal)",
  drop: "Drop the whole value",
};
