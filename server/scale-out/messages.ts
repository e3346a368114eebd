// What instances tell each other on the scale-out channel (socket.io's own traffic has its channels):
// one place for the shapes, as index.ts sends most and recompute-sync.ts the recompute's.

export type Message =
  | { t: 'idea'; from: string; id: string }
  | { t: 'state'; from: string; version: number; stored: number }
  // stored: the store version holding the label (null: not saved; absent from older instances).
  | { t: 'label'; from: string; clusterId: number; label: string | null; stored?: number | null }
  | { t: 'board'; from: string; version: number; clusters: number }
  | { t: 'released'; from: string }
  // Something this instance took could not be announced (Redis was away): every other instance resyncs.
  | { t: 'resync'; from: string };
