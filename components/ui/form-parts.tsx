/** A form's text input, as every sign-in and setup form draws it (red border while aria-invalid). */
export const TEXT_INPUT_CLASS =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus-visible:border-sky-500 focus-visible:ring-2 focus-visible:ring-sky-400 aria-[invalid=true]:border-red-400";

/** A form's error line: announced as it appears, in a region that stays in place so layout does not jump. */
export function FormError({ id, message, testId }: { id: string; message: string | null; testId: string }) {
  return (
    <div id={id} aria-live="assertive" className="text-sm text-red-800">
      {message ? (
        <p role="alert" data-testid={testId} className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** The form's one primary button; shows `pendingLabel` and refuses a second press while the request runs. */
export function SubmitButton({ pending, label, pendingLabel, testId }: { pending: boolean; label: string; pendingLabel: string; testId: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      data-testid={testId}
      className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
