/**
 * What kpool's features share: configuration ({@link io.kpool.core.KpoolSettings} loads it from
 * defaults, a properties file, the environment and command-line overrides; {@link io.kpool.core.KpoolConfig}
 * defines every setting) and the root of kpool's exceptions, {@link io.kpool.core.KpoolException}.
 *
 * <p>The features live beside this package: {@code io.kpool.queue} (Python's {@code JoinableQueue}),
 * {@code io.kpool.pool} ({@code Pool}: {@code apply}, {@code apply_async}, callbacks) and
 * {@code io.kpool.dict} ({@code Manager().dict()} and {@code Lock}). Everything in a package named
 * {@code internal} is implementation and may change without notice.
 */
package io.kpool.core;
