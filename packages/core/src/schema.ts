import type { JsonSchema } from './types.ts';

/** Validate a rule's options against its (small) JSON schema. Returns the first problem, if any. */
export function validateOptions(schema: JsonSchema | undefined, value: unknown, path = 'options'): string | undefined {
  if (!schema) return value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0) ? undefined : `${path}: this rule takes no options`;
  if (value === undefined) return undefined;
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} should be an object`;
      for (const [k, v] of Object.entries(value)) {
        const sub = schema.properties?.[k];
        if (!sub) {
          if (schema.additionalProperties === false) return `${path} has an unknown property '${k}'`;
          continue;
        }
        const err = validateOptions(sub, v, `${path}.${k}`);
        if (err) return err;
      }
      return undefined;
    }
    case 'array':
      if (!Array.isArray(value)) return `${path} should be an array`;
      if (!schema.items) return undefined;
      for (let i = 0; i < value.length; i++) {
        const err = validateOptions(schema.items, value[i], `${path}[${i}]`);
        if (err) return err;
      }
      return undefined;
    case 'string':
      if (typeof value !== 'string') return `${path} should be a string`;
      break;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return `${path} should be a${schema.type === 'integer' ? 'n integer' : ' number'}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path} should be >= ${schema.minimum}`;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return `${path} should be a boolean`;
      break;
  }
  if (schema.enum && !schema.enum.includes(value)) return `${path} should be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  return undefined;
}
