package io.kpool.pool.internal.worker;

import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.internal.delivery.RecordDecoder;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.delivery.StreamOptions;
import io.kpool.core.internal.delivery.TransactionPacing;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.PoolTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A pool worker's start-up: its topics, its Kafka clients and the stream of tasks its delivery mode
 * and guarantee call for, then the worker itself, running. Also the names and settings derived from
 * the worker's options (its retry group, transactional id, stream options).
 */
final class WorkerStartup {
    private WorkerStartup() {
    }

    /**
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @param registry where it records its metrics
     * @return the running worker
     */
    static KafkaPoolWorker start(PoolWorkerOptions options, TaskRegistry tasks, MeterRegistry registry) {
        PoolTopics.ensure(options.connection(), options.tasksTopic(), options.tasksPartitions(), options.callbackTopic(),
                options.callbackPartitions());
        PoolTopics.ensureRetryTiers(options.connection(), options.tasksTopic(), options.tasksPartitions());
        if (!options.stateTopic().isEmpty()) {
            PoolTopics.ensureStateTopic(options.connection(), options.stateTopic(), options.tasksPartitions(), options.resultExpires());
        }
        Admin admin = KafkaClients.admin(options.connection());
        ReplyRoutes routes = new ReplyRoutes(admin, options.tasksTopic(), Clock.systemUTC());
        KafkaPoolWorker worker;
        try {
            worker = new KafkaPoolWorker(options,
                    openStream(options, record -> TaskRequest.decode(record, options.callbackTopic(), routes), registry),
                    KafkaClients.producer(options.connection(), "results"), admin, tasks, registry);
        } catch (RuntimeException e) {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
            throw e;
        }
        worker.run(tasks);
        return worker;
    }

    /**
     * Share mode: a worker holds at most as many tasks as it has threads, and the rest go to other workers.
     * At-least-once: results are sent as tasks finish and their records commit after. Exactly-once: the stream
     * commits each batch of finished results with their tasks' offsets in one transaction of a producer whose
     * transactional id is the worker's identity (group and name), so a restarted worker fences its predecessor.
     */
    private static RecordStream<TaskRequest> openStream(PoolWorkerOptions options, RecordDecoder<TaskRequest> decoder,
                                                        MeterRegistry registry) {
        if (options.delivery().isShare()) {
            return RecordStream.openShared(streamOptions(options), options.delivery(), options.effectiveProcesses(), decoder, registry);
        }
        if (options.guarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            return RecordStream.open(streamOptions(options), decoder, registry);
        }
        KafkaProducer<byte[], byte[]> transactional = KafkaClients.transactionalProducer(options.connection(), "transactions",
                transactionalId(options));
        try {
            return RecordStream.openTransactional(streamOptions(options), decoder, transactional,
                    new TransactionPacing(options.transactionInterval(), options.transactionMaxRecords()), registry);
        } catch (RuntimeException e) {
            transactional.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /**
     * @param options the worker's settings
     * @return the consumer group of the workers' delay-tier consumers
     */
    static String retryGroup(PoolWorkerOptions options) {
        return options.group() + ".retry";
    }

    /**
     * @param options the worker's settings
     * @return the transactional id of the worker in exactly-once mode: stable for a worker's group and name
     */
    static String transactionalId(PoolWorkerOptions options) {
        return "kpool-" + options.group() + "-" + options.clientId();
    }

    /** @return the most bytes the worker's producer sends in one request */
    static int maxRequestSize(PoolWorkerOptions options) {
        return (Integer) KafkaClients.setting(options.connection(), ProducerConfig.configDef(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    /**
     * @param options the worker's settings
     * @return the delivery engine's settings for the worker's stream of tasks
     */
    static StreamOptions streamOptions(PoolWorkerOptions options) {
        return new StreamOptions(options.tasksTopic(), options.group(), options.tasksPartitions(),
                PoolTopics.deadLetterTopic(options.tasksTopic()), options.bufferSize(), options.revokeWait(), false, options.connection());
    }
}
