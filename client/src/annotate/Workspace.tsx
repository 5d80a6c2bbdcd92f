import { useCallback, useEffect, useRef, useState } from 'react';
import { isTalkAct, type Act } from '../../../shared/dialogue/acts';
import { getDomain } from '../../../shared/domain/domains';
import type { SuggestionView, TaskEndedEvent, TaskView } from '../../../shared/protocol/annotation';
import { ask, connectAnnotate, type AnnotateSocket } from './annotateSocket';
import type { EvaluationTaskInfo, RateAckData } from '../../../shared/protocol/evaluation';
import { CompletionPanel, type Completion } from './CompletionPanel';
import { ConfirmButton } from './ConfirmButton';
import { Questionnaire } from './Questionnaire';
import { closedSession, workerMessage, type ClosedSession } from './errorMessages';
import type { NegotiationModel } from './negotiation';
import { NegotiationView } from './NegotiationView';
import { OutcomePanel } from './OutcomePanel';
import { withAct } from './taskState';

const currentTaskKey = 'parley.currentTask';
const heartbeatMs = 30_000;
const reconnectAfterServerCloseMs = 1_500;

type Stage = 'connecting' | 'ready' | 'claiming' | 'empty' | 'task' | 'questionnaire';

/** The completion code, from the last task's end or (evaluation studies) the last rating. */
function completionOf(ended: TaskEndedEvent | null, rated: RateAckData | null): Completion | null {
  const from = rated ?? ended;
  return from?.completionCode === undefined
    ? null
    : {
        completionCode: from.completionCode,
        ...(from.completionUrl === undefined ? {} : { completionUrl: from.completionUrl }),
        ...(from.mturkSubmit === undefined ? {} : { mturkSubmit: from.mturkSubmit }),
      };
}

/** The unanswered questionnaire a refused claim names (`questionnaire_pending`). */
function pendingOf(details: unknown): { taskId: string; info: EvaluationTaskInfo } | null {
  const d = details as { taskId?: unknown; evaluation?: unknown } | null | undefined;
  return typeof d?.taskId === 'string' && typeof d.evaluation === 'object' && d.evaluation !== null
    ? { taskId: d.taskId, info: d.evaluation as EvaluationTaskInfo }
    : null;
}

function modelOf(view: TaskView): NegotiationModel {
  return {
    domain: getDomain(view.domain),
    counts: view.counts,
    utilities: view.utilities,
    history: view.history,
    takeoverAt: view.takeoverAt,
    phase: view.phase,
    nextSpeaker: view.nextSpeaker,
    maxTurns: view.maxTurns,
    partnerLabel: view.aliceAgent.label,
  };
}

/**
 * The task stream over `/annotate`: claim → negotiate → select → outcome → next. A reload or a
 * lost connection resumes the same task (`task:resume`, full state replayed) while its lease
 * lasts; acts carry seq = their turn index + 1, so a resend after a reconnect is idempotent.
 */
