import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Connection } from 'mongoose';
import { authRoutes } from '../../shared/contracts/authRoutes';
import { studyRoutes } from '../../shared/contracts/studyRoutes';
import { signIn } from '../../platform/auth/signIn';
import { toSessionUser } from '../../platform/auth/sessionUser';
import { presentUser } from '../../platform/users/userPresenter';
import { recordLogin } from '../../platform/users/userService';
import { enterStudy } from '../../platform/studies/studyEntry';
import { csvLines, participantRows, participantsCsv } from '../../platform/studies/studyProgress';
import { codeEntryPath, createStudyService } from '../../platform/studies/studyService';
import {
  evaluationCsv,
  evaluationDialogueRows,
  evaluationJsonl,
  evaluationResultsView,
} from '../../platform/studies/evaluationReport';
import { callerOf, serve, serveRaw } from '../http/serve';

/**
 * Crowd studies (`shared/contracts/studyRoutes.ts`, docs/studies.md): researchers create, edit,
 * open, pause and close their own studies, make one-time codes and signed links, and export
 * participants' status as CSV; `POST /study/enter` (`authRoutes.studyEnter`) admits a crowd
 * participant only with a valid signature or an unused one-time code
 * (platform/studies/studyEntry.ts) and signs them in as the study's worker.
 */
export function studyRouter(
  connection: Connection,
  options: { rateLimit?: RequestHandler; timeoutMs: number },
): Router {
  const router = Router();
  const studies = createStudyService(connection);

  serve(
    router,
    authRoutes.studyEnter,
    async ({ body }, req) => {
      const user = await enterStudy(connection, body);
      await signIn(req, toSessionUser(user));
      await recordLogin(connection, user._id);
      return { user: presentUser(user) };
    },
    { before: options.rateLimit === undefined ? [] : [options.rateLimit] },
  );

  serve(router, studyRoutes.create, async (input) => ({
    study: await studies.create(callerOf(input), input.body),
  }));
  serve(router, studyRoutes.list, async (input) => ({
    studies: await studies.list(callerOf(input)),
  }));
  serve(router, studyRoutes.get, async (input) => ({
    study: await studies.get(callerOf(input), input.params.studyId),
  }));
  serve(router, studyRoutes.update, async (input) => ({
    study: await studies.update(callerOf(input), input.params.studyId, input.body),
  }));
  serve(router, studyRoutes.open, async (input) => ({
    study: await studies.act(callerOf(input), input.params.studyId, 'open'),
  }));
  serve(router, studyRoutes.pause, async (input) => ({
    study: await studies.act(callerOf(input), input.params.studyId, 'pause'),
  }));
  serve(router, studyRoutes.close, async (input) => ({
    study: await studies.act(callerOf(input), input.params.studyId, 'close'),
  }));
  serve(router, studyRoutes.rotateSecret, async (input) => ({
    study: await studies.rotateSecret(callerOf(input), input.params.studyId),
  }));
  serve(router, studyRoutes.createCodes, async (input) => ({
    codes: await studies.addCodes(callerOf(input), input.params.studyId, input.body.count),
  }));
  serve(router, studyRoutes.signedLinks, async (input) => ({
    links: await studies.signedLinks(
      callerOf(input),
      input.params.studyId,
      input.body.participantIds,
    ),
  }));

  serveRaw(router, studyRoutes.exportCodes, async (req, res) => {
    const { studyId } = studyRoutes.exportCodes.params.parse(req.params);
    const codes = await studies.listCodes(callerOf({ user: req.user ?? null }), studyId);
    const origin = originOf(req);
    sendCsv(
      res,
      `${studyId}-codes.csv`,
      csvLines([
        ['code', 'entry_link', 'used_by', 'used_at'],
        ...codes.map((c) => [
          c.code,
          `${origin}${codeEntryPath(studyId, c.code)}`,
          c.usedBy,
          c.usedAt?.toISOString() ?? null,
        ]),
      ]),
    );
  });

  serveRaw(router, studyRoutes.exportParticipants, async (req, res) => {
    const { studyId } = studyRoutes.exportParticipants.params.parse(req.params);
    const study = await studies.visible(callerOf({ user: req.user ?? null }), studyId);
    const rows = await participantRows(connection, study, { timeoutMs: options.timeoutMs });
    sendCsv(res, `${studyId}-participants.csv`, participantsCsv(rows));
  });

  serve(router, studyRoutes.evaluationResults, async (input) => {
    const study = await studies.visible(callerOf(input), input.params.studyId);
    return {
      results: evaluationResultsView(study, await evaluationDialogueRows(connection, study)),
    };
  });

  serveRaw(router, studyRoutes.exportEvaluation, async (req, res) => {
    const { studyId } = studyRoutes.exportEvaluation.params.parse(req.params);
    const { format } = studyRoutes.exportEvaluation.query.parse(req.query);
    const study = await studies.visible(callerOf({ user: req.user ?? null }), studyId);
    const rows = await evaluationDialogueRows(connection, study);
    if (format === 'csv') {
      sendCsv(res, `${studyId}-dialogues.csv`, evaluationCsv(study, rows));
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${studyId}-dialogues.jsonl"`);
    res.send(evaluationJsonl(rows));
  });

  return router;
}

/** The address the caller reached this server at (behind a proxy: with TRUST_PROXY). */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function sendCsv(res: Response, filename: string, body: string): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
