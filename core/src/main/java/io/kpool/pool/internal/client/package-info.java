/** The pool client: task sender thread, reply reader thread, pending tasks and callbacks. Not part of kpool's API. */
package io.kpool.pool.internal.client;
