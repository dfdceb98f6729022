/**
 * Python's {@code Manager().dict()} and {@code Lock} over Kafka: a {@link io.kpool.dict.SharedDict} is a
 * single-partition log of operations that every client folds into the same values;
 * {@link io.kpool.dict.SharedLock} is a lease-based lock with fencing tokens on the same log.
 * Values are JSON: {@link io.kpool.dict.DictEntry} exposes Jackson's {@code JsonNode} on purpose.
 */
package io.kpool.dict;
