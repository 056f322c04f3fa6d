/**
 * Paths of the workers' phone app (src/web/phone): the server answers them
 * with phone.html, every other page with the staff console's index.html. A
 * module adding a phone page under a new first segment adds it here and to
 * the app's routes (src/web/phone/routes.ts).
 */
export const PHONE_PAGES = /^\/(join|transfer|me)(\/|$|\?)/;

/** Where the build puts the phone app's HTML, relative to dist/web. */
export const PHONE_HTML = 'phone/phone.html';

/**
 * What a phone page will read first, for the server to name in a `Link: rel=preload` header with the
 * HTML: the browser fetches it while the app's JavaScript still downloads, one round trip less on a slow
 * network. The join page's union (GET /api/public/unions/:id, public).
 */
export function phonePreloads(url: string): string[] {
  const join = /^\/join\/(\d{1,15})(?:[/?#]|$)/.exec(url);
  return join ? [`/api/public/unions/${join[1]}`] : [];
}
