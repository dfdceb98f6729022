/**
 * A real Apache Kafka broker in KRaft mode (single-node by default, or a cluster of several), run from Kafka's
 * own jars with no Docker:
 * {@link io.kpool.kafka.local.KafkaLocalBroker} embeds it in a JVM (tests, demos) and
 * {@link io.kpool.kafka.local.KafkaLocalMain} runs it as its own process ({@code kafka-local}).
 */
package io.kpool.kafka.local;
