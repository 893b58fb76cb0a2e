/**
 * LightGBM trees in TypeScript: the model's JSON dump (`booster.dump_model()`) flattened once into
 * typed arrays, its raw score (the sum of the trees' leaf values, as LightGBM's
 * `predict(raw_score=True)`), and exact path-dependent TreeSHAP (Lundberg et al., "Consistent
 * Individualized Feature Attribution for Tree Ensembles", algorithm 2) as LightGBM computes it for
 * `predict(pred_contrib=True)`: node covers are the training row counts (`internal_count`,
 * `leaf_count`), the base value is the sum of each tree's count-weighted mean leaf value, and each
 * row follows LightGBM's own routing of missing values.
 *
 * Routing (LightGBM's `NumericalDecision`): a node has `missing_type` None, Zero or NaN and
 * `default_left`. NaN on a node whose missing type is not NaN is read as 0. Then a Zero node sends
 * |x| <= 1e-35 (float) — and a NaN node sends NaN — to its default side; anything else goes left
 * when x <= threshold. Thresholds are doubles (the dump prints 17 significant digits), compared to
 * the row's double value. Categorical splits (`decision_type` "==") and linear trees are refused.
 *
 * Everything is in raw-score space: identity for regression, log-odds for binary (the link
 * turns a raw score into a prediction: probability = 1 / (1 + exp(-sigmoid * raw))).
 */

export type Link = "identity" | "logistic" | "exp";

export class UnsupportedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedModelError";
  }
}

export interface TreeModel {
  featureNames: string[];
  numFeatures: number;
  /** LightGBM's objective line, e.g. "binary sigmoid:1" or "regression". */
  objective: string;
  link: Link;
  /** The logistic link's slope (LightGBM's `sigmoid`, 1 by default). */
  sigmoid: number;
  numTrees: number;
  /** Deepest leaf over all trees (root = depth 0). */
  maxDepth: number;
  /** Sum over trees of each tree's expected value: SHAP's base value, in raw-score space. */
  baseValue: number;
  /** Per tree: the root as a node reference (>= 0 internal node, < 0 leaf `~index`). */
  roots: Int32Array;
  /** Internal nodes, all trees together. */
  splitFeature: Int32Array;
  threshold: Float64Array;
  /** bit 0: default left; bits 1-2: missing type (0 None, 1 Zero, 2 NaN). */
  flags: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  nodeCount: Float64Array;
  /** Leaves, all trees together. */
  leafValue: Float64Array;
  leafCount: Float64Array;
}

const MISSING_NONE = 0;
const MISSING_ZERO = 1;
const MISSING_NAN = 2;
/** LightGBM's kZeroThreshold (1e-35f) as the double it is compared as. */
const ZERO_THRESHOLD = Math.fround(1e-35);

interface DumpNode {
  split_feature?: number;
  threshold?: number | string;
  decision_type?: string;
  default_left?: boolean;
  missing_type?: string;
  internal_count?: number;
  left_child?: DumpNode;
  right_child?: DumpNode;
  leaf_value?: number;
  leaf_count?: number;
}

interface Dump {
  objective?: string;
  num_class?: number;
  num_tree_per_iteration?: number;
  average_output?: boolean;
  max_feature_idx?: number;
  feature_names?: string[];
  tree_info?: Array<{ num_leaves?: number; tree_structure?: DumpNode; is_linear?: boolean }>;
}

export function linkOf(objective: string): { link: Link; sigmoid: number } {
  const [name = "", ...params] = objective.trim().split(/\s+/);
  if (name === "binary" || name === "cross_entropy" || name === "xentropy") {
    const sigmoidParam = params.find((p) => p.startsWith("sigmoid:"));
    const sigmoid = name === "binary" && sigmoidParam ? Number(sigmoidParam.slice("sigmoid:".length)) : 1;
    if (!(sigmoid > 0)) throw new UnsupportedModelError(`objective "${objective}": bad sigmoid`);
    return { link: "logistic", sigmoid };
  }
  if (["regression", "regression_l2", "l2", "mse", "regression_l1", "l1", "huber", "fair", "quantile", "mape"].includes(name)) {
    return { link: "identity", sigmoid: 1 };
  }
  if (["poisson", "gamma", "tweedie"].includes(name)) return { link: "exp", sigmoid: 1 };
  throw new UnsupportedModelError(`objective "${objective}" is not supported (regression, binary, poisson, gamma and tweedie are)`);
}

