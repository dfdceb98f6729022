/**
 * Kafka plumbing every feature uses: client factories ({@link io.kpool.core.internal.kafka.KafkaClients}),
 * topic creation ({@link io.kpool.core.internal.kafka.Topics}), the wire's JSON mapper and limits
 * ({@link io.kpool.core.internal.kafka.Json}) and the record-type header ({@link io.kpool.core.internal.kafka.MessageType}).
 * Implementation: not part of kpool's API.
 */
package io.kpool.core.internal.kafka;
