import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { seedDemoTasks } from '../../platform/tasks/demoTasks';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { openTestDatabase } from '../setup/testDatabase';

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase('demotasks');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await db.drop();
});

describe('seedDemoTasks', () => {
  it('creates open tasks, cut after an act of Alice, on an empty database only', async () => {
    expect(await seedDemoTasks(db.connection, { count: 5 })).toBe(5);
    const tasks = await taskModel(db.connection).find().lean<Task[]>();
    expect(tasks).toHaveLength(5);
    for (const task of tasks) {
      expect(task.prefix.at(-1)?.speaker).toBe(0);
      expect(task.openSlots).toBe(task.redundancy);
      expect(task.alice.kind).toBe('scripted');
    }
    expect(await seedDemoTasks(db.connection, { count: 5 })).toBe(0);
  });
});
