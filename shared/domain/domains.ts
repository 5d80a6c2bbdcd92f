import { casino } from './casino';
import { dealOrNoDeal } from './dealOrNoDeal';
import type { Domain, DomainId } from './types';

export const domains: Readonly<Record<DomainId, Domain>> = {
  dealornodeal: dealOrNoDeal,
  casino,
};

export const domainIds = Object.keys(domains) as DomainId[];

export function isDomainId(value: string): value is DomainId {
  return Object.hasOwn(domains, value);
}

/** The domain with this id; throws a clear error for an unknown one. */
export function getDomain(id: string): Domain {
  if (!isDomainId(id)) {
    throw new RangeError(`Unknown domain "${id}"; known domains: ${domainIds.join(', ')}`);
  }
  return domains[id];
}
