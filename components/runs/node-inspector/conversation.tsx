import type { ChatMessage, ChatPart } from "@/lib/runs/conversation";

const ROLE_STYLES: Record<string, string> = {
  system: "bg-slate-200 text-slate-700",
  user: "bg-sky-100 text-sky-800",
  assistant: "bg-violet-100 text-violet-800",
  tool: "bg-amber-100 text-amber-800",
};

function Part({ part }: { part: ChatPart }) {
  if (part.kind === "text") return <p className="whitespace-pre-wrap break-words">{part.text}</p>;
  if (part.kind === "tool_call") {
    return (
      <p data-testid="conversation-tool-call" className="break-words font-mono text-xs text-slate-700">
        → {part.name}({part.arguments})
      </p>
    );
  }
  return (
    <p data-testid="conversation-tool-result" className="whitespace-pre-wrap break-words font-mono text-xs text-slate-700">
      ← {part.text}
    </p>
  );
}

/** Messages of an LLM call, one block per message with its role, tool calls and tool results. */
export function Conversation({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol data-testid="conversation" className="mt-1 space-y-1">
      {messages.map((message, i) => (
        <li key={i} data-testid="conversation-message" className="rounded bg-slate-50 p-2 text-xs text-slate-800">
          <span className={`mr-2 inline-block rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${ROLE_STYLES[message.role] ?? "bg-slate-100 text-slate-600"}`}>
            {message.role}
          </span>
          {message.parts.map((part, j) => (
            <Part key={j} part={part} />
          ))}
        </li>
      ))}
    </ol>
  );
}
