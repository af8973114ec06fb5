/**
 * Simulated time for one run: starts at the run's (past) start and moves only when the demo says
 * work took time, so spans carry realistic, repeatable durations without the demo waiting.
 */
export class SimClock {
  constructor(private current: number) {}

  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += Math.max(0, Math.round(ms));
  }
}
