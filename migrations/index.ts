import type { Migration } from "kysely";
import * as initialSchema from "@/migrations/2026_11_21_120000_initial_schema";
import * as runsListIndexes from "@/migrations/2026_11_21_180000_runs_list_indexes";
import * as runNodes from "@/migrations/2026_11_21_200000_run_nodes";
import * as spanCostSource from "@/migrations/2026_11_21_210000_span_cost_source";
import * as priceOverrides from "@/migrations/2026_11_21_220000_price_overrides";
import * as keyScopesAndSessions from "@/migrations/2026_12_10_120000_key_scopes_and_sessions";
import * as spanReasoningAndRequestModel from "@/migrations/2026_12_12_120000_span_reasoning_and_request_model";
import * as tenantRetention from "@/migrations/2026_12_14_120000_tenant_retention";
import * as incrementalRunAggregates from "@/migrations/2026_12_16_120000_incremental_run_aggregates";
import * as dagRollups from "@/migrations/2026_12_17_120000_dag_rollups";
import * as spanPayloadOnce from "@/migrations/2026_12_18_120000_span_payload_once";
import * as auditEventsTenantKey from "@/migrations/2026_12_18_130000_audit_events_tenant_key";
import * as spanColumnAttributes from "@/migrations/2026_12_19_120000_span_column_attributes";
import * as spanSpecAttributes from "@/migrations/2026_12_20_120000_span_spec_attributes";
import * as logRecords from "@/migrations/2026_12_21_120000_log_records";
import * as metrics from "@/migrations/2026_12_22_120000_metrics";
import * as attempts from "@/migrations/2026_12_23_120000_attempts";
import * as versionVerdicts from "@/migrations/2026_12_24_120000_version_verdicts";
import * as alertRules from "@/migrations/2026_12_25_120000_alert_rules";
import * as scores from "@/migrations/2026_12_26_120000_scores";
import * as ledgerChain from "@/migrations/2026_12_27_120000_ledger_chain";
import * as spanGroupsByNode from "@/migrations/2026_12_28_120000_span_groups_by_node";
import * as runNodesWithoutRunColumns from "@/migrations/2026_12_28_130000_run_nodes_without_run_columns";
import * as runNodesImplicitSketch from "@/migrations/2026_12_29_120000_run_nodes_implicit_sketch";
import * as redaction from "@/migrations/2026_12_30_120000_redaction";
import * as accessLog from "@/migrations/2026_12_31_120000_access_log";
import * as spanGroupsService from "@/migrations/2026_12_31_130000_span_groups_service";
import * as usersAndRoles from "@/migrations/2027_01_02_120000_users_and_roles";
import * as oidcIdentities from "@/migrations/2027_01_03_120000_oidc_identities";
import * as accessLogCliActor from "@/migrations/2027_01_04_120000_access_log_cli_actor";

/**
 * Every migration, keyed by its file name (which orders them). Listed statically so the
 * same list works under tsx, Next's bundler and tests; a test checks no file is missing.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_21_120000_initial_schema": initialSchema,
  "2026_11_21_180000_runs_list_indexes": runsListIndexes,
  "2026_11_21_200000_run_nodes": runNodes,
  "2026_11_21_210000_span_cost_source": spanCostSource,
  "2026_11_21_220000_price_overrides": priceOverrides,
  "2026_12_10_120000_key_scopes_and_sessions": keyScopesAndSessions,
  "2026_12_12_120000_span_reasoning_and_request_model": spanReasoningAndRequestModel,
  "2026_12_14_120000_tenant_retention": tenantRetention,
  "2026_12_16_120000_incremental_run_aggregates": incrementalRunAggregates,
  "2026_12_17_120000_dag_rollups": dagRollups,
  "2026_12_18_120000_span_payload_once": spanPayloadOnce,
  "2026_12_18_130000_audit_events_tenant_key": auditEventsTenantKey,
  "2026_12_19_120000_span_column_attributes": spanColumnAttributes,
  "2026_12_20_120000_span_spec_attributes": spanSpecAttributes,
  "2026_12_21_120000_log_records": logRecords,
  "2026_12_22_120000_metrics": metrics,
  "2026_12_23_120000_attempts": attempts,
  "2026_12_24_120000_version_verdicts": versionVerdicts,
  "2026_12_25_120000_alert_rules": alertRules,
  "2026_12_26_120000_scores": scores,
  "2026_12_27_120000_ledger_chain": ledgerChain,
  "2026_12_28_120000_span_groups_by_node": spanGroupsByNode,
  "2026_12_28_130000_run_nodes_without_run_columns": runNodesWithoutRunColumns,
  "2026_12_29_120000_run_nodes_implicit_sketch": runNodesImplicitSketch,
  "2026_12_30_120000_redaction": redaction,
  "2026_12_31_120000_access_log": accessLog,
  "2026_12_31_130000_span_groups_service": spanGroupsService,
  "2027_01_02_120000_users_and_roles": usersAndRoles,
  "2027_01_03_120000_oidc_identities": oidcIdentities,
  "2027_01_04_120000_access_log_cli_actor": accessLogCliActor,
};
