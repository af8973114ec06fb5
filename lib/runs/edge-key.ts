/** How an edge is named wherever edges are matched: layout routes, React Flow ids, lineage highlights. */
export const edgeKey = (source: string, target: string) => `${source}->${target}`;