/** Applies the model's link to a raw score. */
export function applyLink(model: Pick<TreeModel, "link" | "sigmoid">, raw: number): number {
  switch (model.link) {
    case "logistic":
      return 1 / (1 + Math.exp(-model.sigmoid * raw));
    case "exp":
      return Math.exp(raw);
    default:
      return raw;
  }
}

/** Parses and flattens a LightGBM JSON dump (text or parsed). Throws UnsupportedModelError for what it cannot serve exactly. */
export function parseLightGbmDump(input: string | Uint8Array | object): TreeModel {
  const dump = (typeof input === "string" ? JSON.parse(input) : input instanceof Uint8Array ? JSON.parse(Buffer.from(input).toString("utf8")) : input) as Dump;
  if (!Array.isArray(dump.tree_info) || !Array.isArray(dump.feature_names)) throw new UnsupportedModelError("not a LightGBM model dump (no tree_info / feature_names)");
  if ((dump.num_class ?? 1) !== 1 || (dump.num_tree_per_iteration ?? 1) !== 1) {
    throw new UnsupportedModelError(`multi-class models are not supported (num_class ${dump.num_class})`);
  }
  if (dump.average_output) throw new UnsupportedModelError("random-forest models (average_output) are not supported");
  const objective = dump.objective ?? "regression";
  const { link, sigmoid } = linkOf(objective);
  const featureNames = dump.feature_names.map(String);
  const numFeatures = featureNames.length;

  let internal = 0;
  let leaves = 0;
  const count = (node: DumpNode) => {
    if (node.left_child && node.right_child) {
      internal++;
      count(node.left_child);
      count(node.right_child);
    } else leaves++;
  };
  for (const [i, tree] of dump.tree_info.entries()) {
    if (tree.is_linear) throw new UnsupportedModelError(`tree ${i} is a linear tree (linear_tree=true), which is not supported`);
    if (!tree.tree_structure) throw new UnsupportedModelError(`tree ${i} has no tree_structure`);
    count(tree.tree_structure);
  }

  const model: TreeModel = {
    featureNames,
    numFeatures,
    objective,
    link,
    sigmoid,
    numTrees: dump.tree_info.length,
    maxDepth: 0,
    baseValue: 0,
    roots: new Int32Array(dump.tree_info.length),
    splitFeature: new Int32Array(internal),
    threshold: new Float64Array(internal),
    flags: new Uint8Array(internal),
    left: new Int32Array(internal),
    right: new Int32Array(internal),
    nodeCount: new Float64Array(internal),
    leafValue: new Float64Array(leaves),
    leafCount: new Float64Array(leaves),
  };

  let nextNode = 0;
  let nextLeaf = 0;
  const flatten = (node: DumpNode, depth: number, tree: number): number => {
    if (!(node.left_child && node.right_child)) {
      const leaf = nextLeaf++;
      const value = Number(node.leaf_value);
      if (!Number.isFinite(value)) throw new UnsupportedModelError(`tree ${tree}: a leaf without a finite leaf_value`);
      model.leafValue[leaf] = value;
      model.leafCount[leaf] = Number(node.leaf_count ?? 0);
      if (depth > model.maxDepth) model.maxDepth = depth;
      return ~leaf;
    }
    const id = nextNode++;
    if (node.decision_type !== "<=") {
      throw new UnsupportedModelError(
        `tree ${tree}: categorical split (decision_type "${node.decision_type}") on feature "${featureNames[node.split_feature ?? -1]}"; ` +
          "categorical features are not supported — encode them as numbers (one-hot or ordinal) before training",
      );
    }
    const feature = Number(node.split_feature);
    if (!Number.isInteger(feature) || feature < 0 || feature >= numFeatures) throw new UnsupportedModelError(`tree ${tree}: split_feature ${node.split_feature} out of range`);
    const missing = node.missing_type === "NaN" ? MISSING_NAN : node.missing_type === "Zero" ? MISSING_ZERO : node.missing_type === "None" || node.missing_type === undefined ? MISSING_NONE : -1;
    if (missing < 0) throw new UnsupportedModelError(`tree ${tree}: unknown missing_type "${node.missing_type}"`);
    model.splitFeature[id] = feature;
    model.threshold[id] = Number(node.threshold);
    model.flags[id] = (node.default_left ? 1 : 0) | (missing << 1);
    model.nodeCount[id] = Number(node.internal_count ?? 0);
    model.left[id] = flatten(node.left_child, depth + 1, tree);
    model.right[id] = flatten(node.right_child, depth + 1, tree);
    return id;
  };
  for (const [i, tree] of dump.tree_info.entries()) {
    model.roots[i] = flatten(tree.tree_structure!, 0, i);
    model.baseValue += expectedValue(model, model.roots[i]!);
  }
  return model;
}

