// Class names shared by the reference's tables and links (the app's slate/sky look, its focus ring).
export const focusRing = "outline-none focus-visible:ring-2 focus-visible:ring-sky-400";
export const link = `rounded-sm text-sky-800 hover:underline ${focusRing}`;
export const code = "rounded bg-slate-100 px-1 font-mono text-[0.85em] text-slate-800";
/** The reference's tables sit in its cards: a lighter frame than the lists' (components/ui/data-table). */
export const tableFrame = "overflow-x-auto rounded-md border border-slate-200";
export const td = "px-3 py-2 align-top";
export const subheading = "mb-2 mt-5 text-sm font-semibold text-slate-800";
export const facts = "mt-0.5 block text-xs text-slate-500";
