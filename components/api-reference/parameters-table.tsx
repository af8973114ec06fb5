import { InlineText } from "@/components/api-reference/rich-text";
import { DataTable } from "@/components/ui/data-table";
import { subheading, tableFrame, td } from "@/components/api-reference/styles";
import { TypeWithFacts } from "@/components/api-reference/type-label";
import type { ParameterView } from "@/components/api-reference/types";

export function ParametersTable({ parameters, caption }: { parameters: ParameterView[]; caption: string }) {
  if (parameters.length === 0) return null;
  return (
    <>
      <h4 className={subheading}>Parameters</h4>
      <DataTable columns={["Name", "In", "Required", "Type", "Description"]} caption={`Parameters of ${caption}`} testId="api-parameters" frame={tableFrame}>
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
      </DataTable>
    </>
  );
}
