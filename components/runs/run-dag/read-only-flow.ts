/**
 * React Flow props for a graph that is looked at, not edited: nothing drags, connects, selects
 * or deletes, and React Flow's own key bindings are off so the page's keyboard handling wins.
 */
export const READ_ONLY_FLOW_PROPS = {
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  panActivationKeyCode: null,
} as const;
