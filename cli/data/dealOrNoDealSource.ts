/**
 * Where the human DealOrNoDeal corpus (Lewis et al. 2017) comes from: the splits of
 * facebookresearch/end-to-end-negotiator, `src/data/negotiate/`, at a pinned commit, licensed
 * CC BY-NC 4.0. Each file is checked against its git blob id at that commit, so a download that
 * was cut short, altered or served from elsewhere is caught whatever its size.
 */
export const dealOrNoDealSource = {
  name: 'dealornodeal',
  repository: 'facebookresearch/end-to-end-negotiator',
  commit: 'bbb93bbf00f69fced75d5c0d22e855bda07c9b78',
  directory: 'src/data/negotiate',
  licence:
    'CC BY-NC 4.0 (Lewis et al. 2017, "Deal or No Deal? End-to-End Learning for Negotiation Dialogues")',
  files: [
    { split: 'train', file: 'train.txt', gitBlob: '89ecc60b116d94e370b5acbbdb4c6de2fd0f7544' },
    { split: 'val', file: 'val.txt', gitBlob: '5ea7ad8547180b932aef3f9218d9b6a6efb6c06d' },
    { split: 'test', file: 'test.txt', gitBlob: 'a0165416aa57daf77a05ee87a9fb79eaef0534af' },
  ],
} as const;

export type DealOrNoDealSplit = (typeof dealOrNoDealSource.files)[number]['split'];
export const dealOrNoDealSplits: readonly DealOrNoDealSplit[] = dealOrNoDealSource.files.map(
  (f) => f.split,
);

/** The raw-file address of the pinned commit; `parley data fetch --url` replaces it (mirrors). */
export const dealOrNoDealBaseUrl = `https://raw.githubusercontent.com/${dealOrNoDealSource.repository}/${dealOrNoDealSource.commit}/${dealOrNoDealSource.directory}`;
