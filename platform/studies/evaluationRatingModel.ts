import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A participant's questionnaire answers about one evaluation dialogue. Keyed by the task (one
 * dialogue, one participant: the task is reserved for them), so a second answer is refused by
 * the key itself, whatever the timing.
 */
export interface EvaluationRating {
  /** The task id of the dialogue rated. */
  _id: string;
  studyId: string;
  participantId: string;
  workerId: string;
  agent: string;
  position: number;
  /** Question id → a Likert value (1–5) or an open answer. */
  answers: Record<string, number | string>;
  createdAt: Date;
}

const ratingSchema = new Schema<EvaluationRating>(
  {
    _id: { type: String, required: true },
    studyId: { type: String, required: true, index: true },
    participantId: { type: String, required: true },
    workerId: { type: String, required: true, index: true },
    agent: { type: String, required: true },
    position: { type: Number, required: true },
    answers: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export function evaluationRatingModel(connection: Connection): Model<EvaluationRating> {
  return (
    (connection.models.EvaluationRating as Model<EvaluationRating> | undefined) ??
    connection.model<EvaluationRating>('EvaluationRating', ratingSchema, 'evaluationRatings')
  );
}
