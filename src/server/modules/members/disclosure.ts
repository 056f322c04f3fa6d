import type { Actor } from '../../platform/actor.js';
import { ageOn, maskMobile } from '../../platform/cn-ids.js';
import { canAt, scopePaths } from '../../platform/scope.js';

/**
 * What a viewer may see of a person (DESIGN §3.1, PIPL): nothing a role may
 * see rebuilds a masked value.
 * - The resident ID is shown masked to its first two and last four characters
 *   (maskResidentId); only the audited reveal shows it whole.
 * - The birth date lies inside the ID, so views carry the age (周岁) instead.
 * - The whole phone number goes to roles that contact members
 *   (`members.contact`) at the member's union; the rest see it masked, and
 *   cannot find a member by it either (`searchesByWholePhone`).
 */
export const phoneFor = (actor: Actor, orgPath: string, phone: string | null) =>
  phone && (canAt(actor, 'members.contact', orgPath) ? phone : maskMobile(phone));

/** A person's row as the actor may see it: `birthDate` and `orgPath` out, `age` and the phone as shown in. */
export function disclosePerson<T extends { birthDate: string; phone: string | null; orgPath: string }>(actor: Actor, today: string, row: T) {
  const { birthDate, phone, orgPath, ...rest } = row;
  return { ...rest, age: ageOn(birthDate, today), phone: phoneFor(actor, orgPath, phone) };
}

/**
 * A whole phone number is a search term only for an actor who sees whole
 * numbers wherever it reads members: for anyone else, finding a member by a
 * number (or a number by trying prefixes) would undo the mask.
 */
export const searchesByWholePhone = (actor: Actor) => scopePaths(actor, 'members.read').every((path) => canAt(actor, 'members.contact', path));
