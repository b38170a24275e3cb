import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks, anywhere beneath it or (`directly`) among its own
 * fields, through fragments either way, for a field whose name `matches`: lets a resolver
 * leave out columns nobody asked for. Unsure (a fragment it cannot find) counts as asked, so
 * skipping work on false never drops what was asked.
 * Remembered per field node: a document's nodes are the same objects on every request.
 */
export function selectionAsker(matches: (fieldName: string) => boolean, depth: 'beneath' | 'directly' = 'beneath'): (info: GraphQLResolveInfo) => boolean {
  const asked = new WeakMap<FieldNode, boolean>();
  return (info) => {
    const node = info.fieldNodes[0];
    let answer = asked.get(node);
    if (answer === undefined) {
      const visited = new Set<string>();
      const visit = (set: SelectionSetNode | undefined): boolean =>
        !!set &&
        set.selections.some((selection) => {
          if (selection.kind === Kind.FIELD) return matches(selection.name.value) || (depth === 'beneath' && visit(selection.selectionSet));
          if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
          const fragment = info.fragments[selection.name.value];
          if (!fragment) return true;
          if (visited.has(selection.name.value)) return false;
          visited.add(selection.name.value);
          return visit(fragment.selectionSet);
        });
      answer = info.fieldNodes.some((field) => visit(field.selectionSet));
      if (info.fieldNodes.length === 1) asked.set(node, answer);
    }
    return answer;
  };
}
