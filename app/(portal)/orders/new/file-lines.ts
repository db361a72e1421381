/**
 * The lines box after loading a file. A file loaded before is swapped for the new one where
 * its lines still stand unchanged in the box (the same file chosen again once edited must not
 * count its products twice: the quick order adds up repeated SKUs); otherwise the file's lines
 * go below what was typed or found, or fill an empty box.
 */
export function withFileLines(
  text: string,
  content: string,
  previousFile: string | null,
): { text: string; how: 'loaded' | 'added' | 'replaced' } {
  if (previousFile && text.includes(previousFile)) {
    const at = text.lastIndexOf(previousFile);
    return { text: text.slice(0, at) + content + text.slice(at + previousFile.length), how: 'replaced' };
  }
  const typed = text.trimEnd();
  return typed ? { text: `${typed}\n${content}`, how: 'added' } : { text: content, how: 'loaded' };
}
