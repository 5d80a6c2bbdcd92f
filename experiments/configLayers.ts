/**
 * An experiment configuration built from layers: a preset, then a partial configuration file
 * laid over it. Objects merge key by key; arrays (`methods`) and values replace. A variant with
 * another discriminator (`data.source`, a method's `kind`) replaces the base's variant whole, since
 * the other variant's fields would not belong to it.
 */
export function layerConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return override;
  }
  for (const discriminator of ['source', 'kind']) {
    if (
      discriminator in base &&
      discriminator in override &&
      base[discriminator] !== override[discriminator]
    ) {
      return override;
    }
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? layerConfig(base[key], value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
