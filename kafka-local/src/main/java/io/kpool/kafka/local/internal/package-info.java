/**
 * How {@link io.kpool.kafka.local.KafkaLocalBroker} drives Kafka: the broker configuration, formatting
 * the storage once, port checks, readiness and bounded shutdown. Not an API: use the parent package.
 */
package io.kpool.kafka.local.internal;
