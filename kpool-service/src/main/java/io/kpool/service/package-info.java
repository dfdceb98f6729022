/**
 * What kpool's command-line services share, kept out of {@code kpool-core} so that a library user gets
 * neither picocli nor code that exits the JVM: the picocli mixins that turn options into settings
 * ({@link io.kpool.service.ConnectionMixin}, {@link io.kpool.service.QueueCommandOptions},
 * {@link io.kpool.service.PoolCommandOptions}, {@link io.kpool.service.DictCommandOptions}), the exit
 * codes ({@link io.kpool.service.ServiceCommand}), SIGTERM handling ({@link io.kpool.service.GracefulShutdown}),
 * the heartbeat file a container's health check reads ({@link io.kpool.service.HeartbeatFile}) and the
 * services' logging ({@code io/kpool/service/logback-service.xml}, included by each service's {@code logback.xml}).
 */
package io.kpool.service;
