import { startupSetting } from "@/lib/runtime/startup-setting";

/** Distinct nodes a workflow's DAG draws at most (MAX_DAG_NODES); the rest are counted as omitted. */
export const DEFAULT_MAX_DAG_NODES = 500;

const setting = startupSetting("max-dag-nodes", DEFAULT_MAX_DAG_NODES);

/** Set once at start from the configuration. */
export const setMaxDagNodes = (value: number): void => setting.set(value);

export const maxDagNodes = (): number => setting.get();
