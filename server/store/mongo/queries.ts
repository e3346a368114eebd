/**
 * Pieces of query every feature module uses the same way: safe key lookups and the usual orders.
 */

/**
 * Key lookups wrap the value in `$eq`: the port promises strings, but were an object such as
 * `{ $ne: null }` ever to slip through from a request, a bare filter value would act as an operator
 * (and match any document); under `$eq` mongoose casts it to String and refuses it.
 */
export const eq = (value: string) => ({ $eq: value });
export const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
export const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;
