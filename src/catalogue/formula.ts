/**
 * Indicator formulas: arithmetic over measure ids, evaluated exactly.
 *
 * A formula is `+ - * /`, parentheses, unary minus, number literals and powers `b^k` (b a number literal, k an
 * integer literal, |k| ≤ 30): `service_centers / urban_population * 10^4`. The text is parsed by jsep, which
 * only builds a syntax tree and never runs code; the tree is then checked node by node into a small closed
 * union, so anything else (calls, member access, strings, comparisons, ...) is refused with the position of
 * the offending token. Numbers are read from their source text, never through a double: `0.1` is 1/10.
 */
import jsep from 'jsep';
import type { Rational } from '../exact/rational.js';
import { add, divide, multiply, negate, roundToString, subtract } from '../exact/rational.js';

export type BinaryOperator = '+' | '-' | '*' | '/';

export type FormulaNode =
  /** a number literal: ≥ 0, in lowest terms, a terminating decimal */
  | { readonly kind: 'number'; readonly value: Rational }
  | { readonly kind: 'measure'; readonly id: string }
  | { readonly kind: 'negate'; readonly operand: FormulaNode }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  /** base^exponent with a literal base (≥ 0, lowest terms) and an integer exponent, |exponent| ≤ 30 */
  | { readonly kind: 'power'; readonly base: Rational; readonly exponent: number };

export interface Formula {
  readonly text: string;
  readonly tree: FormulaNode;
  /** measure ids in first-appearance order, unique */
  readonly inputs: readonly string[];
}

/** Why a formula was refused; stable, for callers and tests (the message may be reworded). */
export type FormulaErrorCode =
  | 'empty'
  | 'syntax' // jsep could not parse the text
  | 'unknown-measure'
  | 'not-allowed' // valid expression syntax outside the formula language: calls, members, strings, `%`, ...
  | 'bad-number' // exponent notation (1e5) in a literal
  | 'bad-power' // a base or exponent of ^ that is not a literal, or |k| > 30
  | 'too-long' // more than MAX_FORMULA_LENGTH characters
  | 'too-deep'; // parentheses or signs nested more than MAX_FORMULA_DEPTH deep

export class FormulaError extends Error {
  readonly code: FormulaErrorCode;
  /** 0-based index in the formula text of the offending token */
  readonly position: number;

  /** `message` says what is wrong, without the position: callers add file, JSON path and position. */
  constructor(code: FormulaErrorCode, message: string, position: number) {
    super(message);
    this.name = 'FormulaError';
    this.code = code;
    this.position = position;
  }
}

export type Outcome = { readonly value: Rational } | { readonly missing: 'input' | 'zero-denominator' };

export const MAX_POWER = 30;
/**
 * The longest formula text, and the deepest nesting of parentheses and signs (`((a))`, `--a`): the parser and
 * the evaluators recurse on the tree, so a formula is bounded before it is parsed, never a stack overflow. A
 * formula of the catalogue is some 40 characters and 2 deep.
 */
export const MAX_FORMULA_LENGTH = 1000;
export const MAX_FORMULA_DEPTH = 32;

