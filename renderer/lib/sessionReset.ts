/**
 * Per-session UI state (list filters, searches, the open page) is forgotten whenever the session
 * ends or locks, so the next person at the workstation does not see what the last one looked for.
 */
const resets: (() => void)[] = [];

export function resetWhenSessionEnds(reset: () => void): void {
  resets.push(reset);
}

export function resetSessionState(): void {
  for (const reset of resets) reset();
}
