/**
 * kpool's built-in tasks, registered through {@code META-INF/services/io.kpool.pool.Task}:
 * {@code square}, {@code sleep}, {@code echo}, {@code fail} and {@code http.get}.
 */
package io.kpool.core.tasks;