/** Refuses a formula beyond the limits, scanning its text once (no recursion). */
function checkFormulaSize(text: string): void {
  if (text.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError('too-long', `a formula has at most ${MAX_FORMULA_LENGTH} characters, and this one ${text.length}`, MAX_FORMULA_LENGTH);
  }
  let parentheses = 0;
  let signs = 0; // signs in a row, each a unary operator over what follows
  let afterOperand = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (/\s/.test(character)) continue;
    if (character === '(') {
      parentheses += 1;
      afterOperand = false;
    } else if (character === ')') {
      parentheses = Math.max(0, parentheses - 1);
      afterOperand = true;
      signs = 0;
    } else if ((character === '-' || character === '+' || character === '!' || character === '~') && !afterOperand) {
      signs += 1;
    } else {
      afterOperand = /[\w.\u0080-\uffff]/.test(character);
      if (afterOperand) signs = 0;
    }
    if (parentheses + signs > MAX_FORMULA_DEPTH) {
      throw new FormulaError('too-deep', `a formula nests parentheses and signs at most ${MAX_FORMULA_DEPTH} deep`, index);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

/** The parts of jsep's parser class used here (jsep's typings declare only the function form). */
interface JsepParser {
  index: number;
  parse(): jsep.Expression;
  gobbleSpaces(): void;
  gobbleToken(): jsep.Expression | false | undefined;
  gobbleIdentifier(): jsep.Expression;
}
interface JsepParserClass {
  new (expr: string): JsepParser;
  binary_ops: Record<string, number>;
  right_associative: Set<string>;
  addBinaryOp(operator: string, precedence: number, rightAssociative?: boolean): unknown;
  removeBinaryOp(operator: string): unknown;
}
const Jsep = (jsep as unknown as { Jsep: JsepParserClass }).Jsep;

/**
 * jsep's parser, recording where each token starts and where the parser stood after it (jsep nodes carry no
 * positions). Recording inside the parser, rather than re-tokenising the text, makes the 2nd occurrence of an
 * id point to the 2nd occurrence by construction.
 */
class PositionedParser extends Jsep {
  /** node → index of its first character; a parenthesised node keeps its inner start */
  readonly starts = new Map<jsep.Expression, number>();
  /** node → index after it and after any closing parentheses and spaces that follow */
  readonly ends = new Map<jsep.Expression, number>();

  override gobbleToken(): jsep.Expression | false | undefined {
    this.gobbleSpaces();
    const start = this.index;
    const node = super.gobbleToken();
    if (node) {
      if (!this.starts.has(node)) this.starts.set(node, start);
      this.ends.set(node, this.index); // the outermost call sees the closing parentheses
    }
    return node;
  }

  override gobbleIdentifier(): jsep.Expression {
    const start = this.index;
    const node = super.gobbleIdentifier();
    if (!this.starts.has(node)) this.starts.set(node, start); // also the property of `a.b`
    return node;
  }
}

// Precedence above * and / (10), like `**`; jsep's default `^` is bitwise XOR below comparison.
const POWER_PRECEDENCE = 11;

/** Parse with `^` as power, then restore jsep's shared operator table for any other user in the process. */
function parseWithPower(text: string): { parser: PositionedParser; root: jsep.Expression } {
  const previous = Jsep.binary_ops['^'];
  const previousRight = Jsep.right_associative.has('^');
  Jsep.addBinaryOp('^', POWER_PRECEDENCE, true);
  try {
    const parser = new PositionedParser(text);
    return { parser, root: parser.parse() };
  } finally {
    if (previous === undefined) Jsep.removeBinaryOp('^');
    else Jsep.addBinaryOp('^', previous, previousRight);
  }
}

/**
 * Characters shown by printFormula or typed from Chinese input methods, each mapped to its ASCII equivalent of
 * the same length so that positions in the text stay valid.
 */
const SAME_LENGTH_SUBSTITUTES: Readonly<Record<string, string>> = {
  '×': '*',
  '÷': '/',
  '−': '-', // U+2212 minus sign
  '\u00a0': ' ',
  '\u3000': ' ', // ideographic space
};
const SUBSTITUTE_PATTERN = /[×÷−\u00a0\u3000]/g;

const NUMBER_LITERAL = /^(\d*)(?:\.(\d*))?$/;
const INTEGER_LITERAL = /^\d+$/;
const ONE: Rational = { n: 1n, d: 1n };

/**
 * Parse `text` into a checked formula over the measure ids accepted by `isMeasure`.
 * @throws FormulaError with the position of the offending token
 * @example parseFormula('service_centers / urban_population * 10^4', isMeasureId).inputs
 *   // ['service_centers', 'urban_population']
 */
export function parseFormula(text: string, isMeasure: (id: string) => boolean): Formula {
  checkFormulaSize(text);
  const source = text.replace(SUBSTITUTE_PATTERN, (character) => SAME_LENGTH_SUBSTITUTES[character] ?? character);
  let parsed: { parser: PositionedParser; root: jsep.Expression };
  try {
    parsed = parseWithPower(source);
  } catch (error) {
    if (error instanceof Error && typeof (error as { index?: unknown }).index === 'number') {
      const { index, description } = error as Error & { index: number; description?: string };
      throw new FormulaError('syntax', description ?? error.message, index);
    }
    throw error;
  }
  const inputs: string[] = [];
  const tree = new TreeChecker(source, parsed.parser, isMeasure, inputs).check(parsed.root);
  const formula: Formula = Object.freeze({ text, tree, inputs: Object.freeze(inputs) });
  compiled.set(formula, compile(tree, inputs));
  return formula;
}

/** Turns jsep's tree into a FormulaNode, refusing everything outside the formula language, in text order. */
class TreeChecker {
  constructor(
    private readonly text: string,
    private readonly parser: PositionedParser,
    private readonly isMeasure: (id: string) => boolean,
    private readonly inputs: string[],
  ) {}

  check(root: jsep.Expression): FormulaNode {
    if (root.type === 'Compound') {
      const body = (root as jsep.Compound).body;
      const first = body[0];
      if (first === undefined) throw new FormulaError('empty', 'the formula is empty', this.skipSpaces(0));
      const position = this.after(first);
      const separator = this.text[position];
      throw new FormulaError(
        'not-allowed',
        separator === ',' || separator === ';'
          ? `a formula is one expression: "${separator}" is not allowed`
          : 'an operator is missing before this',
        position,
      );
    }
    return this.node(root);
  }

  private node(node: jsep.Expression): FormulaNode {
    switch (node.type) {
      case 'Literal':
        return { kind: 'number', value: this.number(node as jsep.Literal) };
      case 'Identifier': {
        const id = (node as jsep.Identifier).name;
        if (!this.isMeasure(id)) throw new FormulaError('unknown-measure', `unknown measure id "${id}"`, this.start(node));
        if (!this.inputs.includes(id)) this.inputs.push(id);
        return { kind: 'measure', id };
      }
      case 'UnaryExpression': {
        const { operator, argument } = node as jsep.UnaryExpression;
        if (operator !== '-') throw this.notAllowed(`the operator "${operator}"`, this.start(node));
        return { kind: 'negate', operand: this.node(argument) };
      }
      case 'BinaryExpression':
        return this.binary(node as jsep.BinaryExpression);
      case 'CallExpression':
        throw this.notAllowed('a function call', this.start(node));
      case 'MemberExpression': {
        const { computed, property } = node as jsep.MemberExpression;
        const position = this.text.lastIndexOf(computed ? '[' : '.', this.start(property) - 1);
        throw this.notAllowed('member access', position);
      }
      case 'ThisExpression':
        throw this.notAllowed('"this"', this.start(node));
      case 'ArrayExpression':
        throw this.notAllowed('an array', this.start(node));
      case 'SequenceExpression': {
        const [first] = (node as jsep.SequenceExpression).expressions;
        throw this.notAllowed('a list ","', first === undefined ? this.start(node) : this.after(first));
      }
      case 'ConditionalExpression':
        throw this.notAllowed('a conditional "? :"', this.after((node as jsep.ConditionalExpression).test));
      default:
        throw this.notAllowed(`the syntax ${node.type}`, this.start(node));
    }
  }

  private binary(node: jsep.BinaryExpression): FormulaNode {
    const { operator, left, right } = node;
    if (operator === '^') return this.power(node);
    // left before the operator before right: the first problem in the text is the one reported
    const leftNode = this.node(left);
    if (operator !== '+' && operator !== '-' && operator !== '*' && operator !== '/') {
      const hint = operator === '**' ? 'write powers with ^, as 10^4' : 'the operators are + - * / and ^';
      throw this.notAllowed(`the operator "${operator}"`, this.operatorPosition(node), hint);
    }
    return { kind: 'binary', operator, left: leftNode, right: this.node(right) };
  }

  private power(node: jsep.BinaryExpression): FormulaNode {
    const { left: base, right: exponentNode } = node;
    if (base.type === 'UnaryExpression') {
      throw new FormulaError(
        'bad-power',
        'the base of ^ must be an unsigned number literal (for a negative power write -(10^4))',
        this.start(base),
      );
    }
    if (base.type !== 'Literal') {
      throw new FormulaError('bad-power', 'the base of ^ must be a number literal, as in 10^4', this.start(base));
    }
    const baseValue = this.number(base as jsep.Literal);
    let sign = 1;
    let digits: jsep.Expression = exponentNode;
    if (digits.type === 'UnaryExpression' && (digits as jsep.UnaryExpression).operator === '-') {
      sign = -1;
      digits = (digits as jsep.UnaryExpression).argument;
    }
    const raw = digits.type === 'Literal' ? (digits as jsep.Literal).raw : undefined;
    if (raw === undefined || typeof (digits as jsep.Literal).value !== 'number' || !INTEGER_LITERAL.test(raw)) {
      throw new FormulaError('bad-power', 'the exponent of ^ must be an integer literal, as in 10^4 or 10^-4', this.start(exponentNode));
    }
    const magnitude = Number(raw);
    if (magnitude > MAX_POWER) {
      throw new FormulaError('bad-power', `the exponent of ^ must be between -${MAX_POWER} and ${MAX_POWER}`, this.start(exponentNode));
    }
    return { kind: 'power', base: baseValue, exponent: magnitude === 0 ? 0 : sign * magnitude }; // never -0
  }

  /** The literal's exact value from its source text. */
  private number(literal: jsep.Literal): Rational {
    if (typeof literal.value !== 'number') {
      const what = typeof literal.value === 'string' ? 'text in quotes' : `"${literal.raw}"`;
      throw this.notAllowed(what, this.start(literal));
    }
    const match = NUMBER_LITERAL.exec(literal.raw);
    if (match === null) {
      throw new FormulaError(
        'bad-number',
        `exponent notation is not allowed in "${literal.raw}" (write a power of ten, as 10^5)`,
        this.start(literal),
      );
    }
    const [, integer = '', fraction = ''] = match;
    // multiply by one: multiply returns lowest terms
    return multiply({ n: BigInt(integer + fraction || '0'), d: 10n ** BigInt(fraction.length) }, ONE);
  }

  private notAllowed(what: string, position: number, hint?: string): FormulaError {
    const message = `${what} is not allowed in a formula${hint === undefined ? '' : `: ${hint}`}`;
    return new FormulaError('not-allowed', message, position);
  }

  private start(node: jsep.Expression): number {
    const recorded = this.parser.starts.get(node);
    if (recorded !== undefined) return recorded;
    // unparenthesised operators are not tokens: they start where their left operand does
    if (node.type === 'BinaryExpression') return this.start((node as jsep.BinaryExpression).left);
    if (node.type === 'ConditionalExpression') return this.start((node as jsep.ConditionalExpression).test);
    return 0;
  }

  /** The index of the first non-blank character after `node` (and after its closing parentheses). */
  private after(node: jsep.Expression): number {
    const recorded = this.parser.ends.get(node);
    if (recorded !== undefined) return this.skipSpaces(recorded);
    switch (node.type) {
      case 'BinaryExpression':
        return this.after((node as jsep.BinaryExpression).right);
      case 'UnaryExpression':
        return this.after((node as jsep.UnaryExpression).argument);
      case 'ConditionalExpression':
        return this.after((node as jsep.ConditionalExpression).alternate);
      default:
        return this.skipSpaces(this.start(node));
    }
  }

  private operatorPosition(node: jsep.BinaryExpression): number {
    return this.after(node.left);
  }

  private skipSpaces(index: number): number {
    let position = index;
    while (position < this.text.length && ' \t\r\n'.includes(this.text[position]!)) position += 1;
    return position;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/** A formula compiled once: input values by position in `inputs` → value, or null on a zero denominator. */
type Compiled = (inputs: readonly Rational[]) => Rational | null;

const compiled = new WeakMap<Formula, Compiled>();

function compile(node: FormulaNode, inputs: readonly string[]): Compiled {
  switch (node.kind) {
    case 'number': {
      const { value } = node;
      return () => value;
    }
    case 'power': {
      const value = powerValue(node.base, node.exponent);
      return () => value;
    }
    case 'measure': {
      const slot = inputs.indexOf(node.id);
      if (slot < 0) throw new Error(`formula inputs lack the measure "${node.id}"`);
      return (values) => values[slot]!;
    }
    case 'negate': {
      const operand = compile(node.operand, inputs);
      return (values) => {
        const value = operand(values);
        return value === null ? null : negate(value);
      };
    }
    case 'binary': {
      const left = compile(node.left, inputs);
      const right = compile(node.right, inputs);
      const combine = COMBINE[node.operator];
      return (values) => {
        const a = left(values);
        if (a === null) return null;
        const b = right(values);
        return b === null ? null : combine(a, b);
      };
    }
  }
}

const COMBINE: Readonly<Record<BinaryOperator, (a: Rational, b: Rational) => Rational | null>> = {
  '+': add,
  '-': subtract,
  '*': multiply,
  '/': divide,
};

/** base^exponent exactly, or null for 0 to a negative power (a division by zero). */
function powerValue(base: Rational, exponent: number): Rational | null {
  const k = BigInt(Math.abs(exponent));
  const value = { n: base.n ** k, d: base.d ** k };
  return exponent >= 0 ? value : divide(ONE, value);
}

/**
 * The formula's exact value for one row. Inputs are looked at first: a missing one (null or absent) gives
 * `{ missing: 'input' }` even when a denominator would also be zero; then a division by exactly zero anywhere
 * gives `{ missing: 'zero-denominator' }`. The value is exact, not necessarily in lowest terms (like `divide`).
 * Cost: one pass over a tree compiled at parse time, no per-call closures.
 */
export function evaluateFormula(formula: Formula, values: ReadonlyMap<string, Rational | null>): Outcome {
  let run = compiled.get(formula);
  if (run === undefined) {
    run = compile(formula.tree, formula.inputs);
    compiled.set(formula, run);
  }
  const { inputs } = formula;
  const row: Rational[] = new Array<Rational>(inputs.length);
  for (let index = 0; index < inputs.length; index += 1) {
    const value = values.get(inputs[index]!);
    if (value === null || value === undefined) return MISSING_INPUT;
    row[index] = value;
  }
  const value = run(row);
  return value === null ? ZERO_DENOMINATOR : { value };
}


/**
 * A formula on whole numbers held exactly as doubles, for hot loops: the value as one correctly rounded division
 * n / d of exact integers (what toNumber gives for the exact value), null on a zero denominator, or undefined
 * when an intermediate would leave the exact integers (beyond 2^53) or the formula adds or subtracts — then the
 * caller evaluates exactly. Only products and quotients: the exact evaluator's terms are then these divided by a
 * whole factor, so they are exact doubles too and toNumber takes the same single division.
 */
export function evaluateWholeNumbers(formula: Formula, inputs: ArrayLike<number>): number | null | undefined {
  let run = numeric.get(formula);
  if (run === undefined) {
    run = compileNumeric(formula.tree, formula.inputs);
    numeric.set(formula, run);
  }
  const status = run.evaluate(inputs);
  if (status === UNSAFE) return undefined;
  if (status === ZERO_DIVISOR) return null;
  const value = run.out[0]! / run.out[1]!;
  return value === 0 ? 0 : value; // never -0: the exact zero is 0/1
}

const OK = 0;
const ZERO_DIVISOR = 1;
const UNSAFE = 2;
/** A compiled node: `evaluate` writes numerator and denominator (> 0) into `out` and returns a status. */
interface NumericNode {
  readonly out: Float64Array;
  evaluate(inputs: ArrayLike<number>): number;
}
const numeric = new WeakMap<Formula, NumericNode>();

function compileNumeric(node: FormulaNode, inputs: readonly string[]): NumericNode {
  const out = new Float64Array(2);
  switch (node.kind) {
    case 'number':
    case 'power': {
      const value = node.kind === 'number' ? node.value : powerValue(node.base, node.exponent);
      const safe = value !== null && isSafe(value.n) && isSafe(value.d);
      if (safe) {
        out[0] = Number(value.n);
        out[1] = Number(value.d);
      }
      return { out, evaluate: () => (value === null ? ZERO_DIVISOR : safe ? OK : UNSAFE) };
    }
    case 'measure': {
      const slot = inputs.indexOf(node.id);
      return {
        out,
        evaluate: (values) => {
          const value = values[slot]!;
          if (!Number.isSafeInteger(value)) return UNSAFE;
          out[0] = value;
          out[1] = 1;
          return OK;
        },
      };
    }
    case 'negate': {
      const operand = compileNumeric(node.operand, inputs);
      return {
        out,
        evaluate: (values) => {
          const status = operand.evaluate(values);
          out[0] = -operand.out[0]!;
          out[1] = operand.out[1]!;
          return status;
        },
      };
    }
    case 'binary': {
      if (node.operator === '+' || node.operator === '-') return { out, evaluate: () => UNSAFE };
      const left = compileNumeric(node.left, inputs);
      const right = compileNumeric(node.right, inputs);
      const dividing = node.operator === '/';
      return {
        out,
        evaluate: (values) => {
          const leftStatus = left.evaluate(values);
          if (leftStatus !== OK) return leftStatus;
          const rightStatus = right.evaluate(values);
          if (rightStatus !== OK) return rightStatus;
          const a = left.out[0]!;
          const b = left.out[1]!;
          const c = right.out[0]!;
          const d = right.out[1]!;
          if (dividing && c === 0) return ZERO_DIVISOR;
          let n = dividing ? a * d : a * c;
          let m = dividing ? b * c : b * d;
          if (!Number.isSafeInteger(n) || !Number.isSafeInteger(m)) return UNSAFE;
          if (m < 0) {
            n = -n;
            m = -m;
          }
          out[0] = n;
          out[1] = m;
          return OK;
        },
      };
    }
  }
}

function isSafe(value: bigint): boolean {
  return value <= 9007199254740991n && value >= -9007199254740991n;
}

const MISSING_INPUT: Outcome = Object.freeze({ missing: 'input' } as const);
const ZERO_DENOMINATOR: Outcome = Object.freeze({ missing: 'zero-denominator' } as const);

// ---------------------------------------------------------------------------------------------------------
// Printing

/**
 * Canonical display: spaces around binary operators, × for *, powers kept as written (10^4), and only the
 * parentheses the tree needs. parseFormula(printFormula(f)) has the same tree as f.
 * @example printFormula(parseFormula('service_centers/urban_population*10^4', isMeasureId))
 *   // 'service_centers / urban_population × 10^4'
 */
export function printFormula(formula: Formula): string {
  return printNode(formula.tree);
}

const BINDING = { sum: 1, product: 2, negate: 3, power: 4, atom: 5 } as const;

function binding(node: FormulaNode): number {
  switch (node.kind) {
    case 'binary':
      return node.operator === '+' || node.operator === '-' ? BINDING.sum : BINDING.product;
    case 'negate':
      return BINDING.negate;
    case 'power':
      return BINDING.power;
    default:
      return BINDING.atom;
  }
}

function printNode(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return decimalText(node.value);
    case 'measure':
      return node.id;
    case 'power':
      return `${decimalText(node.base)}^${node.exponent}`;
    case 'negate': {
      // -(10^4), not -10^4, which parseFormula refuses as ambiguous; -(-a) rather than --a
      const operand = printNode(node.operand);
      return binding(node.operand) === BINDING.atom ? `-${operand}` : `-(${operand})`;
    }
    case 'binary': {
      const own = binding(node);
      const left = printNode(node.left);
      const right = printNode(node.right);
      // operators are left-associative: a right operand of the same binding needs parentheses, a - (b - c)
      const leftText = binding(node.left) < own ? `(${left})` : left;
      const rightText = binding(node.right) <= own ? `(${right})` : right;
      return `${leftText} ${node.operator === '*' ? '×' : node.operator} ${rightText}`;
    }
  }
}

/** Exact decimal text of a literal's value (a terminating decimal). */
function decimalText(value: Rational): string {
  let places = 0;
  let scale = 1n;
  const limit = value.d.toString(2).length; // d = 2^a·5^b needs max(a, b) ≤ log2(d) places
  while ((value.n * scale) % value.d !== 0n) {
    places += 1;
    scale *= 10n;
    if (places > limit) throw new Error(`${value.n}/${value.d} is not a terminating decimal`);
  }
  return roundToString(value, places, 'truncate');
}

// ---------------------------------------------------------------------------------------------------------
// The old catalogue form

/**
 * The old `numerator / denominator × 10^power10` indicator as formula text: `a / b`, `a / b * 10^4`,
 * `a / b * 10^-4`.
 */
export function legacyFormula(numerator: string, denominator: string, power10: number): string {
  const ratio = `${numerator} / ${denominator}`;
  return power10 === 0 ? ratio : `${ratio} * 10^${power10}`;
}
