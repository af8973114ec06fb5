import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/users/roles";

export const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:bg-slate-50 disabled:text-slate-500";

/** A native select (arrow keys, type-ahead): the roles `allowed` offers, each described in its title. */
export function RoleSelect({ id, value, allowed, onChange, disabled, label, testId }: {
  id: string;
  value: Role;
  allowed: readonly Role[];
  onChange: (role: Role) => void;
  disabled?: boolean;
  label: string;
  testId: string;
}) {
  const options = allowed.includes(value) ? allowed : [value, ...allowed];
  return (
    <select
      id={id}
      aria-label={label}
      data-testid={testId}
      className={selectClass}
      value={value}
      disabled={disabled}
      title={ROLE_DESCRIPTIONS[value]}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.filter((role) => options.includes(role)).map((role) => (
        <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
