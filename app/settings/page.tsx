import { redirect } from "next/navigation";

/** Settings open on prices; retention and alerts are a tab away. */
export default function SettingsPage(): never {
  redirect("/settings/prices");
}
