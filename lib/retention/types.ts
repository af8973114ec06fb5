/** GET /api/v1/settings/retention: how far back the tenant's data goes. */
export interface RetentionSetting {
  /** What applies: runs whose last span or event ended more than this many days ago are removed; 0 keeps everything. */
  days: number;
  /** The tenant's own setting; null follows the server's `RETENTION_DAYS`. */
  tenantDays: number | null;
  /** The server's `RETENTION_DAYS`. */
  defaultDays: number;
}
