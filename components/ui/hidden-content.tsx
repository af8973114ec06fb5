/** What stands where the server took content out for a viewer (`contentHidden`: docs/adr/0014-content-hidden-from-viewers.md). */
export function HiddenForViewers({ testId, inline = false }: { testId?: string; inline?: boolean }) {
  const Tag = inline ? "span" : "p";
  return (
    <Tag data-testid={testId} data-content-hidden="true" className={`${inline ? "" : "mt-1 "}text-xs italic text-slate-500`} title="This tenant hides inputs and outputs from viewers">
      Hidden for viewers
    </Tag>
  );
}
