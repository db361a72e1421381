/**
 * The first message for a form field. A list field's messages are filed under each element's
 * path (`roles.1`: the second role ticked), so they count as the field's own.
 */
export function firstFieldError(fields: Record<string, string[]> | undefined, name: string): string | undefined {
  if (!fields) return undefined;
  if (fields[name]?.length) return fields[name][0];
  const prefix = `${name}.`;
  for (const [key, messages] of Object.entries(fields)) if (key.startsWith(prefix) && messages.length) return messages[0];
  return undefined;
}
