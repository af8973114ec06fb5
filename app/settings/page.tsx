import { redirect } from "next/navigation";

/** Prices are the only settings so far. */
export default function SettingsPage(): never {
  redirect("/settings/prices");
}
