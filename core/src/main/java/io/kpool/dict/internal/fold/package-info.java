/**
 * The deterministic fold of a shared dict's log: the same records in the same order give every client,
 * in any language, the same values, versions and locks. Pure: no Kafka client, no clock (time is each
 * record's log-append time). An architecture test keeps {@code org.apache.kafka} out of this package.
 */
package io.kpool.dict.internal.fold;
