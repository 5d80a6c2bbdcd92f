/** A finished study participant's completion code, and the way back to their crowd platform. */
export interface Completion {
  completionCode: string;
  completionUrl?: string;
  mturkSubmit?: { action: string; assignmentId: string };
}

export function CompletionPanel({ completion }: { completion: Completion }) {
  return (
    <div className="completion" data-testid="completion">
      <p>Thank you, you have finished the study! Your completion code:</p>
      <p className="code" data-testid="completion-code">
        {completion.completionCode}
      </p>
      {completion.completionUrl !== undefined ? (
        <p>
          <a
            className="button primary"
            href={completion.completionUrl}
            data-testid="completion-link"
          >
            Back to Prolific to complete your submission
          </a>
        </p>
      ) : completion.mturkSubmit !== undefined ? (
        <form method="post" action={completion.mturkSubmit.action}>
          <input type="hidden" name="assignmentId" value={completion.mturkSubmit.assignmentId} />
          <input type="hidden" name="completionCode" value={completion.completionCode} />
          <button type="submit" className="primary" data-testid="mturk-submit">
            Submit the HIT on MTurk
          </button>
        </form>
      ) : (
        <p className="muted">Enter it on the study platform to get paid.</p>
      )}
    </div>
  );
}
