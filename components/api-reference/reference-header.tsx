import { RichText, InlineText } from "@/components/api-reference/rich-text";
import { code, link } from "@/components/api-reference/styles";
import type { ApiReference } from "@/components/api-reference/types";

export const OPENAPI_URL = "/api/v1/openapi.json";

/** The document's description, where to get it, and how to authenticate. */
export function ReferenceHeader({ reference }: { reference: ApiReference }) {
  return (
    <div className="mb-8 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="api-header">
      <div>
        {reference.description ? <RichText text={reference.description} className="max-w-3xl" /> : null}
        <p className="mt-4 text-sm">
          <a href={OPENAPI_URL} download="openapi.json" className={`font-medium ${link}`} data-testid="api-download">
            Download the OpenAPI document
          </a>{" "}
          <span className="text-slate-500">
            (<code className={code}>{OPENAPI_URL}</code>, OpenAPI 3.1)
          </span>
        </p>
      </div>
      {reference.security.length > 0 ? (
        <section aria-labelledby="api-auth" className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="api-auth">
          <h2 id="api-auth" className="mb-2 font-semibold text-slate-800">
            Authentication
          </h2>
          <p className="text-slate-700">Send an API key in one of these forms:</p>
          <ul className="mt-2 space-y-2">
            {reference.security.map((scheme) => (
              <li key={scheme.name}>
                <code className={code}>{scheme.usage}</code>
                {scheme.description ? (
                  <span className="mt-0.5 block text-xs text-slate-600">
                    <InlineText text={scheme.description} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {reference.authOptional ? (
            <p className="mt-3 text-xs text-slate-600">The document also allows requests without a key, for a server that requires none.</p>
          ) : null}
          <p className="mt-3 text-xs text-slate-600">
            The examples read the key from <code className={code}>$CODON_API_KEY</code>.
          </p>
        </section>
      ) : null}
    </div>
  );
}
