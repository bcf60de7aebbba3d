// Which organization a storage command acts for: --org NAME|ID, or the only one there is.
import { UsageError, InputError } from './args.ts';
import { findOrganizationByName, listOrganizations, type Organization } from '../store/orgs.ts';
import { isUuid, type Db } from '../store/db.ts';

export async function resolveOrg(db: Db, org: string | undefined): Promise<Organization> {
  const all = await listOrganizations(db);
  if (org === undefined) {
    if (all.length === 1) return all[0]!;
    if (all.length === 0) throw new InputError('no organization yet: create one with hqs admin create-owner');
    throw new UsageError(
      `there are ${all.length} organizations: name one with --org (${all
        .slice(0, 5)
        .map((o) => JSON.stringify(o.name))
        .join(', ')}${all.length > 5 ? ', …' : ''})`,
    );
  }
  const found = isUuid(org) ? all.find((o) => o.orgId === org.toLowerCase()) : await findOrganizationByName(db, org);
  if (!found) throw new InputError(`--org: no organization ${JSON.stringify(org)}`);
  return found;
}
