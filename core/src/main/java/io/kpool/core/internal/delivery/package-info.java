/**
 * The record engine under the queue consumer and the pool worker: a group member's records as a stream
 * that many threads take from and mark done in any order ({@link io.kpool.core.internal.delivery.RecordStream},
 * set up by {@code ConsumerGroupStreams} or {@code ShareGroupStreams}), fed by one thread that owns the Kafka
 * consumer ({@link io.kpool.core.internal.delivery.RecordSource}: {@code ConsumerGroupSource} with its
 * {@code GroupRebalanceListener}, or {@code ShareGroupSource}). Invalid records go to the dead-letter topic; poison
 * pills end a partition. Implementation: not part of kpool's API.
 */
package io.kpool.core.internal.delivery;
