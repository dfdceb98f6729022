package io.kpool.dict.internal.fold;

/**
 * One record of the log, folded.
 *
 * @param operation the operation the record holds, or null if it holds none (then the outcome is {@link Outcome.Status#INVALID})
 * @param outcome what folding it did
 */
public record Folded(Operation operation, Outcome outcome) {
}
