import { describe, expect, it } from 'vitest';
import { formatServerBench, latency, summarise } from './serverBench';
import { defaultReplyTimeoutMs, emptyTally, replyTimeoutCode } from './simulatedAnnotator';

const options = {
  annotators: 2,
  durationS: 10,
  thinkMs: 1000,
  rampUpS: 0,
  alice: 'neural' as const,
};
const server = { peakRssMiB: 100, meanCpuPercent: 10, peakCpuPercent: 20 };
const checks = {
  ackedActs: 0,
  ackedActsMissing: 0,
  tasksOverLeased: 0,
  workersTwiceOnATask: 0,
  passed: true,
};

describe('parley bench server summary', () => {
  it('counts a reply that never came as an error of its own and at the wait in the percentiles', () => {
    const answered = { ...emptyTally(), acts: 19, replyLatenciesMs: Array<number>(19).fill(20) };
    const timedOut = {
      ...emptyTally(),
      acts: 1,
      replyTimeouts: 1,
      emptyClaims: 2,
      errors: { [replyTimeoutCode]: 1 },
    };
    const summary = summarise(options, 4, [answered, timedOut], 10, server, checks);
    expect(summary.errors).toEqual({ alice_reply_timeout: 1 });
    expect(summary.actToReplyMs).toMatchObject({
      count: 20,
      timeouts: 1,
      p50: 20,
      max: defaultReplyTimeoutMs,
    });
    // Dropping the timed-out wait would leave p99 at 20 ms.
    expect(summary.actToReplyMs.p99).toBe(defaultReplyTimeoutMs);
    expect(summary.replyTimeoutMs).toBe(defaultReplyTimeoutMs);
    expect(summary.emptyClaims).toBe(2);

    const text = formatServerBench({
      ...summary,
      checkpoint: { version: 'bootstrap-dealornodeal-s1-alice', training: 'test', trainingMs: 1 },
      aliceReplies: { 'policy:bootstrap-dealornodeal-s1-alice': 19 },
      database: null,
      loadGeneratorCpuPercent: 1,
    });
    expect(text).toContain('alice_reply_timeout × 1');
    expect(text).toContain('of which 1 got no reply within 10000 ms');
    expect(text).toContain('Alice checkpoint     bootstrap-dealornodeal-s1-alice');
    expect(text).toContain('policy:bootstrap-dealornodeal-s1-alice × 19');
    expect(text).toContain('2 found the queue empty');
  });

  it('has no timeouts and plain percentiles when every reply came', () => {
    expect(latency([30, 10, 20])).toEqual({
      count: 3,
      timeouts: 0,
      p50: 20,
      p95: 30,
      p99: 30,
      max: 30,
    });
    expect(latency([])).toMatchObject({ count: 0, timeouts: 0, p50: 0, max: 0 });
  });
});
