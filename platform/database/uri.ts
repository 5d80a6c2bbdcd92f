/** The URI with any password replaced by `***`, safe to print and log. */
export function maskUri(uri: string): string {
  // The password runs to the last `@` of the authority (an unencoded `@` in it still gets masked).
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+:)(.+)@(?=[^@/?]*(?:[/?]|$))/, '$1***@');
}
