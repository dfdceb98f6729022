/**
 * How {@link io.kpool.test.kafka.KafkaBrokerExtension} picks, starts and stops its broker. Not an API: use
 * the parent package.
 */
package io.kpool.test.kafka.internal;
