import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from './api';

/** Names of the fields registered in a form, dotted (`grants.0.orgId`) like the server's `fields[].field`. */
function registeredFields(form: FormInstance): Set<string> {
  const names = new Set<string>();
  form.getFieldsValue(true, (meta) => {
    if (meta) names.add(meta.name.join('.'));
    return false;
  });
  return names;
}

/** `grants.0.orgId` → `['grants', 0, 'orgId']`: list indexes must be numbers to match Form.List fields. */
const toNamePath = (field: string) => field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * Routes a failed submit's server error: issues about fields the form shows go
 * next to those fields; anything else is kept as `error` for an ErrorAlert.
 */
export function useFormErrors(form: FormInstance) {
  const [error, setError] = useState<unknown>(null);

  const report = useCallback(
    (err: unknown) => {
      const issues = err instanceof ApiError ? err.fields : [];
      const known = registeredFields(form);
      const placed = issues.filter((issue) => known.has(issue.field));
      form.setFields(placed.map((issue) => ({ name: toNamePath(issue.field), errors: [issue.reason] })));
      setError(placed.length > 0 && placed.length === issues.length ? null : err);
    },
    [form],
  );

  const clear = useCallback(() => setError(null), []);

  return { error, report, clear };
}
