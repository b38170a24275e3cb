import { getIntrospectionQuery, graphqlSync, type IntrospectionQuery, type IntrospectionType } from 'graphql';
import { schema } from '../../src/schema';

// Issue 16, "An API that documents itself": every type, field, argument, input field and enum
// value carries a description (units, ranges, time zone, and for derived numbers the formula's
// name with a pointer to docs/metrics.md). The check reads the schema through introspection, as
// GraphiQL does, and lists every missing description so the failure reads as a checklist.
const builtInScalars = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const blank = (description: string | null | undefined) => !description || description.trim() === '';

function introspect(): IntrospectionQuery {
  const result = graphqlSync({ schema, source: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.data as unknown as IntrospectionQuery;
}

function missingDescriptions(types: readonly IntrospectionType[]) {
  const missing = { types: [] as string[], fields: [] as string[], args: [] as string[], enumValues: [] as string[] };
  for (const type of types) {
    if (type.name.startsWith('__') || builtInScalars.has(type.name)) continue;
    if (blank(type.description)) missing.types.push(type.name);
    if (type.kind === 'OBJECT' || type.kind === 'INTERFACE') {
      for (const field of type.fields) {
        if (blank(field.description)) missing.fields.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (blank(arg.description)) missing.args.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (type.kind === 'INPUT_OBJECT') {
      for (const field of type.inputFields) {
        if (blank(field.description)) missing.fields.push(`${type.name}.${field.name}`);
      }
    }
    if (type.kind === 'ENUM') {
      for (const value of type.enumValues) {
        if (blank(value.description)) missing.enumValues.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('schema descriptions', () => {
  const { __schema } = introspect();
  const missing = missingDescriptions(__schema.types);

  it('walks the whole schema', () => {
    const named = __schema.types.filter((t) => !t.name.startsWith('__') && !builtInScalars.has(t.name));
    expect(named.length).toBeGreaterThan(50);
    expect(named.map((t) => t.name)).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Athlete', 'Timestamp', 'PageInfo']));
  });

  it('has a description on every type, field, argument, input field and enum value', () => {
    const total = missing.types.length + missing.fields.length + missing.args.length + missing.enumValues.length;
    if (total > 0) {
      const section = (title: string, items: string[]) => (items.length ? [`${title} (${items.length}):`, ...items.map((i) => `  - [ ] ${i}`)] : []);
      throw new Error(
        [
          `${total} schema descriptions missing (${missing.types.length} types, ${missing.fields.length} fields, ${missing.args.length} arguments, ${missing.enumValues.length} enum values):`,
          ...section('Types', missing.types),
          ...section('Fields and input fields', missing.fields),
          ...section('Arguments', missing.args),
          ...section('Enum values', missing.enumValues),
        ].join('\n'),
      );
    }
  });
});
