/**
 * The live board, as the rest of the server sees it: createBoard and the types the routes, socket
 * handlers, presenters and scale-out code use. What is behind it (state, intake, updates, the pure
 * diff, tally and view) is the board's own.
 */
export { createBoard, type Board, type BoardDeps, type BoardSnapshot } from './service.js';
export type { PartnershipsSource } from './per-call.js';
export {
  BOARD_LIMITS, FUNNEL_STEPS, type BoardCatchUp, type BoardFunnel, type BoardPartnership, type BoardPerCall, type FunnelStep, type BoardChanges, type BoardCluster, type BoardIdea, type BoardNumbers, type BoardPeers, type BoardUpdate,
} from './types.js';
