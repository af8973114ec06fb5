import { isIPv6 } from "node:net";
import { ibanValid, luhnValid } from "@/lib/redaction/checks";
import { DETECTOR_LABELS } from "@/lib/redaction/labels";
import type { DetectorId } from "@/lib/redaction/types";

/**
 * A built-in detector: a pattern that finds candidates, and a check that keeps the real ones.
 * Every quantifier is bounded and every alternative starts differently, so scanning stays
 * linear in the text (these run on the ordinary backtracking engine).
 */
export interface Detector {
  id: DetectorId;
  label: string;
  pattern: RegExp;
  accept?: (match: string) => boolean;
  /** A substring every match contains: text without it is not scanned (most text has no @ or :). */
  needs?: string;
}

const digitsOf = (text: string): string => text.replace(/\D/g, "");
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const SECRET_FORMATS = [
  "sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}", // OpenAI, Anthropic
  "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,200}", // Stripe
  "(?:AKIA|ASIA)[0-9A-Z]{16}", // AWS access key id
  "gh[pousr]_[A-Za-z0-9]{30,255}", // GitHub tokens
  "github_pat_[A-Za-z0-9_]{22,255}",
  "xox[abposr]-[A-Za-z0-9-]{10,200}", // Slack
  "AIza[0-9A-Za-z_-]{35}", // Google API key
  "glpat-[A-Za-z0-9_-]{20,100}", // GitLab
  "eyJ[A-Za-z0-9_-]{8,2000}\\.eyJ[A-Za-z0-9_-]{8,4000}\\.[A-Za-z0-9_-]{8,2000}", // JWT
  "-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----",
];

export const DETECTORS: Readonly<Record<DetectorId, Detector>> = {
  email: {
    id: "email",
    label: DETECTOR_LABELS.email,
    needs: "@",
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  },
  phone: {
    id: "phone",
    label: DETECTOR_LABELS.phone,
    // A leading + or some separator: bare digit runs are ids and timestamps far more often than phones.
    pattern: /(?<![\w+.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,5}(?![\w.-]?\d)|(?<![\w+])\+\d{8,15}(?!\w)/g,
    accept: (match) => {
      const digits = digitsOf(match).length;
      return digits >= 8 && digits <= 15 && !DOTTED_QUAD.test(match) && !/^\d{4}-\d{2}-\d{2}$/.test(match);
    },
  },
  card: {
    id: "card",
    label: DETECTOR_LABELS.card,
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-]?\d)/g,
    // Bare 13- and 19-digit runs are far more often epoch milliseconds or nanoseconds than cards.
    accept: (match) => {
      const digits = digitsOf(match);
      const grouped = digits.length !== match.length;
      return (grouped || digits.length === 15 || digits.length === 16) && luhnValid(digits);
    },
  },
  iban: {
    id: "iban",
    label: DETECTOR_LABELS.iban,
    pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    accept: (match) => ibanValid(match.replace(/ /g, "")),
  },
  secret: {
    id: "secret",
    label: DETECTOR_LABELS.secret,
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?:${SECRET_FORMATS.join("|")})`, "g"),
  },
  bearer: {
    id: "bearer",
    label: DETECTOR_LABELS.bearer,
    needs: "earer",
    pattern: /(?<![A-Za-z])[Bb]earer[ \t]{1,8}[A-Za-z0-9._~+/-]{16,4096}={0,2}/g,
  },
  ipv4: {
    id: "ipv4",
    label: DETECTOR_LABELS.ipv4,
    needs: ".",
    pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g,
  },
  ipv6: {
    id: "ipv6",
    label: DETECTOR_LABELS.ipv6,
    needs: ":",
    pattern: /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g,
    // Times (12:30:45) and MAC addresses look alike: only what parses as an address counts.
    accept: (match) => isIPv6(match),
  },
};
