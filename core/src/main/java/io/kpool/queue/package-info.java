/**
 * Python's {@code JoinableQueue} over a Kafka topic: {@link io.kpool.queue.QueueProducer} puts items,
 * sends one poison pill per partition and {@code join}s on the consumer group's commits;
 * {@link io.kpool.queue.QueueConsumer} takes items ({@code get}) and marks them done ({@code taskDone}),
 * which commits them. {@link io.kpool.queue.QueueOptions} holds the settings.
 */
package io.kpool.queue;
