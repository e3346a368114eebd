// Types of board-merge.js for the TypeScript tests that import it.
import type { BoardCatchUp, BoardIdea, BoardSnapshot, BoardUpdate } from '../../server/domain/board/index.js';
import type { BoardEvent } from '../../server/store/store.js';

export interface BoardState {
  version: number;
  ideas: Map<string, BoardIdea>;
  clusters: BoardSnapshot['clusters'];
  numbers: BoardSnapshot['numbers'] | null;
  perCall: BoardSnapshot['perCall'] | null;
  timeline: BoardEvent[];
}
export interface Merged { applied: boolean; gap?: boolean; reload?: boolean; events?: BoardEvent[]; upserts?: BoardIdea[]; removed?: string[] }

export const MAP: { width: number; height: number; pad: number; range: number };
export const PALETTE_SIZE: number;
export function toViewBox(x: number, y: number): { cx: number; cy: number };
export function colourOf(clusterId: number | null | undefined): string;
export const SHAPES: number;
export interface Marker { colour: string; shape: number; number: number }
export function markersOf(clusters: { id: number }[]): Map<number, Marker>;
export function shortLabel(label: string): string;
export function placeLabels(clusters: { id: number; label: string }[], centres: Map<number, { cx: number; cy: number }>): { id: number; cx: number; cy: number; text: string; flip: boolean }[];
export function clusterCentres(ideas: Iterable<Pick<BoardIdea, 'clusterId' | 'x' | 'y'>> & { forEach(cb: (i: Pick<BoardIdea, 'clusterId' | 'x' | 'y'>) => void): void }): Map<number, { cx: number; cy: number }>;
export function fill(template: string, params: Record<string, string | number>): string;
export function createState(snapshot: BoardSnapshot): BoardState;
export function applyUpdate(state: BoardState, update: BoardUpdate): Merged;
export function applyCatchUp(state: BoardState, result: BoardCatchUp): Merged;
