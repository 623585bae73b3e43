/**
 * The API's validation messages name fields as the API spells them ("'endDate' must not be before 'startDate'.") so
 * integrators can match them; people read them with words instead: "End date must not be before start date."
 */

/** "keyResults[0].targetValue" → "target value"; "endDate" → "end date". */
export function fieldWords(field: string): string {
  const last = field.split('.').pop()!.replace(/\[\d+\]/g, '');
  const words = last
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words === 'display name' ? 'name' : words;
}

const phrasings: [RegExp, string][] = [
  [/ must not be empty\.?$/, ' is required.'],
  [/ is not a valid email address\.?$/, ' is not an email address.'],
  [/ must be between (\S+) and (\S+)\. You entered ([^\s.]+(?:\.\d+)?)\.?$/, ' must be between $1 and $2 (you entered $3).'],
  [/ must be (\S+) characters or fewer\. You entered (\d+) characters\.?$/, ' must be at most $1 characters (you entered $2).'],
  [/ must be at least (\S+) characters\. You entered (\d+) characters\.?$/, ' must be at least $1 characters (you entered $2).'],
];

/** A message for people: quoted API field names become words, the sentence starts with a capital, and FluentValidation's stock phrasings read naturally. */
export function humanise(message: string): string {
  let text = message.replace(/'([A-Za-z][A-Za-z0-9.[\]]*)'/g, (_, field: string) => fieldWords(field));
  for (const [pattern, replacement] of phrasings) text = text.replace(pattern, replacement);
  text = text.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
