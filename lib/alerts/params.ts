import { ParamError } from "@/lib/http/params";

/** A rule id from the path: digits only (an int8 identity). */
export function checkRuleId(value: string): string {
  if (!/^[1-9]\d{0,17}$/.test(value)) throw new ParamError("id", "must be an alert rule id (a positive whole number)");
  return value;
}
