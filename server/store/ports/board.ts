/**
 * The board port: the live board's timeline of events and the running numbers it shows per idea.
 */

/** One change the board's timeline shows; the text is `board.event.<kind>` filled with `params`. */
export interface BoardEvent {
  seq: number;
  kind: string;
  params: Record<string, string>;
  clusterId: number | null;
  ideaId: string | null;
  createdAt: string;
}
export type NewBoardEvent = Omit<BoardEvent, 'seq'>;
export interface IdeaCounts { ideaId: string; endorsements: number; connections: number }
/**
 * The listed ideas (open, not hidden) aiming at one call (null: at none), for the board's funnel per
 * call: how many, how many endorsed by at least one other organisation, how many with a connection.
 */
export interface IdeaCallCounts { callId: string | null; ideas: number; endorsed: number; connected: number }

export interface BoardPort {
  /**
   * Appends the events in order and returns them with their sequence numbers: one numbering for every
   * instance, strictly increasing, never reused (gaps are allowed). The last one is the board's version.
   */
  appendBoardEvents(events: NewBoardEvent[]): Promise<BoardEvent[]>;
  /** With `after`: the events with seq > after, oldest first. Without: the newest `limit`, newest first. */
  listBoardEvents(query: { after?: number; limit: number }): Promise<BoardEvent[]>;
  /**
   * Endorsements and connections per idea, for the board's running numbers: for the given ideas (each
   * listed, zeros included), or without ids for every idea that has at least one of either. Any status.
   */
  countPerIdea(ideaIds?: string[]): Promise<IdeaCounts[]>;
  /** How many endorsements and connections the store holds in all (any idea): the board's cheap check that it missed none. */
  countAll(): Promise<{ endorsements: number; connections: number }>;
  /** Per call (null: aiming at none), the listed ideas and how many of them were endorsed or connected; a row only where there are ideas. Counted in the store. */
  countIdeasByCall(): Promise<IdeaCallCounts[]>;
}
