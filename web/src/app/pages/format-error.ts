// A server problem as the forms show it. A 409 that names a field (an INN or an organization name
// already taken) is a problem with what was typed, not "someone changed this in the meantime" (which
// the shared problem box says for every 409): it is shown as an invalid field instead.
import { ApiError } from '../../api.ts';
import { asApiError } from '../useAction.ts';

export function asFieldProblem(x: unknown): ApiError {
  const e = asApiError(x);
  if (e.status === 409 && e.errors.length > 0 && e.currentVersion === undefined)
    return new ApiError(422, e.detail, e.errors);
  return e;
}
