/** The pool worker: takes task records from the delivery engine, runs them, publishes their results. Not part of kpool's API. */
package io.kpool.pool.internal.worker;
