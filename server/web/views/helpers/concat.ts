// Usage: {{t (concat "themes." theme)}} — joins its arguments into one string (for building i18n keys).
export default function concat(...args: unknown[]): string {
  return args.slice(0, -1).map(String).join('');
}
