import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../platform/database/connection';
import { createLogger } from '../../platform/logger';
import { prepareModels } from '../../platform/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';

// The operations Parley relies on, against the real embedded server through Mongoose.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let connection: Connection;

beforeAll(async () => {
  db = await openTestDatabase('compat');
  connection = db.connection;
});
afterAll(async () => db.drop());

const leaseSchema = new Schema({
  name: { type: String, required: true, unique: true },
  priority: Number,
  leaseOwner: { type: String, default: null },
  leaseExpiresAt: { type: Date, default: null },
  attempts: { type: Number, default: 0 },
  events: [String],
});

// As Parley does at start-up: collections and indexes exist before anything writes.
async function leases(collection: string) {
  const Model = connection.model(`Lease_${collection}`, leaseSchema, collection);
  await prepareModels([Model]);
  return Model;
}

describe('database compatibility', () => {
  it('rejects a duplicate key on a unique index', async () => {
    const Model = await leases('unique_test');
    await Model.create({ name: 'a' });
    await expect(Model.create({ name: 'a' })).rejects.toMatchObject({ code: 11000 });
    expect(await Model.countDocuments()).toBe(1);
  });

  it('leases with findOneAndUpdate by sort and an expiry filter, with $inc and $push', async () => {
    const Model = await leases('lease_test');
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    await Model.insertMany([
      { name: 'held', priority: 9, leaseOwner: 'x', leaseExpiresAt: future },
      { name: 'expired', priority: 5, leaseOwner: 'y', leaseExpiresAt: past },
      { name: 'free-low', priority: 1 },
      { name: 'free-high', priority: 7 },
    ]);
    const claim = (owner: string) =>
      Model.findOneAndUpdate(
        { $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lt: new Date() } }] },
        {
          $set: { leaseOwner: owner, leaseExpiresAt: future },
          $inc: { attempts: 1 },
          $push: { events: `leased:${owner}` },
        },
        { sort: { priority: -1 }, new: true },
      );
    const order = [await claim('a'), await claim('b'), await claim('c'), await claim('d')];
    expect(order.map((d) => d?.name ?? null)).toEqual(['free-high', 'expired', 'free-low', null]);
    const expired = await Model.findOne({ name: 'expired' }).lean();
    expect(expired).toMatchObject({ leaseOwner: 'b', attempts: 1, events: ['leased:b'] });
  });

  it('answers a query that names one _id and more conditions by all of its conditions', async () => {
    // The embedded server looks such queries up by _id first (no scan); the rest must still hold.
    const Model = await leases('id_and_more');
    const [a, b] = await Model.create([
      { name: 'a', priority: 7 },
      { name: 'b', priority: 3 },
    ]);
    expect(await Model.findOne({ _id: a?._id, priority: { $gt: 5 } }).lean()).toMatchObject({
      name: 'a',
    });
    expect(await Model.findOne({ _id: b?._id, priority: { $gt: 5 } }).lean()).toBeNull();
    expect(
      (await Model.updateOne({ _id: a?._id, attempts: 0 }, { $inc: { attempts: 1 } }))
        .modifiedCount,
    ).toBe(1);
    expect(
      (await Model.updateOne({ _id: a?._id, attempts: 0 }, { $inc: { attempts: 1 } }))
        .modifiedCount,
    ).toBe(0);
    const taken = await Model.findOneAndUpdate(
      { _id: b?._id, leaseOwner: null },
      { $set: { leaseOwner: 'w1' } },
      { new: true },
    ).lean();
    expect(taken?.leaseOwner).toBe('w1');
    expect(
      await Model.findOneAndUpdate(
        { _id: b?._id, leaseOwner: null },
        { $set: { leaseOwner: 'w2' } },
      ).lean(),
    ).toBeNull();
    const both = await Model.find({ _id: { $in: [a?._id, b?._id] }, priority: { $gt: 0 } })
      .sort({ name: 1 })
      .lean();
    expect(both.map((d) => d.name)).toEqual(['a', 'b']);
    expect((await Model.deleteOne({ _id: a?._id, priority: 3 })).deletedCount).toBe(0);
    const id = new mongoose.Types.ObjectId();
    await Model.updateOne({ _id: id, attempts: 0 }, { $set: { name: 'c' } }, { upsert: true });
    expect(await Model.findById(id).lean()).toMatchObject({ name: 'c', attempts: 0 });
  });

  it('bulkWrites 1,000 documents and aggregates them with $match/$group/$sort', async () => {
    const Model = connection.model(
      'Outcome',
      new Schema({ round: Number, deal: Boolean, score: Number }),
      'bulk_test',
    );
    await prepareModels([Model]);
    const ops = Array.from({ length: 1000 }, (_, i) => ({
      insertOne: { document: { round: i % 4, deal: i % 3 !== 0, score: i % 11 } },
    }));
    const result = await Model.bulkWrite(ops, { ordered: false });
    expect(result.insertedCount).toBe(1000);

    const rows = await Model.aggregate<{ _id: number; deals: number; total: number }>([
      { $match: { deal: true } },
      { $group: { _id: '$round', deals: { $sum: 1 }, total: { $sum: '$score' } } },
      { $sort: { _id: 1 } },
    ]);
    const expected = [0, 1, 2, 3].map((round) => {
      const mine = Array.from({ length: 1000 }, (_, i) => i).filter(
        (i) => i % 4 === round && i % 3 !== 0,
      );
      return { _id: round, deals: mine.length, total: mine.reduce((s, i) => s + (i % 11), 0) };
    });
    expect(rows).toEqual(expected);
  });

  it('stores and reads back a 5 MB file through GridFS byte for byte', async () => {
    const bucket = new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: 'checkpoints' });
    const bytes = randomBytes(5 * 1024 * 1024);
    const upload = bucket.openUploadStream('weights.bin', { metadata: { version: 1 } });
    await pipeline(Readable.from([bytes]), upload);

    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStream(upload.id)) {
      chunks.push(chunk as Buffer);
    }
    const back = Buffer.concat(chunks);
    expect(back.length).toBe(bytes.length);
    expect(back.equals(bytes)).toBe(true);
  });

  it('gives each of 100 documents to exactly one of 200 concurrent lease attempts', async () => {
    const Model = await leases('concurrency_test');
    await Model.insertMany(
      Array.from({ length: 100 }, (_, i) => ({ name: `task-${i}`, priority: i % 7 })),
    );
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        Model.findOneAndUpdate(
          { leaseOwner: null },
          {
            $set: { leaseOwner: `worker-${i}`, leaseExpiresAt: new Date(Date.now() + 60_000) },
            $inc: { attempts: 1 },
          },
          { sort: { priority: -1 }, new: true },
        ).lean(),
      ),
    );
    const won = attempts.filter((d) => d !== null);
    expect(won).toHaveLength(100);
    expect(new Set(won.map((d) => d.name)).size).toBe(100);
    const stored = await Model.find().lean();
    expect(stored.every((d) => d.attempts === 1 && d.leaseOwner !== null)).toBe(true);
  });

  it('answers each of 2,000 concurrent $inc from two connections with its own value', async () => {
    // A sequence counter (the cluster's socket event log): every caller must get its own number,
    // also while another connection's reply is still being sent.
    const other = await connectDatabase({
      uri: inject('mongoUri'),
      dbName: connection.name,
      log: createLogger('warn', 'test'),
      attempts: 3,
    });
    try {
      const counters = [connection, other].map((c) =>
        c.collection<{ _id: string; n: number }>('counters'),
      );
      await counters[0]!.insertOne({ _id: 'sequence', n: 0 });
      const values = await Promise.all(
        Array.from({ length: 2_000 }, (_, i) =>
          counters[i % 2]!.findOneAndUpdate(
            { _id: 'sequence' },
            { $inc: { n: 1 } },
            { returnDocument: 'after' },
          ).then((d) => d?.n),
        ),
      );
      expect(new Set(values).size).toBe(2_000);
      expect(Math.max(...values.map(Number))).toBe(2_000);
    } finally {
      await other.close();
    }
  });
});
