import {
  getNamedType,
  isListType,
  isNonNullType,
  isCompositeType,
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * What a field costs, declared by the subgraph that owns it with federation's demand-control
 * directives (`@cost(weight:)`, `@listSize(slicingArguments:, assumedSize:)`), which composition
 * copies into the supergraph.
 */
export interface FieldCost {
  weight?: number;
  slicingArguments?: string[];
  assumedSize?: number;
}

/** Keyed by `Type.field`. */
export type CostTable = ReadonlyMap<string, FieldCost>;

/** Fields that are not declared: 1 each (every selection is some work); mutations 10. */
export const DEFAULT_FIELD_WEIGHT = 1;
export const DEFAULT_MUTATION_WEIGHT = 10;
/** List sizes are read from these arguments when a field declares no slicing arguments. */
const CONVENTIONAL_SLICING = ["first", "k", "limit"];

/** Reads every `@cost` and `@listSize` on object fields of a supergraph SDL. */
export function costTableFromSupergraph(supergraphSdl: string): CostTable {
  const table = new Map<string, FieldCost>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      const cost: FieldCost = {};
      for (const directive of field.directives ?? []) {
        const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
        if (directive.name.value === "cost" && typeof args.weight === "number") cost.weight = args.weight;
        // Composition may import it as @listSize or namespace it as @cost__listSize.
        if (directive.name.value === "listSize" || directive.name.value === "cost__listSize") {
          if (Array.isArray(args.slicingArguments)) cost.slicingArguments = args.slicingArguments as string[];
          if (typeof args.assumedSize === "number") cost.assumedSize = args.assumedSize;
        }
      }
      if (Object.keys(cost).length) table.set(`${def.name.value}.${field.name.value}`, cost);
    }
  }
  return table;
}

/**
 * The cost of one operation: a field costs its weight plus, for its selections, their cost times
 * the number of items it returns (its slicing argument's value, else its declared assumed size,
 * else 1). Fragments are costed once each and cycles never recursed into, so a document that
 * spreads fragments exponentially costs an exponential number, quickly, instead of being expanded.
 * Over-estimates on purpose: @skip/@include are ignored and every inline fragment of an abstract
 * type is added.
 */
export function operationCost(
  schema: GraphQLSchema,
  table: CostTable,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const root = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const mutationRoot = operation.operation === "mutation" ? root.name : undefined;

  const argumentNumber = (field: FieldNode, name: string, defaultValue: unknown): number | undefined => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    const value = arg ? (arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : valueFromASTUntyped(arg.value, variables)) : defaultValue;
    return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : undefined;
  };

  const selectionCost = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(parent, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(type && isCompositeType(type) ? type : parent, selection.selectionSet);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Validation refuses cycles and unknown fragments first; this only keeps the walk finite.
    if (!fragment || visiting.has(name)) return Infinity;
    visiting.add(name);
    const type = schema.getType(fragment.typeCondition.name.value);
    const cost = type && isCompositeType(type) ? selectionCost(type, fragment.selectionSet) : 0;
    visiting.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, field: FieldNode): number => {
    const name = field.name.value;
    const declared = table.get(`${parent.name}.${name}`);
    const weight = declared?.weight ?? (parent.name === mutationRoot ? DEFAULT_MUTATION_WEIGHT : DEFAULT_FIELD_WEIGHT);
    if (!field.selectionSet) return weight;
    const definition = "getFields" in parent ? parent.getFields()[name] : undefined;
    if (!definition) return weight;
    const type = getNamedType(definition.type);
    if (!isCompositeType(type)) return weight;
    let size: number | undefined;
    for (const slicing of declared?.slicingArguments ?? CONVENTIONAL_SLICING) {
      const defaultValue = definition.args.find((a) => a.name === slicing)?.defaultValue;
      size = argumentNumber(field, slicing, defaultValue);
      if (size !== undefined) break;
    }
    size ??= isList(definition.type) ? (declared?.assumedSize ?? 1) : 1;
    return weight + size * selectionCost(type, field.selectionSet);
  };

  return selectionCost(root, operation.selectionSet);
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
