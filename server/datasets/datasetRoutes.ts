import type { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import type { Connection } from 'mongoose';
import { formatRecordLine } from '../../shared/corpus/recordLines';
import { exportQuerySchema, importQuerySchema } from '../../shared/protocol/datasets';
import { requirePermission } from '../auth/guards';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../http/errors';
import { roundModel } from '../rounds/roundModel';
import { exportRecords, importLines, listDatasets } from './datasetService';

const jsonlTypes = ['application/x-ndjson', 'application/jsonl', 'text/plain'];

/**
 * Researchers' datasets: `GET /datasets` (each dataset with its corpus stats),
 * `GET /datasets/export` (JSONL, streamed, filterable) and `POST /datasets/import?dataset=`
 * (a JSONL body, validated line by line). Admins may do the same.
 */
export function datasetRouter(connection: Connection, options: { importMaxBytes: number }): Router {
  const router = Router();
  const allowed = requirePermission('manageDatasets');

  router.get('/datasets', allowed, async (_req, res) => {
    res.json({ datasets: await listDatasets(connection) });
  });

  router.get('/datasets/export', allowed, async (req, res) => {
    const query = exportQuerySchema.parse(req.query);
    if (query.round !== undefined) {
      await assertRoundVisible(connection, req.user as Express.User, query.round);
    }
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="parley-export.jsonl"');
    let closed = false;
    res.once('close', () => (closed = true));
    for await (const { record } of exportRecords(connection, query)) {
      if (closed) {
        break;
      }
      // Respect backpressure: a slow client slows the cursor rather than filling memory.
      if (!res.write(`${formatRecordLine(record)}\n`)) {
        await drainedOrClosed(res);
      }
    }
    res.end();
  });

  router.post('/datasets/import', allowed, async (req, res) => {
    const { dataset } = importQuerySchema.parse(req.query);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!jsonlTypes.includes(type)) {
      throw new BadRequestError(
        `Send the records as JSONL with Content-Type ${jsonlTypes[0]} (one record per line).`,
      );
    }
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > options.importMaxBytes) {
      throw new PayloadTooLargeError(
        `An import may have at most ${options.importMaxBytes} bytes; split the file.`,
      );
    }
    const report = await importLines(connection, dataset, bodyLines(req, options.importMaxBytes));
    res.json({ report });
  });

  return router;
}

/** Waits for the response to drain (or the client to leave), leaving no listener behind. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A researcher may export only their own round's records (another's is a 404, like rounds). */
async function assertRoundVisible(connection: Connection, user: Express.User, roundId: string) {
  if (user.roles.includes('admin')) {
    return;
  }
  const round = await roundModel(connection).findById(roundId, { owner: 1 }).lean();
  if (round === null || round.owner !== user.id) {
    throw new NotFoundError(`No round ${roundId}.`);
  }
}

/** The request body as lines, read as it arrives; more than `maxBytes` stops the import. */
async function* bodyLines(req: Request, maxBytes: number): AsyncGenerator<string> {
  let bytes = 0;
  let rest = '';
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of req as Readable) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      req.resume();
      throw new PayloadTooLargeError(
        `An import may have at most ${maxBytes} bytes; the lines before the limit were imported.`,
      );
    }
    const text = rest + decoder.decode(buffer, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  }
  rest += decoder.decode();
  if (rest !== '') {
    yield rest;
  }
}
