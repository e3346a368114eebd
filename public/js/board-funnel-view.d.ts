// Types of board-funnel-view.js for the server's presenter and the TypeScript tests that import it.
import type { BoardFunnel, BoardPartnership, BoardPerCall, FunnelStep } from '../../server/domain/board/index.js';

export const ALL: 'all';
export function funnelOf(perCall: BoardPerCall, call: string): BoardFunnel;
export function funnelRows(funnel: BoardFunnel): { step: FunnelStep; count: number; percent: number; bar: number }[];
export function partnershipsOf(perCall: BoardPerCall, call: string): BoardPartnership[];
export function membersOnMap(partnership: BoardPartnership): { on: string[]; lead: string | null };
