import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers run in the custom server's process; keep Next from bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "kysely", "kysely-postgres-js", "kysely-pglite-dialect"],
  poweredByHeader: false,
};

export default nextConfig;
