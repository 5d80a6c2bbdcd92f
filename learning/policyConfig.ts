import type { DomainId } from '../shared/domain/types';

/**
 * Sizes of the recurrent negotiation policy. The defaults were chosen for speed on a 2-core
 * CPU with the WASM backend (see `parley bench learn`); larger models learn the synthetic
 * corpora no better.
 */
export interface PolicyConfig {
  domainId: DomainId;
  /** Act embedding width. */
  embedding: number;
  /** Context encoder width. */
  context: number;
  /** GRU state width. */
  hidden: number;
  /** Selection head's hidden layer width. */
  selection: number;
  /** Weight α of the selection NLL in the SL loss (act NLL + α · selection NLL). */
  selectionWeight: number;
  /** Seed of the initial weights. */
  seed: number;
}

export function defaultPolicyConfig(domainId: DomainId, seed = 1): PolicyConfig {
  return {
    domainId,
    embedding: 32,
    context: 32,
    hidden: 64,
    selection: 64,
    selectionWeight: 0.5,
    seed,
  };
}
