/** Paths served by the phone app (see routes.tsx); everything else is the staff console. */
export const isPhonePage = (pathname: string) => /^\/(join|transfer)(\/|$)/.test(pathname);
