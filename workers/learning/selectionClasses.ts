import { enumerateAllocations, isValidAllocation } from '../../shared/domain/allocation';
import type { Allocation, Domain } from '../../shared/domain/types';

/**
 * The selection head's classes for a domain: 0 = "no agreement", then 1 + the index of each
 * allocation of the domain's largest counts in lexicographic order.
 */
export interface SelectionClasses {
  size: number;
  classOf(selection: Allocation | null): number;
  allocationOf(selectionClass: number): Allocation | null;
  /** 1 for "no agreement" and for every allocation within `counts`. */
  maskFor(counts: readonly number[]): Float32Array;
}

const cache = new Map<string, SelectionClasses>();

export function selectionClassesFor(domain: Domain): SelectionClasses {
  const cached = cache.get(domain.id);
  if (cached !== undefined) {
    return cached;
  }
  const base = domain.maxCountPerItem + 1;
  const allocations = enumerateAllocations(domain.items.map(() => domain.maxCountPerItem));
  const masks = new Map<string, Float32Array>();
  const classes: SelectionClasses = {
    size: allocations.length + 1,
    classOf: (selection) =>
      selection === null ? 0 : 1 + selection.reduce((index, n) => index * base + n, 0),
    allocationOf: (selectionClass) => {
      if (selectionClass === 0) {
        return null;
      }
      const allocation = allocations[selectionClass - 1];
      if (allocation === undefined) {
        throw new RangeError(`selection class ${selectionClass} is out of range`);
      }
      return [...allocation];
    },
    maskFor: (counts) => {
      const key = counts.join(',');
      let mask = masks.get(key);
      if (mask === undefined) {
        mask = new Float32Array(allocations.length + 1);
        mask[0] = 1;
        allocations.forEach((a, i) => (mask![i + 1] = isValidAllocation(counts, a) ? 1 : 0));
        masks.set(key, mask);
      }
      return mask;
    },
  };
  cache.set(domain.id, classes);
  return classes;
}
