import { describe, expect, it } from 'vitest';
import {
  defaultQuestionnaire,
  evaluationAgentOf,
  evaluationSettingsSchema,
  questionnaireSchema,
} from './evaluation';

describe('evaluationAgentOf', () => {
  it('names ASTRA, a scripted negotiator by its name, and anything else a checkpoint', () => {
    expect(evaluationAgentOf('astra')).toStrictEqual({ kind: 'astra', name: 'astra' });
    expect(evaluationAgentOf('scripted:boulware')).toStrictEqual({
      kind: 'scripted',
      name: 'boulware',
    });
    expect(evaluationAgentOf('round-3:bob')).toStrictEqual({ kind: 'policy', name: 'round-3:bob' });
    // Only the prefix makes a scripted agent, and only the exact name ASTRA.
    expect(evaluationAgentOf('v2-scripted:')).toStrictEqual({
      kind: 'policy',
      name: 'v2-scripted:',
    });
    expect(evaluationAgentOf('astra2')).toStrictEqual({ kind: 'policy', name: 'astra2' });
  });
});

describe('evaluation settings', () => {
  it('take distinct question ids and each agent once', () => {
    expect(questionnaireSchema.safeParse(defaultQuestionnaire).success).toBe(true);
    const twice = questionnaireSchema.safeParse([
      { id: 'fair', text: 'Was it fair?', kind: 'likert' },
      { id: 'fair', text: 'Really fair?', kind: 'likert' },
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => i.message)).toEqual(['question ids must be distinct']);

    const settings = { domain: 'dealornodeal', checkpoints: ['astra', 'scripted:boulware'] };
    expect(evaluationSettingsSchema.safeParse(settings).success).toBe(true);
    const again = evaluationSettingsSchema.safeParse({
      ...settings,
      checkpoints: ['astra', 'scripted:boulware', 'astra'],
    });
    expect(again.success).toBe(false);
    expect(again.error?.issues.map((i) => i.message)).toEqual(['each agent once']);
  });
});
