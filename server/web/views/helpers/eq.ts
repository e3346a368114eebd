// Usage: {{#if (eq a b)}}…{{/if}} or <option {{#if (eq theme "services")}}selected{{/if}}> — strict equality.
export default function eq(a: unknown, b: unknown): boolean {
  return a === b;
}
