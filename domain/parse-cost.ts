/**
 * What parsing terminal output costs, in bytes' worth of xterm's time. xterm spends much of it per
 * line (scrolling, a fresh buffer line), so `yes` (2 bytes a line) is many times slower per byte
 * than prose: a line costs at least `lineCost` (contract/flow.ts LINE_COST). Queues bounded in cost
 * (a view's credit window, the mirror thread's backlog) are bounded by the time they take to drain,
 * not by their bytes alone.
 */
export function lineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

export function parseCost(bytes: number, lines: number, lineCost: number): number {
  return Math.max(bytes, lines * lineCost);
}
