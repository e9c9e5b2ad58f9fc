/**
 * Variables in quick replies: `{nombre}` (the customer's first name), `{agente}` (the agent's
 * first name) and `{empresa}` (the session's name, the business line the customer wrote to),
 * or their English spellings `{name}`, `{agent}`, `{company}`; any case. Filled when the reply
 * is picked, so the agent sees and can change the words before sending. A value not known (a
 * chat known only by its number) is left out with the space before it: "Hola {nombre}, …"
 * becomes "Hola, …", never "Hola , …" or a brace the customer would see.
 */

/** What the variables stand for in one chat (null: not known). */
export interface CannedValues {
  contact: string | null;
  agent: string | null;
  company: string | null;
}

const NAMES: Record<string, keyof CannedValues> = {
  nombre: 'contact',
  name: 'contact',
  agente: 'agent',
  agent: 'agent',
  empresa: 'company',
  company: 'company',
};

/** The first word of a person's name ("Alicia Gómez" → "Alicia"); null for none. */
export function firstName(name: string | null | undefined): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}

/** `text` with its variables filled in (unknown words in braces are left as they are). */
export function fillCanned(text: string, values: CannedValues): string {
  return text.replace(/(\s?)\{(\p{L}+)\}/gu, (whole, space: string, word: string) => {
    const key = NAMES[word.toLowerCase()];
    if (!key) return whole;
    const value = values[key];
    return value ? `${space}${value}` : '';
  });
}
