/**
 * fast-check arbitraries built from an OpenAPI 3.1 document's JSON schemas: "valid-ish" values
 * (the shape a route expects, so a mutation gets past the first check) and hostile ones (wrong
 * types, boundaries, SQL, HTML, emoji, huge strings). Any schema keyword it does not know falls
 * back to arbitrary JSON, so routes added later with unusual schemas are still covered.
 */
import fc, { type Arbitrary } from 'fast-check'

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON schema walked generically */
type Schema = any

export const HUGE = 'x'.repeat(100_000)

/** Values that broke real systems: boundaries, injection snippets, odd unicode, wrong types. */
export const NASTY: unknown[] = [
  '',
  ' ',
  HUGE,
  '😀'.repeat(2000),
  '𠜎𠜱𠝹',
  '\u0000',
  '\ud800',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; select * from sessions',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '__proto__',
  'constructor',
  0,
  -1,
  1,
  -1e308,
  1e308,
  2 ** 53 + 1,
  -(2 ** 31) - 1,
  2 ** 63,
  0.1,
  -0.000001,
  true,
  false,
  null,
  [],
  [1, 2, 3],
  [null],
  {},
  JSON.parse('{"__proto__":{"admin":true}}'),
  { $gt: '' },
  { length: 1e9 },
]
export const nastyArb: Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

export function resolve(doc: Schema, schema: Schema, seen = 0): Schema {
  if (schema && typeof schema.$ref === 'string' && seen < 20) {
    const path = schema.$ref.replace(/^#\//, '').split('/')
    let target: Schema = doc
    for (const key of path) target = target?.[key]
    return resolve(doc, target ?? {}, seen + 1)
  }
  return schema ?? {}
}

function stringArb(s: Schema): Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0
  const max = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 30, 60)
  if (s.format === 'uuid') return fc.uuid()
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString())
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= Math.max(max, min))
    } catch {
      /* a pattern fast-check cannot read: fall through */
    }
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max) })
}

/** A value that fits the schema as far as this walker understands it. */
export function validishArb(doc: Schema, raw: Schema, depth = 0): Arbitrary<unknown> {
  const s = resolve(doc, raw)
  if (depth > 4) return fc.constant(null)
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum)
  const branches = s.anyOf ?? s.oneOf
  if (Array.isArray(branches) && branches.length) return fc.oneof(...branches.map((b: Schema) => validishArb(doc, b, depth + 1)))
  if (Array.isArray(s.allOf) && s.allOf.length)
    return validishArb(doc, Object.assign({}, ...s.allOf.map((b: Schema) => resolve(doc, b))), depth + 1)
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : []
  if (types.length > 1) return fc.oneof(...types.map((t) => validishArb(doc, { ...s, type: t }, depth)))
  switch (types[0]) {
    case 'string':
      return stringArb(s)
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 })
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(validishArb(doc, s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) })
    case 'object': {
      const props: Record<string, Schema> = s.properties ?? {}
      const model: Record<string, Arbitrary<unknown>> = {}
      for (const [k, v] of Object.entries(props)) model[k] = validishArb(doc, v, depth + 1)
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Paths (key lists) to every property of the objects a schema describes, to aim mutations at. */
export function propertyPaths(doc: Schema, raw: Schema, prefix: string[] = [], depth = 0): string[][] {
  const s = resolve(doc, raw)
  if (depth > 3 || !s.properties) return []
  return Object.entries<Schema>(s.properties).flatMap(([k, v]) => [[...prefix, k], ...propertyPaths(doc, v, [...prefix, k], depth + 1)])
}

export type Mutation =
  | { kind: 'valid' }
  | { kind: 'whole'; value: unknown }
  | { kind: 'set'; path: string[]; value: unknown }
  | { kind: 'drop'; path: string[] }
  | { kind: 'extra'; key: string; value: unknown }

/** Applies a mutation to a copy of a (valid-ish) body. */
export function mutate(base: unknown, m: Mutation): unknown {
  if (m.kind === 'valid') return base
  if (m.kind === 'whole') return m.value
  const copy: any = structuredClone(base ?? {})
  if (m.kind === 'extra') {
    // defineProperty: a plain assignment to '__proto__' would set the prototype, not a key
    if (copy && typeof copy === 'object' && !Array.isArray(copy))
      Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
    return copy
  }
  let node = copy
  for (const key of m.path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return copy
    node[key] ??= {}
    node = node[key]
  }
  if (!node || typeof node !== 'object') return copy
  const last = m.path[m.path.length - 1]!
  if (m.kind === 'drop') delete node[last]
  else node[last] = m.value
  return copy
}

export function mutationArb(paths: string[][]): Arbitrary<Mutation> {
  const options: Array<Arbitrary<Mutation>> = [
    fc.constant({ kind: 'valid' } as const),
    nastyArb.map((value) => ({ kind: 'whole', value }) as const),
    fc
      .tuple(fc.constantFrom('isAdmin', 'system_role', 'userId', '__proto__', 'id', 'x'.repeat(300)), nastyArb)
      .map(([key, value]) => ({ kind: 'extra', key, value }) as const),
  ]
  if (paths.length) {
    options.push(fc.tuple(fc.constantFrom(...paths), nastyArb).map(([path, value]) => ({ kind: 'set', path, value }) as const))
    options.push(fc.constantFrom(...paths).map((path) => ({ kind: 'drop', path }) as const))
  }
  return fc.oneof(...options)
}

/** A query-string or path value: valid-ish for the parameter, or hostile (as text). */
export function paramArb(doc: Schema, schema: Schema): Arbitrary<string> {
  // mostly valid: a query with several parameters should often get past validation as a whole
  return fc.oneof(
    { weight: 3, arbitrary: validishArb(doc, schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))) },
    { weight: 1, arbitrary: nastyArb.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))) },
  )
}

const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))

/**
 * Query values: each parameter valid-ish or absent, then at most one of them made hostile, so a
 * route with many parameters still gets past validation often enough to reach its handler.
 */
export function queryArb(doc: Schema, params: Array<{ name: string; schema?: Schema }>): Arbitrary<Record<string, string>> {
  const valid = fc.record(Object.fromEntries(params.map((p) => [p.name, validishArb(doc, p.schema ?? {}).map(asText)])), {
    requiredKeys: [],
  })
  if (!params.length) return valid as Arbitrary<Record<string, string>>
  const hostile = fc.option(fc.tuple(fc.constantFrom(...params.map((p) => p.name)), nastyArb.map(asText)), { nil: undefined, freq: 1 })
  return fc.tuple(valid, hostile).map(([v, h]) => (h ? { ...v, [h[0]]: h[1] } : v) as Record<string, string>)
}
