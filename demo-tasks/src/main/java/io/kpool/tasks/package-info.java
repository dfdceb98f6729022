/**
 * kpool's demo tasks, registered through {@code META-INF/services/io.kpool.pool.Task}: {@code square},
 * {@code sleep}, {@code echo}, {@code fail} and {@code flaky} (fails its first attempts, for retries), which every
 * worker with this jar runs, and {@code http.get},
 * which a worker runs only where it is selected by name ({@code pool-worker --tasks square,sleep,echo,fail,http.get}).
 * The library ({@code kpool-core}) ships no tasks.
 */
package io.kpool.tasks;
