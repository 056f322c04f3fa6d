/**
 * Paths of the workers' phone app (src/web/phone): the server answers them
 * with phone.html, every other page with the staff console's index.html. A
 * module adding a phone page under a new first segment adds it here and to
 * the app's routes (src/web/phone/routes.ts).
 */
export const PHONE_PAGES = /^\/(join|transfer|me)(\/|$|\?)/;

/** Where the build puts the phone app's HTML, relative to dist/web. */
export const PHONE_HTML = 'phone/phone.html';
