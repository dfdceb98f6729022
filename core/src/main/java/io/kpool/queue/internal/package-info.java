/** The queue's implementation over Kafka clients and the delivery engine. Not part of kpool's API. */
package io.kpool.queue.internal;
