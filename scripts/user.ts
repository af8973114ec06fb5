/**
 * `npm run user -- create <email> [--tenant <id>] [--role owner|admin|member|viewer] [--name <name>] [--no-password]`
 * makes a user (default: owner of `default`; `--no-password`: one who signs in with single sign-on only); `password <email>` sets a new password; `add <email>
 * --tenant <id> --role <role>` adds them to another tenant (or changes their role there);
 * `disable <email>` ends their sessions and stops their sign-in; `list` shows everyone.
 * The password comes from CODON_USER_PASSWORD, else a hidden prompt (typed twice), else the
 * first line on standard input. Every change is in the access log (actor `cli`). With the embedded
 * database, stop the server first.
 */
import { createInterface } from "node:readline";
import { loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { explainStartupError } from "@/lib/runtime/startup-errors";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { isRole, ROLES, type Role } from "@/lib/users/roles";
import { listUsers, UserInputError } from "@/lib/users/users";
import { addMembershipByCommand, createUserByCommand, disableUserByCommand, setPasswordByCommand } from "@/lib/users/user-commands";

const USAGE = `usage: npm run user -- create <email> [--tenant <id>] [--role ${ROLES.join("|")}] [--name <name>] [--no-password] | password <email> | add <email> --tenant <id> --role <role> | disable <email> | list`;

interface Parsed {
  command: string | undefined;
  email: string | undefined;
  tenant: string | null;
  role: Role | null;
  name: string | null;
  /** Single sign-on only: no password is asked for or set. */
  noPassword: boolean;
}

function parse(argv: string[]): Parsed {
  const rest: string[] = [];
  const flags: Record<string, string> = {};
  let noPassword = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--no-password") {
      noPassword = true;
      continue;
    }
    const match = /^--(tenant|role|name)(?:=(.*))?$/.exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UserInputError(`--${match[1]} needs a value`);
    flags[match[1]!] = value;
  }
  const role = flags.role ?? null;
  if (role !== null && !isRole(role)) throw new UserInputError(`Unknown role "${role}": use ${ROLES.join(", ")}`);
  return { command: rest[0], email: rest[1], tenant: flags.tenant ?? null, role, name: flags.name ?? null, noPassword };
}

/** Reads a line without echoing it (a terminal), or the next line of piped input. */
async function readSecretLine(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return "";
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          finish();
          resolve(typed);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new UserInputError("Cancelled"));
          return;
        }
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
    };
    input.on("data", onData);
  });
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env.CODON_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  const first = await readSecretLine("Password (at least 12 characters): ");
  if (!process.stdin.isTTY) return first;
  const again = await readSecretLine("Again: ");
  if (again !== first) throw new UserInputError("The two passwords differ");
  return first;
}

async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { command, email } = parsed;
  const needsEmail = command !== "list";
  if (!command || !["create", "password", "add", "disable", "list"].includes(command) || (needsEmail && !email) || (command === "add" && (!parsed.tenant || !parsed.role))) {
    console.error(USAGE);
    return 2;
  }
  // Asked before the database opens: a prompt must not hold the embedded database's lock.
  const password = (command === "create" && !parsed.noPassword) || command === "password" ? await newPassword() : null;
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.kysely);
    const db = database.kysely;
    if (command === "create") {
      const tenantId = parsed.tenant ?? DEFAULT_TENANT_ID;
      const role = parsed.role ?? "owner";
      const user = await createUserByCommand(db, { email: email!, password, displayName: parsed.name, tenantId, role });
      const how = password === null ? "with single sign-on (no password is set)" : "with this email and password";
      console.log(`Created user ${user.email} (id ${user.id}), ${role} of tenant "${tenantId}". Sign in at /sign-in ${how}.`);
      console.log("From now on, every export, read and sign-in needs a valid key or session (401 / UNAUTHENTICATED without one).");
    } else if (command === "password") {
      if (!(await setPasswordByCommand(db, email!, password!))) {
        console.error(`No user has the email ${email}.`);
        return 1;
      }
      console.log(`Set a new password for ${email!.trim().toLowerCase()}; the account is unlocked.`);
    } else if (command === "add") {
      if (!(await addMembershipByCommand(db, email!, parsed.tenant!, parsed.role!))) {
        console.error(`No user has the email ${email}.`);
        return 1;
      }
      console.log(`${email!.trim().toLowerCase()} is now ${parsed.role} of tenant "${parsed.tenant}".`);
    } else if (command === "disable") {
      if (!(await disableUserByCommand(db, email!))) {
        console.error(`No user has the email ${email}.`);
        return 1;
      }
      console.log(`Disabled ${email!.trim().toLowerCase()}: their sessions are ended and they cannot sign in.`);
    } else {
      const users = await listUsers(db);
      if (users.length === 0) console.log("No users yet: create the first with `npm run user -- create <email>`.");
      for (const user of users) {
        const tenants = user.memberships.map((m) => `${m.tenantId}:${m.role}`).join(",") || "(no tenant)";
        console.log(`${user.id}\t${user.email}\t${tenants}\t${user.disabled ? "disabled" : "active"}\t${user.displayName ?? ""}`);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(explainStartupError(error));
    process.exit(1);
  },
);
