/** How far back data goes, in the words the runs list and Settings show. */
export function retentionSentence(days: number): string {
  if (days <= 0) return "Runs are kept until you remove them: retention is off.";
  return `Runs older than ${days === 1 ? "1 day" : `${days} days`} are removed.`;
}
