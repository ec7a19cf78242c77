/**
 * Notes that reading gives, as it reads (a sniffed delimiter, the sheet read): the reader prints nothing, so it
 * hands them here, and the command layer, which alone writes to stderr, listens. A plain list and listeners
 * rather than a callback in the read options: those options cross to worker threads, where a function cannot go.
 */
type Listener = (message: string) => void;

const listeners = new Set<Listener>();
const given: string[] = [];

/** A note for the user, one line, starting with the file it is about; the same note twice is given once (a file read again). */
export function notice(message: string): void {
  if (given.includes(message)) return;
  given.push(message);
  for (const listener of listeners) listener(message);
}

/** Calls `listener` with each later notice; returns the function that stops it. */
export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every notice given so far in this process (for the notes sheet of a workbook). */
export function noticesGiven(): readonly string[] {
  return [...given];
}
