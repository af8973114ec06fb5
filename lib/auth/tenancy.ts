/** The tenant that key-less use writes to and reads from, until the first API key is created. */
export const DEFAULT_TENANT_ID = "default";
