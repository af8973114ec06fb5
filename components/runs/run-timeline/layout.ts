// Shared geometry: the ruler, the rows and the grid overlay must line up column for column.

export const ROW_HEIGHT = 28;
export const RULER_HEIGHT = 32;
export const OVERSCAN = 20;
/** Indentation stops growing here so pathological nesting cannot push names out of view. */
export const MAX_INDENT_DEPTH = 24;
export const INDENT_PX = 14;
export const TICK_COUNT = 5;

/** The names column; the bars column takes the rest. */
export const NAME_COLUMN = "w-[32%] min-w-44 max-w-md shrink-0";
