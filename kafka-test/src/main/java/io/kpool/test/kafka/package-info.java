/**
 * Real Kafka for JUnit 5 tests: {@link io.kpool.test.kafka.KafkaBrokerExtension} hands tests a
 * {@link io.kpool.test.kafka.TestKafka} backed by an external broker, a Testcontainers broker or the
 * embedded {@code kafka-local} broker, started once per JVM.
 */
package io.kpool.test.kafka;
