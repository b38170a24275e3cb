import type { ClientBase } from 'pg';

/** What a floor handler is asked: the organization (from the bench token), the variables and the clock. */
export interface FloorRequest {
  orgId: number;
  variables: Record<string, unknown>;
  now: Date;
}

/**
 * Answers one benchmark operation with hand-written SQL on one connection and plain object
 * literals, returning what the API returns under `data`. Pure computations come from
 * src/domain (they are the product's definitions, not framework), nothing else from src/.
 */
export type FloorHandler = (client: ClientBase, request: FloorRequest) => Promise<unknown>;
