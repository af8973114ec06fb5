/**
 * Runs `fn` once the next frame is painted (a task queued from a frame's callback runs after that
 * frame), so work a click sets off does not hold back the paint that shows the click. Returns a
 * cancel function, for an effect's cleanup.
 */
export function afterNextPaint(fn: () => void): () => void {
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (task = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}
