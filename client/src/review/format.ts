/** Display helpers for quality numbers: one place decides how a missing value reads. */

/** 0.873 → "87 %"; null (undefined: nothing to measure yet) → "—". */
export function formatShare(x: number | null | undefined, decimals = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) {
    return '—';
  }
  return `${(x * 100).toFixed(decimals)} %`;
}

/** Krippendorff's α to two decimals, signed (it can be negative); null → "—". */
export function formatAlpha(alpha: number | null | undefined): string {
  if (alpha === null || alpha === undefined || !Number.isFinite(alpha)) {
    return '—';
  }
  return alpha.toFixed(2);
}

/** How much to trust an α: Krippendorff's rule of thumb (≥ .8 reliable, ≥ .667 tentative). */
export function alphaVerdict(alpha: number | null | undefined): string {
  if (alpha === null || alpha === undefined || !Number.isFinite(alpha)) {
    return 'not measurable yet (needs tasks with two or more annotations that differ somewhere)';
  }
  if (alpha >= 0.8) {
    return 'reliable';
  }
  return alpha >= 0.667 ? 'tentative' : 'low';
}

/** 150 → "$1.50"; 0 → "—". */
export function formatCents(cents: number): string {
  return cents === 0 ? '—' : `$${(cents / 100).toFixed(2)}`;
}

/** A rate per hour, one decimal below 100 ("12.5 / h", "4675 / h"); null → "—". */
export function formatRate(perHour: number | null): string {
  if (perHour === null || !Number.isFinite(perHour)) {
    return '—';
  }
  return `${perHour.toFixed(perHour >= 100 ? 0 : 1)} / h`;
}

/** Seconds as "45 s" or "3 min 20 s"; null → "—". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) {
    return '—';
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  const rest = s % 60;
  return rest === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
}

/** Flag codes as people read them (`too_fast` → "too fast"). */
export function flagLabel(code: string): string {
  return code.replaceAll('_', ' ');
}

/** "too fast ×3, repeated acts ×1", most frequent first; "none" when empty. */
export function flagSummary(counts: Record<string, number>): string {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries.length === 0
    ? 'none'
    : entries.map(([c, n]) => `${flagLabel(c)} ×${n}`).join(', ');
}

/** An ISO instant as local date and time, or "—". */
export function formatWhen(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString();
}
