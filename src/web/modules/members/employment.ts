/** 就业形态 helpers shared by the staff pages and the phone pages (server: members/schema.ts). */

/** The four new-form groups of the articles (NEW_FORMS on the server). */
export const NEW_FORMS = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'];

export interface Employment {
  employmentForm: string;
  employerName?: string;
  employerCreditCode?: string;
  platformName?: string;
}

/** Who joins, as the join page and the union's desk both send it. */
export interface Joiner extends Employment {
  orgId: number;
  name: string;
  residentId: string;
  phone: string;
}

export const isNewForm = (form: string | undefined) => form !== undefined && NEW_FORMS.includes(form);

/** Employment form values as the API wants them: trimmed, blanks left out. */
export function employmentOf(values: Employment) {
  const text = (v?: string) => v?.trim() || undefined;
  const gig = isNewForm(values.employmentForm);
  return {
    employmentForm: values.employmentForm,
    employerName: text(values.employerName),
    employerCreditCode: text(values.employerCreditCode)?.toUpperCase(),
    platformName: gig ? text(values.platformName) : undefined,
  };
}
