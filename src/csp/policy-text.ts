/** A policy's directives as the text a Content-Security-Policy header or `<meta>` carries. */
export function policyText(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
