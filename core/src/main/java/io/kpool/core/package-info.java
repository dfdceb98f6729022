/**
 * kpool's public API: Python's {@code multiprocessing} queue model over Kafka.
 *
 * <p>{@link io.kpool.core.QueueProducer} is the producer side of a {@code JoinableQueue}
 * ({@code put}, {@code join}, poison pills); {@link io.kpool.core.QueueConsumer} the consumer side
 * ({@code get}, {@code taskDone}). {@link io.kpool.core.SharedDict} and {@link io.kpool.core.SharedLock}
 * are {@code Manager().dict()} and {@code Lock}: shared state kept as a Kafka log of operations that
 * every client folds into the same values. {@link io.kpool.core.KpoolSettings} loads configuration from
 * defaults, a properties file, the environment and command-line overrides. Everything under
 * {@code io.kpool.core.internal} is implementation and may change without notice.
 */
package io.kpool.core;
