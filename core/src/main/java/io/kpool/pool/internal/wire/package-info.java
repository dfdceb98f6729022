/**
 * The pool's records as the README's wire format has them (task, task batch, result, result batch),
 * their headers and topics: what the client and the worker share. Not part of kpool's API.
 */
package io.kpool.pool.internal.wire;
