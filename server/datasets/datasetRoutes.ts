import type { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import type { Connection } from 'mongoose';
import { datasetRoutes } from '../../shared/contracts/datasetRoutes';
import type { ResponseOf } from '../../shared/contracts/route';
import { formatRecordLine } from '../../shared/corpus/recordLines';
import { datasetLabelRule, sourceDatasetPrefix } from '../../shared/protocol/datasets';
import { parseExportFilters } from '../../shared/protocol/exportFilters';
import { callerOf, serve, serveRaw } from '../http/serve';
import {
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../platform/errors';
import { exportRecords, importLines, listDatasets } from '../../platform/datasets/datasetService';
import {
  assertDatasetVisible,
  assertRoundVisible,
  claimDataset,
  visibleRecords,
} from '../../platform/datasets/recordScope';

/** The contract's body type first (the one the refusal names), then the ones also accepted. */
const jsonlTypes = [datasetRoutes.import.bodyType, 'application/jsonl', 'text/plain'];

/**
 * Researchers' datasets (`shared/contracts/datasetRoutes.ts`): `GET /datasets` (each dataset
 * with its corpus stats), `GET /datasets/export` (JSONL, streamed, filterable) and
 * `POST /datasets/import?dataset=` (a JSONL body, validated line by line). Each user reads and
 * imports into only what they own, admins everything: recordScope.ts applies
 * shared/protocol/visibility.ts. The export and the import stream, so they answer by themselves
 * and word their own validation errors.
 */
export function datasetRouter(connection: Connection, options: { importMaxBytes: number }): Router {
  const router = Router();

  serve(router, datasetRoutes.list, async (input) => ({
    datasets: await listDatasets(connection, await visibleRecords(connection, callerOf(input))),
  }));

  serveRaw(router, datasetRoutes.export, async (req, res) => {
    const viewer = callerOf({ user: req.user ?? null });
    const filters = parseExportFilters(req.query);
    if (!filters.ok) {
      throw new ValidationError(filters.message, [
        { path: filters.field, message: filters.message },
      ]);
    }
    const query = filters.query;
    if (query.round !== undefined) {
      await assertRoundVisible(connection, viewer, query.round);
    }
    if (query.dataset !== undefined && !query.dataset.startsWith(sourceDatasetPrefix)) {
      await assertDatasetVisible(connection, viewer, query.dataset);
    }
    const scope = await visibleRecords(connection, viewer);
    res.status(200);
    res.setHeader('content-type', `${datasetRoutes.export.success.type}; charset=utf-8`);
    res.setHeader('content-disposition', 'attachment; filename="parley-export.jsonl"');
    let closed = false;
    res.once('close', () => (closed = true));
    for await (const { record } of exportRecords(connection, query, scope)) {
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

  serveRaw(router, datasetRoutes.import, async (req, res) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!jsonlTypes.includes(type)) {
      throw new UnsupportedMediaTypeError(
        `Content-Type ${type === '' ? '(none)' : type} is not accepted: send ` +
          `${jsonlTypes[0]} (one JSON record per line).`,
      );
    }
    const parsed = datasetRoutes.import.query.safeParse(req.query);
    if (!parsed.success) {
      const message = importQueryProblem(req.query);
      throw new ValidationError(message, [{ path: 'dataset', message }]);
    }
    const { dataset } = parsed.data;
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > options.importMaxBytes) {
      throw new PayloadTooLargeError(
        `An import may have at most ${options.importMaxBytes} bytes; split the file.`,
      );
    }
    await claimDataset(connection, callerOf({ user: req.user ?? null }), dataset);
    const report = await importLines(connection, dataset, bodyLines(req, options.importMaxBytes));
    res
      .status(datasetRoutes.import.success.status)
      .json({ report } satisfies ResponseOf<typeof datasetRoutes.import>);
  });

  return router;
}

/** Why an import's query is refused, as the fix. */
function importQueryProblem(query: Request['query']): string {
  const extra = Object.keys(query).filter((key) => key !== 'dataset');
  if (extra.length > 0) {
    return `Unknown parameter ${extra.join(', ')}; an import takes only ?dataset=<label>.`;
  }
  return query.dataset === undefined
    ? `dataset is missing; add ?dataset=<label> (${datasetLabelRule}).`
    : `dataset ${JSON.stringify(query.dataset)} is not a dataset label; use ${datasetLabelRule}.`;
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
