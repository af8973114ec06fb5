/** The tenant that local, key-less use writes to and the dashboard shows. */
export const DEFAULT_TENANT_ID = "default";