/** LightGBM's Tree::ExpectedValue: the count-weighted mean of the leaves under `root`. */
function expectedValue(model: TreeModel, root: number): number {
  if (root < 0) return model.leafValue[~root]!;
  const total = model.nodeCount[root]!;
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    for (const child of [model.left[node]!, model.right[node]!]) {
      if (child < 0) sum += (model.leafCount[~child]! / total) * model.leafValue[~child]!;
      else stack.push(child);
    }
  }
  return sum;
}

/** The child a value goes to at internal node `node` (LightGBM's NumericalDecision). */
function decide(model: TreeModel, node: number, value: number): number {
  const flags = model.flags[node]!;
  const missing = flags >> 1;
  let x = value;
  if (x !== x && missing !== MISSING_NAN) x = 0;
  if ((missing === MISSING_ZERO && x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) || (missing === MISSING_NAN && x !== x)) {
    return flags & 1 ? model.left[node]! : model.right[node]!;
  }
  return x <= model.threshold[node]! ? model.left[node]! : model.right[node]!;
}

/**
 * Raw scores of `rows` rows laid out row-major in `x` (numFeatures doubles per row, NaN = missing).
 */
export function rawScores(model: TreeModel, x: Float64Array, rows: number, out = new Float64Array(rows)): Float64Array {
  const f = model.numFeatures;
  for (let r = 0; r < rows; r++) {
    const base = r * f;
    let sum = 0;
    for (let t = 0; t < model.numTrees; t++) {
      let node = model.roots[t]!;
      while (node >= 0) node = decide(model, node, x[base + model.splitFeature[node]!]!);
      sum += model.leafValue[~node]!;
    }
    out[r] = sum;
  }
  return out;
}

/**
 * Exact TreeSHAP of every row: `out` gets numFeatures + 1 doubles per row, the contributions in
 * feature order and then the base value (LightGBM's pred_contrib layout). Contributions + base
 * value = the raw score.
 */
export function treeShap(model: TreeModel, x: Float64Array, rows: number, out = new Float64Array(rows * (model.numFeatures + 1))): Float64Array {
  const kernel = shapKernel(model);
  const f = model.numFeatures;
  const width = f + 1;
  out.fill(0, 0, rows * width);
  for (let r = 0; r < rows; r++) kernel(x, r * f, out, r * width);
  return out;
}

/**
 * The recursion of algorithm 2 over one model, as a closure over typed arrays. The unique paths
 * live in one Float64Array, four numbers per element — feature, zero fraction, one fraction, path
 * weight — so that copying a parent's path (most of the work) is one contiguous loop; each level's
 * path starts where its parent's starts plus the parent's depth (LightGBM's triangular layout), so
 * nothing is allocated per row. Extend, unwind and the unwound sums are inlined: the same
 * arithmetic as LightGBM's ExtendPath / UnwindPath / UnwoundPathSum, with divisions by loop
 * constants turned into products with reciprocals (results equal to ~1e-15).
 */
