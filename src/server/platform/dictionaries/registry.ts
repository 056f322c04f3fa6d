/**
 * A dictionary (字典): a code list that is data, not code. Its codes are what the database stores and the
 * API validates; an administrator changes the words, the order and whether an entry is still offered.
 * `fixedCodes`: the codes are fixed by the code that uses them (an enum validates them, as members'
 * employment forms): entries may be relabelled, reordered and disabled, never added. An open dictionary
 * (industries) also takes new entries. A module declares its own in module.ts (`dictionaries`).
 */
export interface DictionaryDefinition {
  /** `snake_case`, unique. */
  name: string;
  label: string;
  description: string;
  fixedCodes: boolean;
  /** The shipped entries, in their default order. */
  entries: readonly { code: string; label: string }[];
}

const registry = new Map<string, DictionaryDefinition>();

export function declareDictionaries(owner: string, definitions: readonly DictionaryDefinition[]) {
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`dictionary ${definition.name} of ${owner} is declared twice`);
    registry.set(definition.name, definition);
  }
}

export const dictionaryDefinition = (name: string) => registry.get(name);
export const declaredDictionaries = () => [...registry.values()];
