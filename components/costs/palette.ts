// Okabe-Ito: distinguishable with the common colour-vision deficiencies, in a fixed order so a
// series keeps its colour between the chart, its legend and the series table.

export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"] as const;

/** slate-400: "everything else" should recede, not compete with the named series. */
export const OTHER_COLOR = "#94a3b8";

/** The colour of the index-th named series (wrapping if there are ever more than the palette). */
export const paletteColor = (index: number): string => PALETTE[index % PALETTE.length]!;
