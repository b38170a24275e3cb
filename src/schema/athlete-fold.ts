import { Kind, getArgumentValues, getNamedType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { findAthleteWithRows, type AthleteRow } from '../repositories/athletes';
import { tracedBatch } from '../observability/tracing';
import { isDatabaseUnavailable } from '../db/availability';
import { isInsideTransaction } from '../db/tenant';
import type { ArgsLoader } from './loaders';
import type { Context } from '../context';

/**
 * A field of Athlete whose statement can carry the athlete's lookup: `athlete(id)` asked for
 * its id and this field alone is answered in one round trip instead of two (docs/design.md,
 * Round trips and plans).
 */
export interface FoldableField<V> {
  loader: ArgsLoader<V>;
  /**
   * The loader's key for the field as asked (`info` is the field's own), or null when the key
   * needs the athlete's row; the field's resolver must compute the same key.
   */
  keyOf(athleteId: number, args: Record<string, unknown>, info: GraphQLResolveInfo): string | null;
}

const foldable = new Map<string, FoldableField<unknown>>();

export function foldIntoAthleteLookup<V>(fieldName: string, field: FoldableField<V>): void {
  foldable.set(fieldName, field as FoldableField<unknown>);
}

const foldedFields = new WeakMap<FieldNode, FieldNode | null>();

/**
 * The one field `athlete(id)` is asked for besides id and __typename, when it is foldable and
 * asked plainly: no fragment, no directive, no second field. Remembered per node, as the
 * document's nodes are the same objects on every request.
 */
function foldedFieldOf(info: GraphQLResolveInfo): FieldNode | null {
  if (info.fieldNodes.length !== 1) return null;
  const node = info.fieldNodes[0];
  let folded = foldedFields.get(node);
  if (folded === undefined) {
    folded = null;
    for (const selection of node.selectionSet?.selections ?? []) {
      const plain = selection.kind === Kind.FIELD && !selection.directives?.length;
      const name = plain ? selection.name.value : '';
      if (plain && (name === 'id' || name === '__typename')) continue;
      if (!plain || folded || !foldable.has(name)) {
        folded = null;
        break;
      }
      folded = selection as FieldNode;
    }
    foldedFields.set(node, folded);
  }
  return folded;
}

const lookupWith = tracedBatch('athleteWithField', async (ids: number[], { ctx, field, key }: { ctx: Context; field: FoldableField<unknown>; key: string }) => {
  let athlete: AthleteRow | null = null;
  const value = await field.loader.loadWith(key, ctx, async (rows) => {
    const found = await findAthleteWithRows(ctx.db, ctx.viewer.orgId, ids[0], rows);
    athlete = found.athlete;
    return found.rows;
  });
  if (athlete) field.loader.prime(key, value, ctx);
  return athlete;
});

/**
 * `athlete(id)`'s row read together with its one foldable field's statement, whose answer then
 * waits in the field's loader; null when the id is not an athlete of the organization, and
 * undefined when the query does not fold (the athlete is then looked up on its own). A field
 * whose arguments are wrong does not fold, so its own resolver reports them where they were
 * asked; nor does one whose statement fails, where it can be asked again (below).
 */
export async function lookupFolded(athleteId: number, ctx: Context, info: GraphQLResolveInfo): Promise<AthleteRow | null | undefined> {
  const node = foldedFieldOf(info);
  if (!node) return undefined;
  const name = node.name.value;
  const field = foldable.get(name)!;
  const type = getNamedType(info.returnType) as GraphQLObjectType;
  const definition = type.getFields()[name];
  const fieldInfo = { ...info, fieldName: name, fieldNodes: [node], parentType: type, returnType: definition.type } as GraphQLResolveInfo;
  let key: string | null;
  try {
    key = field.keyOf(athleteId, getArgumentValues(definition, node, info.variableValues), fieldInfo);
  } catch {
    return undefined;
  }
  if (key === null) return undefined;
  try {
    return await lookupWith([athleteId], { ctx, field, key });
  } catch (error) {
    // Unfolded, the field's failure is the field's (its path, the athlete still answered): ask
    // again that way, unless the read-only transaction is spent, the database is away, or the
    // statement ran out of time (asking again would double the wait).
    if (isInsideTransaction(ctx.db) || isDatabaseUnavailable(error) || (error as { code?: string }).code === QUERY_CANCELED) throw error;
    return undefined;
  }
}

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';
