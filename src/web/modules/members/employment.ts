import type { z } from 'zod';
import type { employment } from '../../../server/modules/members/routes';

/** 就业形态 helpers shared by the staff pages and the phone pages (server: members/schema.ts). */

/** The four new-form groups of the articles (NEW_FORMS on the server). */
export const NEW_FORMS = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'];

/** 就业形态 and where one works, as the join page, the union's desk and a transfer send it. */
export type Employment = z.input<typeof employment>;

export const isNewForm = (form: string | undefined) => form !== undefined && NEW_FORMS.includes(form);

/** Employment form values as the API wants them: trimmed, blanks left out. */
export function employmentOf(values: Employment) {
  const text = (v?: string | null) => v?.trim() || undefined;
  const gig = isNewForm(values.employmentForm);
  return {
    employmentForm: values.employmentForm,
    employerName: text(values.employerName),
    employerCreditCode: text(values.employerCreditCode)?.toUpperCase(),
    platformName: gig ? text(values.platformName) : undefined,
  };
}
