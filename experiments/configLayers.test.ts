import { describe, expect, it } from 'vitest';
import { layerConfig } from './configLayers';
import { experimentConfigSchema, experimentPresets } from './experimentConfig';

describe('layerConfig (a partial configuration over a preset)', () => {
  it('merges objects key by key and replaces values and arrays', () => {
    const merged = layerConfig(experimentPresets.medium, {
      epochs: 1,
      training: { expertEpochs: 2 },
      methods: [{ kind: 'sl' }],
    });
    const config = experimentConfigSchema.parse(merged);
    expect(config.epochs).toBe(1);
    expect(config.tasksPerEpoch).toBe(experimentPresets.medium.tasksPerEpoch);
    expect(config.training.expertEpochs).toBe(2);
    expect(config.training.initEpochs).toBe(experimentPresets.medium.training.initEpochs);
    expect(config.methods).toEqual([{ kind: 'sl' }]);
  });

  it('replaces a variant with another discriminator whole (data.source)', () => {
    const merged = layerConfig(experimentPresets.smoke, {
      data: { source: 'file', path: 'd.jsonl' },
    });
    expect(experimentConfigSchema.parse(merged).data).toEqual({ source: 'file', path: 'd.jsonl' });
  });

  it('leaves the preset unchanged', () => {
    const before = JSON.stringify(experimentPresets.smoke);
    layerConfig(experimentPresets.smoke, { training: { expertEpochs: 1 } });
    expect(JSON.stringify(experimentPresets.smoke)).toBe(before);
  });
});
