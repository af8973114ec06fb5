import { InlineText } from "./rich-text";
import { subheading, table, tableFrame, td, th, thead } from "./styles";
import { TypeWithFacts } from "./type-label";
import type { ParameterView } from "./types";

export function ParametersTable({ parameters, caption }: { parameters: ParameterView[]; caption: string }) {
  if (parameters.length === 0) return null;
  return (
    <>
      <h4 className={subheading}>Parameters</h4>
      <div className={tableFrame}>
        <table className={table} data-testid="api-parameters">
          <caption className="sr-only">Parameters of {caption}</caption>
          <thead className={thead}>
            <tr>
              <th scope="col" className={th}>Name</th>
              <th scope="col" className={th}>In</th>
              <th scope="col" className={th}>Required</th>
              <th scope="col" className={th}>Type</th>
              <th scope="col" className={th}>Description</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr key={`${p.in}:${p.name}`} className="border-t border-slate-100">
                <th scope="row" className={`${td} whitespace-nowrap font-mono text-xs font-medium text-slate-900`}>
                  {p.name}
                </th>
                <td className={`${td} text-slate-600`}>{p.in}</td>
                <td className={td}>{p.required ? <span className="font-medium text-rose-700">required</span> : <span className="text-slate-500">optional</span>}</td>
                <td className={`${td} min-w-32`}>
                  <TypeWithFacts schema={p.schema} />
                </td>
                <td className={`${td} text-slate-700`}>
                  {p.deprecated ? <span className="mr-1 text-xs font-medium text-amber-700">Deprecated.</span> : null}
                  {p.description ? <InlineText text={p.description} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
