/**
 * A business answer from a mutator ("the activity is full", "no such region"). The push engine rolls
 * back the mutator's writes, commits the rejection as the mutation's result and moves on — a
 * rejection is a result, never a wedge. Anything else a mutator throws is a bug or an outage.
 */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'Rejection'
  }
}