export function Workspace() {
  const socketRef = useRef<AnnotateSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const [stage, setStage] = useState<Stage>('connecting');
  const [task, setTask] = useState<TaskView | null>(null);
  const [ended, setEnded] = useState<TaskEndedEvent | null>(null);
  // Evaluation studies: the answered questionnaire of this dialogue, or one a claim asked for.
  const [rated, setRated] = useState<RateAckData | null>(null);
  const [pending, setPending] = useState<{ taskId: string; info: EvaluationTaskInfo } | null>(null);
  const [typing, setTyping] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The server refused this account (blocked, signed out, no longer a worker): final, no retry.
  const [closed, setClosed] = useState<ClosedSession | null>(null);
  const taskRef = useRef<TaskView | null>(null);
  taskRef.current = task;

  const show = useCallback((view: TaskView) => {
    taskRef.current = view;
    setTask(view);
    setTyping(view.phase === 'negotiating' && view.nextSpeaker === 'alice');
    setStage('task');
    sessionStorage.setItem(currentTaskKey, view.taskId);
  }, []);

  const forget = useCallback(() => {
    taskRef.current = null;
    setTask(null);
    setTyping(false);
    sessionStorage.removeItem(currentTaskKey);
  }, []);

  const resume = useCallback(
    async (taskId: string): Promise<boolean> => {
      const socket = socketRef.current;
      if (socket === null) {
        return false;
      }
      const answer = await ask(socket, 'task:resume', { taskId });
      if (answer.ok) {
        show(answer.data);
        return true;
      }
      forget();
      setNotice(workerMessage(answer.error));
      setStage('ready');
      return false;
    },
    [show, forget],
  );

  const claim = useCallback(async () => {
    const socket = socketRef.current;
    if (socket === null) {
      return;
    }
    setStage('claiming');
    setEnded(null);
    setRated(null);
    setPending(null);
    setNotice(null);
    const answer = await ask(socket, 'task:claim', {});
    const unanswered =
      !answer.ok && answer.error.code === 'questionnaire_pending'
        ? pendingOf('details' in answer.error ? answer.error.details : null)
        : null;
    if (unanswered !== null) {
      forget();
      setPending(unanswered);
      setStage('questionnaire');
    } else if (!answer.ok) {
      setNotice(workerMessage(answer.error));
      setStage('ready');
    } else if (answer.data === null) {
      setStage('empty');
    } else {
      show(answer.data);
    }
  }, [show, forget]);

  useEffect(() => {
    const socket = connectAnnotate();
    socketRef.current = socket;
    socket.on('connect', () => {
      setConnected(true);
      setEverConnected(true);
      const taskId = taskRef.current?.taskId ?? sessionStorage.getItem(currentTaskKey);
      if (taskId !== null) {
        void resume(taskId);
      } else {
        setStage((s) => (s === 'connecting' ? 'ready' : s));
      }
    });
    socket.on('disconnect', (reason) => {
      setConnected(false);
      // Socket.IO reconnects by itself after network trouble, but not when the server closed
      // the connection (a restart, a deploy): then we ask again, after a pause.
      if (reason === 'io server disconnect') {
        setTimeout(() => socket.connect(), reconnectAfterServerCloseMs);
      }
    });
    socket.on('connect_error', (error) => {
      setConnected(false);
      // A refused handshake carries { code, message } (docs/protocol.md): a blocked worker is
      // cut off and then refused here, and must be told so instead of "reconnecting…".
      const final = closedSession((error as { data?: unknown }).data);
      if (final !== null) {
        setClosed(final);
        forget();
        socket.close();
      }
    });
    socket.on('dialogue:act', (event) => {
      const view = taskRef.current;
      if (view === null || event.taskId !== view.taskId) {
        return;
      }
      const next = withAct(view, event.speaker, event.act, event.turn);
      if (next === null) {
        void resume(view.taskId);
      } else {
        show(next);
      }
    });
    socket.on('task:ended', (event) => {
      const view = taskRef.current;
      if (view !== null && event.taskId === view.taskId) {
        show({ ...view, phase: 'done', nextSpeaker: null });
        setEnded(event);
        sessionStorage.removeItem(currentTaskKey);
      }
    });
    socket.on('task:expired', (event) => {
      if (taskRef.current?.taskId === event.taskId) {
        forget();
        setNotice(workerMessage({ code: 'lease_expired', message: '' }));
        setStage('ready');
      }
    });
    socket.on('queue:available', () => {
      setStage((s) => {
        if (s === 'empty') {
          void claim();
        }
        return s;
      });
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [claim, resume, show, forget]);

  // Heartbeats keep the lease while the task is open.
  useEffect(() => {
    if (task === null || task.phase === 'done' || !connected) {
      return;
    }
    const taskId = task.taskId;
    const timer = setInterval(() => {
      const socket = socketRef.current;
      if (socket !== null) {
        void ask(socket, 'task:heartbeat', { taskId }).then((answer) => {
          const current = taskRef.current;
          if (answer.ok && current?.taskId === taskId) {
            show({ ...current, leaseExpiresAt: answer.data.leaseExpiresAt });
          }
        });
      }
    }, heartbeatMs);
    return () => clearInterval(timer);
  }, [task?.taskId, task?.phase, connected, show]);

  const act = async (a: Act): Promise<string | null> => {
    const socket = socketRef.current;
    const view = taskRef.current;
    if (socket === null || view === null) {
      return 'Not connected.';
    }
    if (isTalkAct(a)) {
      return 'Choose an offer or an answer.'; // the composer never builds one; the wire refuses it
    }
    const turn = view.history.length;
    const answer = await ask(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: turn + 1,
      act: a,
    });
    if (!answer.ok) {
      if (answer.error.code === 'seq_reused' || answer.error.code === 'not_your_turn') {
        await resume(view.taskId);
      }
      return workerMessage(answer.error);
    }
    const current = taskRef.current ?? view;
    const next = withAct(current, 'bob', a, answer.data.turn);
    if (next === null) {
      await resume(view.taskId);
    } else {
      show(next);
    }
    return null;
  };

  const select = async (allocation: number[] | null): Promise<string | null> => {
    const socket = socketRef.current;
    const view = taskRef.current;
    if (socket === null || view === null) {
      return 'Not connected.';
    }
    const answer = await ask(socket, 'dialogue:select', { taskId: view.taskId, allocation });
    if (!answer.ok) {
      return workerMessage(answer.error);
    }
    if (!answer.data.ended) {
      setNotice('Selection saved; waiting for the outcome…');
    }
    return null;
  };

  const suggest = async (): Promise<SuggestionView> => {
    const socket = socketRef.current;
    const view = taskRef.current;
    if (socket === null || view === null) {
      throw new Error('Not connected.');
    }
    const answer = await ask(socket, 'astra:suggest', { taskId: view.taskId });
    if (!answer.ok) {
      throw new Error(workerMessage(answer.error));
    }
    return answer.data;
  };

  const rate = async (
    taskId: string,
    answers: Record<string, number | string>,
  ): Promise<string | null> => {
    const socket = socketRef.current;
    if (socket === null) {
      return 'Not connected.';
    }
    const answer = await ask(socket, 'evaluation:rate', { taskId, answers });
    if (!answer.ok) {
      return workerMessage(answer.error);
    }
    setRated(answer.data);
    return null;
  };

  const completion = completionOf(ended, rated);
  const nextButton = (
    <button type="button" className="primary" onClick={() => void claim()}>
      {task?.evaluation === undefined && pending === null ? 'Next task' : 'Next negotiation'}
    </button>
  );

  const skip = async () => {
    const socket = socketRef.current;
    const view = taskRef.current;
    if (socket === null || view === null) {
      return;
    }
    const answer = await ask(socket, 'task:abandon', { taskId: view.taskId });
    // A lease already gone (expired, ended) leaves nothing to skip: move on all the same.
    if (!answer.ok && answer.error.code !== 'lease_expired') {
      setNotice(workerMessage(answer.error));
      return;
    }
    forget();
    setEnded(null);
    setNotice('You skipped the task; it went back to the queue for someone else.');
    setStage('ready');
  };

  if (closed !== null) {
    return (
      <main className="wide">
        <section className="card narrow-card" role="alert" data-testid="session-closed">
          <h1>{closed.title}</h1>
          <p>{closed.message}</p>
        </section>
      </main>
    );
  }

  return (
    <main className="wide">
      {everConnected && !connected && (
        <p className="banner offline" role="status" data-testid="reconnect-banner">
          Connection lost — reconnecting… Your task is kept; it resumes automatically.
        </p>
      )}
      {notice !== null && (
        <p className="banner notice" role="status">
          {notice}
        </p>
      )}
      {stage === 'connecting' && <p>Connecting to the task server…</p>}
      {(stage === 'ready' || stage === 'claiming') && (
        <section className="card narrow-card">
          <h1>Annotation tasks</h1>
          <p>
            Each task is a negotiation already under way: you take over Bob&apos;s seat from the
            marked point and negotiate with Alice to the end.
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => void claim()}
            disabled={!connected || stage === 'claiming'}
          >
            {stage === 'claiming' ? 'Finding a task…' : 'Start a task'}
          </button>
        </section>
      )}
      {stage === 'empty' && (
        <section className="card narrow-card" data-testid="no-tasks">
          <h1>No tasks right now</h1>
          <p>We will bring you a task as soon as one is available. You can keep this page open.</p>
          <button type="button" onClick={() => void claim()} disabled={!connected}>
            Check again
          </button>
        </section>
      )}
      {stage === 'questionnaire' && pending !== null && (
        <section className="card narrow-card">
          {rated === null ? (
            <Questionnaire
              info={pending.info}
              onSubmit={(answers) => rate(pending.taskId, answers)}
            />
          ) : completion !== null ? (
            <CompletionPanel completion={completion} />
          ) : (
            nextButton
          )}
        </section>
      )}
      {stage === 'task' && task !== null && task.phase !== 'done' && (
        <div className="skip-task">
          <ConfirmButton
            label="Skip this task"
            question="Skip this task? It ends here for you and goes back to the queue for someone else; you will not get it again, and you can start another one."
            confirmLabel="Yes, skip it"
            cancelLabel="Keep working on it"
            disabled={!connected}
            onConfirm={() => void skip()}
          />
        </div>
      )}
      {stage === 'task' && task !== null && (
        <NegotiationView
          key={task.taskId}
          model={modelOf(task)}
          aliceTyping={typing}
          disabled={!connected}
          leaseExpiresAt={task.leaseExpiresAt}
          // An evaluation measures the participant against the agent unaided: no ASTRA aid.
          actions={task.evaluation === undefined ? { act, select, suggest } : { act, select }}
          outcome={
            ended !== null && (
              <OutcomePanel
                domain={getDomain(task.domain)}
                counts={task.counts}
                outcome={{
                  agreed: ended.outcome.agreed,
                  walkedAway: ended.outcome.walkedAway,
                  myShare: ended.outcome.bobShare,
                  myScore: ended.scores.bob,
                  partnerScore: ended.scores.alice,
                  paretoOptimal: ended.outcome.paretoOptimal,
                }}
              >
                {task.evaluation !== undefined && rated === null ? (
                  <Questionnaire
                    info={task.evaluation}
                    onSubmit={(answers) => rate(task.taskId, answers)}
                  />
                ) : completion !== null ? (
                  <CompletionPanel completion={completion} />
                ) : (
                  nextButton
                )}
              </OutcomePanel>
            )
          }
        />
      )}
    </main>
  );
}