function shapKernel(model: TreeModel): (x: Float64Array, xOffset: number, phi: Float64Array, phiOffset: number) => void {
  const { splitFeature, threshold, flags, left, right, nodeCount, leafValue, leafCount, roots, numTrees, numFeatures, baseValue } = model;
  const len = model.maxDepth + 2;
  const size = ((len + 1) * (len + 2)) / 2;
  const P = new Float64Array(size * 4);
  const reciprocal = new Float64Array(len + 2).map((_, i) => (i === 0 ? 0 : 1 / i));
  // Share of a node's training rows that went to each child (the zero fractions), computed once.
  const count = (ref: number) => (ref >= 0 ? nodeCount[ref]! : leafCount[~ref]!);
  const leftFraction = new Float64Array(left.length).map((_, n) => count(left[n]!) / nodeCount[n]!);
  const rightFraction = new Float64Array(right.length).map((_, n) => count(right[n]!) / nodeCount[n]!);
  let row: Float64Array = new Float64Array(0);
  let rowOffset = 0;
  let phi: Float64Array = new Float64Array(0);
  let phiOffset = 0;

  // `inPlace`: the node is its parent's last child, so the parent's path is not needed after it and
  // is extended where it lies instead of being copied first (half the copying, the same numbers).
  const recurse = (node: number, depth: number, parentOffset: number, zeroFraction: number, oneFraction: number, featureIndex: number, inPlace: boolean): void => {
    const offset = inPlace ? parentOffset : parentOffset + depth;
    const o4 = offset * 4;
    if (!inPlace) {
      const p4 = parentOffset * 4;
      const n4 = depth * 4;
      for (let i = 0; i < n4; i++) P[o4 + i] = P[p4 + i]!;
    }
    // extend
    const e = o4 + depth * 4;
    P[e] = featureIndex;
    P[e + 1] = zeroFraction;
    P[e + 2] = oneFraction;
    P[e + 3] = depth === 0 ? 1 : 0;
    const d1 = depth + 1;
    const oneScale = oneFraction * reciprocal[d1]!;
    const zeroScale0 = zeroFraction * reciprocal[d1]!;
    for (let i = depth - 1; i >= 0; i--) {
      const wi = o4 + i * 4 + 3;
      const wv = P[wi]!;
      P[wi + 4] += oneScale * wv * (i + 1);
      P[wi] = zeroScale0 * wv * (depth - i);
    }

    if (node < 0) {
      const value = leafValue[~node]!;
      let coldSum = -1;
      for (let i = 1; i <= depth; i++) {
        const b = o4 + i * 4;
        const one = P[b + 2]!;
        const zero = P[b + 1]!;
        let w: number;
        if (one !== 0) {
          let next = P[o4 + depth * 4 + 3]!;
          let total = 0;
          const scale = d1 / one;
          const zeroScale = zero / d1;
          for (let k = depth - 1; k >= 0; k--) {
            const tmp = next * scale * reciprocal[k + 1]!;
            total += tmp;
            next = P[o4 + k * 4 + 3]! - tmp * zeroScale * (depth - k);
          }
          w = total;
        } else {
          if (coldSum < 0) {
            coldSum = 0;
            for (let k = depth - 1; k >= 0; k--) coldSum += P[o4 + k * 4 + 3]! * reciprocal[depth - k]!;
            coldSum *= d1;
          }
          w = coldSum / zero;
        }
        phi[phiOffset + (P[b]! | 0)] += w * (one - zero) * value;
      }
      return;
    }

    const split = splitFeature[node]!;
    const nodeFlags = flags[node]!;
    const missing = nodeFlags >> 1;
    let v = row[rowOffset + split]!;
    if (v !== v && missing !== MISSING_NAN) v = 0;
    let goLeft: boolean;
    if ((missing === MISSING_ZERO && v >= -ZERO_THRESHOLD && v <= ZERO_THRESHOLD) || (missing === MISSING_NAN && v !== v)) goLeft = (nodeFlags & 1) === 1;
    else goLeft = v <= threshold[node]!;
    const hot = goLeft ? left[node]! : right[node]!;
    const cold = goLeft ? right[node]! : left[node]!;
    const hotZero = goLeft ? leftFraction[node]! : rightFraction[node]!;
    const coldZero = goLeft ? rightFraction[node]! : leftFraction[node]!;
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;
    let pathIndex = 0;
    for (; pathIndex <= d; pathIndex++) if (P[o4 + pathIndex * 4] === split) break;
    if (pathIndex !== d + 1) {
      const b = o4 + pathIndex * 4;
      incomingZero = P[b + 1]!;
      incomingOne = P[b + 2]!;
      // unwind
      const oneF = incomingOne;
      const zeroF = incomingZero;
      let nextOnePortion = P[o4 + d * 4 + 3]!;
      for (let i = d - 1; i >= 0; i--) {
        const wi = o4 + i * 4 + 3;
        if (oneF !== 0) {
          const tmp = P[wi]!;
          P[wi] = (nextOnePortion * (d + 1)) / ((i + 1) * oneF);
          nextOnePortion = tmp - (P[wi]! * zeroF * (d - i)) / (d + 1);
        } else {
          P[wi] = (P[wi]! * (d + 1)) / (zeroF * (d - i));
        }
      }
      for (let i = pathIndex; i < d; i++) {
        const a = o4 + i * 4;
        P[a] = P[a + 4]!;
        P[a + 1] = P[a + 5]!;
        P[a + 2] = P[a + 6]!;
      }
      d -= 1;
    }
    recurse(hot, d + 1, offset, hotZero * incomingZero, incomingOne, split, false);
    recurse(cold, d + 1, offset, coldZero * incomingZero, 0, split, true);
  };

  return (x, xOffset, out, outOffset) => {
    row = x;
    rowOffset = xOffset;
    phi = out;
    phiOffset = outOffset;
    for (let t = 0; t < numTrees; t++) {
      const root = roots[t]!;
      if (root >= 0) recurse(root, 0, 0, 1, 1, -1, false);
    }
    phi[phiOffset + numFeatures] = baseValue;
  };
}
