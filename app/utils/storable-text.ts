/**
 * Text PostgreSQL can store exactly as typed: no NUL or other control characters (line breaks
 * and tabs only where multi-line text is expected) and no lone UTF-16 surrogates, which would
 * be replaced by U+FFFD on the way in (or, in jsonb, refused with an error).
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const controlCharacter = /[\u0000-\u001f\u007f]/;
const controlExceptLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function isStorableText(value: string, options: { multiline?: boolean } = {}): boolean {
  const control = options.multiline ? controlExceptLineBreaks : controlCharacter;
  return !control.test(value) && !loneSurrogate.test(value);
}
