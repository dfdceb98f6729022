package io.kpool.core;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every kpool setting in one place: its name, type, default and one-line doc, side by side as in
 * Kafka's {@code ConsumerConfig}. The README's configuration table is generated from
 * {@link #markdownTable()} and a test keeps the two equal.
 */
public final class KpoolConfig {
    /** Prefix of every kpool setting; anything else is a Kafka client property. */
    public static final String PREFIX = "kpool.";

    /** The queue topic. */
    public static final String QUEUE_TOPIC = "kpool.queue.topic";
    /** The consumer group of the queue. */
    public static final String QUEUE_GROUP = "kpool.queue.group";
    /** Partitions of the queue topic when kpool creates it. */
    public static final String QUEUE_PARTITIONS = "kpool.queue.partitions";
    /** Replication factor of topics kpool creates. */
    public static final String REPLICATION_FACTOR = "kpool.replication.factor";
    /** Where records that are not valid queue messages go. */
    public static final String QUEUE_DEAD_LETTER_TOPIC = "kpool.queue.dead.letter.topic";
    /** How many items a consumer fetches ahead of {@code get}. */
    public static final String QUEUE_BUFFER_SIZE = "kpool.queue.buffer.size";
    /** How long a rebalance waits for handed-out items. */
    public static final String QUEUE_REVOKE_WAIT_MS = "kpool.queue.revoke.wait.ms";
    /** How queue consumers take items: a consumer group or a share group. */
    public static final String QUEUE_MODE = "kpool.queue.mode";
    /** A queue consumer's delivery guarantee for its commits and dead letters: at-least-once or exactly-once. */
    public static final String QUEUE_DELIVERY = "kpool.queue.delivery";
    /** The pool's tasks topic. */
    public static final String POOL_TASKS_TOPIC = "kpool.pool.tasks.topic";
    /** The pool's callback (results) topic. */
    public static final String POOL_CALLBACK_TOPIC = "kpool.pool.callback.topic";
    /** The pool workers' consumer group. */
    public static final String POOL_GROUP = "kpool.pool.group";
    /** Partitions of the tasks topic when kpool creates it. */
    public static final String POOL_TASKS_PARTITIONS = "kpool.pool.tasks.partitions";
    /** Partitions of the callback topic when kpool creates it. */
    public static final String POOL_CALLBACK_PARTITIONS = "kpool.pool.callback.partitions";
    /** The compacted topic of task states, keyed by task id. */
    public static final String POOL_STATE_TOPIC = "kpool.pool.state.topic";
    /** How long task states are kept (Celery's result_expires). */
    public static final String POOL_RESULT_EXPIRES_MS = "kpool.pool.result.expires.ms";
    /** The callback partition a client reads. */
    public static final String POOL_REPLY_PARTITION = "kpool.pool.reply.partition";
    /** Worker threads of a pool worker. */
    public static final String POOL_PROCESSES = "kpool.pool.processes";
    /** How many tasks a pool worker fetches ahead of its threads. */
    public static final String POOL_BUFFER_SIZE = "kpool.pool.buffer.size";
    /** How long a worker's rebalance waits for running tasks. */
    public static final String POOL_REVOKE_WAIT_MS = "kpool.pool.revoke.wait.ms";
    /** How pool workers take tasks: a consumer group or a share group. */
    public static final String POOL_MODE = "kpool.pool.mode";
    /** A share group's record lock. */
    public static final String SHARE_RECORD_LOCK_MS = "kpool.share.record.lock.ms";
    /** A share group's delivery-count limit. */
    public static final String SHARE_DELIVERY_LIMIT = "kpool.share.delivery.limit";
    /** The most tasks a pool worker runs from one task-batch record. */
    public static final String POOL_MAX_BATCH_TASKS = "kpool.pool.max.batch.tasks";
    /** How long after submission a task expires unless the call says otherwise. */
    public static final String POOL_TASK_EXPIRES_MS = "kpool.pool.task.expires.ms";
    /** How long a worker lets a task run before it interrupts it. */
    public static final String POOL_TASK_TIME_LIMIT_MS = "kpool.pool.task.time.limit.ms";
    /** How many times a worker retries a failed task unless the task says otherwise. */
    public static final String POOL_TASK_RETRIES = "kpool.pool.task.retries";
    /** The wait before a task's first retry. */
    public static final String POOL_TASK_RETRY_BACKOFF_MS = "kpool.pool.task.retry.backoff.ms";
    /** How much each further wait grows. */
    public static final String POOL_TASK_RETRY_BACKOFF_MULTIPLIER = "kpool.pool.task.retry.backoff.multiplier";
    /** The longest wait between attempts. */
    public static final String POOL_TASK_RETRY_BACKOFF_MAX_MS = "kpool.pool.task.retry.backoff.max.ms";
    /** The random fraction of each wait. */
    public static final String POOL_TASK_RETRY_JITTER = "kpool.pool.task.retry.jitter";
    /** Exception types retried (empty: all). */
    public static final String POOL_TASK_RETRY_ON = "kpool.pool.task.retry.on";
    /** Exception types never retried. */
    public static final String POOL_TASK_NO_RETRY_ON = "kpool.pool.task.no.retry.on";
    /** How long a client waits for a task's result before failing it. */
    public static final String POOL_TASK_TIMEOUT_MS = "kpool.pool.task.timeout.ms";
    /** The most quick tasks a client packs into one record. */
    public static final String POOL_MAX_TASKS_PER_RECORD = "kpool.pool.max.tasks.per.record";
    /** A pool worker's delivery guarantee for results: at-least-once or exactly-once (transactions). */
    public static final String POOL_DELIVERY = "kpool.pool.delivery";
    /** In exactly-once mode, the least time between the starts of two transactions of a pool worker or queue consumer. */
    public static final String TRANSACTION_INTERVAL_MS = "kpool.transaction.interval.ms";
    /** In exactly-once mode, the staged records that start a transaction before the interval is up. */
    public static final String TRANSACTION_MAX_RECORDS = "kpool.transaction.max.records";
    /** How often {@code join} reports progress. */
    public static final String JOIN_PROGRESS_INTERVAL_MS = "kpool.join.progress.interval.ms";
    /** Prefix of a shared dict's topic; the dict's name follows it. */
    public static final String DICT_TOPIC_PREFIX = "kpool.dict.topic.prefix";
    /** How long a shared lock's grant lasts without renewal. */
    public static final String DICT_LOCK_LEASE_MS = "kpool.dict.lock.lease.ms";
    /** How long a shared dict operation waits for its confirmation. */
    public static final String DICT_OPERATION_TIMEOUT_MS = "kpool.dict.operation.timeout.ms";

    /** The definitions; {@code ConfigDef.parse} validates values against them. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(QUEUE_TOPIC, Type.STRING, "kpool-queue", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Topic the queue's items and poison pills travel on.")
            .define(QUEUE_GROUP, Type.STRING, "kpool-consumers", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Consumer group of the queue's consumers; its committed offsets are task_done, and join waits on them.")
            .define(QUEUE_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the queue topic when kpool creates it; one poison pill goes to each.")
            .define(REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.MEDIUM,
                    "Replication factor of the topics kpool creates; -1 takes the broker's default.")
            .define(QUEUE_DEAD_LETTER_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "Topic for records that are not valid queue messages; empty means '<queue topic>.DLT'.")
            .define(QUEUE_BUFFER_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                    "Items a consumer fetches ahead of get(); its partitions pause while the buffer is full.")
            .define(QUEUE_REVOKE_WAIT_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                    "On a rebalance, how long a consumer waits for handed-out items to be marked done before it lets their partitions go.")
            .define(QUEUE_MODE, Type.STRING, "group", ConfigDef.CaseInsensitiveValidString.in("group", "share"), Importance.MEDIUM,
                    "How queue consumers take items: 'group' (a consumer group; partitions are split among consumers, one pill per partition) or 'share' (a share group; every consumer takes items of every partition one by one, one pill per consumer).")
            .define(QUEUE_DELIVERY, Type.STRING, DeliveryGuarantee.AT_LEAST_ONCE.settingValue(),
                    ConfigDef.ValidString.in(DeliveryGuarantee.settingValues()), Importance.LOW,
                    "A queue consumer's commits: at-least-once, or exactly-once (its task_done offsets and the dead letters of invalid records commit in one transaction, fenced by the group generation: a consumer the group moved on from commits nothing).")
            .define(POOL_TASKS_TOPIC, Type.STRING, "kpool-tasks", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Topic pool clients submit tasks to and pool workers take them from.")
            .define(POOL_CALLBACK_TOPIC, Type.STRING, "kpool-callbacks", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Callback topic: workers publish each task's result to the partition its client reads.")
            .define(POOL_GROUP, Type.STRING, "kpool-workers", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Consumer group of the pool workers; more workers in it share the tasks.")
            .define(POOL_TASKS_PARTITIONS, Type.INT, 12, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the tasks topic when kpool creates it: the most worker instances that can share the work.")
            .define(POOL_CALLBACK_PARTITIONS, Type.INT, 16, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the callback topic when kpool creates it; clients spread over them.")
            .define(POOL_STATE_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "Compacted topic keyed by task id where workers record each task's state (STARTED, SUCCESS with its result, FAILURE with its error, EXPIRED) for Pool.result(id) and 'kpool inspect task' in any JVM, e.g. kpool-task-states (kpool's Docker images set it); empty records nothing: two records per task cut quick tasks' throughput about threefold.")
            .define(POOL_RESULT_EXPIRES_MS, Type.LONG, 86_400_000L, Range.atLeast(1), Importance.MEDIUM,
                    "How long task states are kept (Celery's result_expires): the state topic's retention.ms when kpool creates it; after that a task's state reads PENDING.")
            .define(POOL_REPLY_PARTITION, Type.INT, -1, Range.atLeast(-1), Importance.LOW,
                    "The callback partition this client reads its results from; -1 picks one from the client id.")
            .define(POOL_PROCESSES, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                    "Worker threads (the pool's 'processes') of a pool worker; 0 means one per CPU core.")
            .define(POOL_BUFFER_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                    "Tasks a pool worker fetches ahead of its threads; its partitions pause while the buffer is full.")
            .define(POOL_REVOKE_WAIT_MS, Type.LONG, 240_000L, Range.atLeast(0), Importance.LOW,
                    "On a rebalance, how long a pool worker waits for its running tasks' results to be stored before it lets their partitions go (at most 80% of max.poll.interval.ms); a task still running then runs again on the next owner.")
            .define(POOL_MODE, Type.STRING, "group", ConfigDef.CaseInsensitiveValidString.in("group", "share"), Importance.MEDIUM,
                    "How pool workers take tasks: 'group' (a consumer group; at most one worker per partition) or 'share' (a share group; any number of workers and threads on one partition, failed tasks retried up to the delivery limit).")
            .define(SHARE_RECORD_LOCK_MS, Type.LONG, 30_000L, Range.atLeast(1000), Importance.LOW,
                    "In share mode, the share group's record lock (share.record.lock.duration.ms; a default broker allows 15000 to 60000): a record not acknowledged or renewed within it goes to another member. Running work is renewed every half of it.")
            .define(SHARE_DELIVERY_LIMIT, Type.INT, 5, Range.between(2, 10), Importance.LOW,
                    "In share mode, the share group's delivery-count limit (share.delivery.count.limit): a task failing (or its worker dying) on every attempt goes to the dead-letter topic after this many.")
            .define(POOL_MAX_BATCH_TASKS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                    "The most tasks a pool worker runs from one task-batch record; every task of a larger batch fails with a message naming this setting, and none runs.")
            .define(POOL_TASK_TIMEOUT_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "A client fails a task whose result has not come within this time (a late result is logged and dropped); 0 waits forever.")
            .define(POOL_TASK_EXPIRES_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "A client's tasks expire this long after submission unless a call says otherwise (TaskCall.expires): a worker that has not started one by then does not run it and answers FAILURE; 0 means the task timeout if one is set, else never.")
            .define(POOL_TASK_TIME_LIMIT_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "A pool worker interrupts a task running longer than this and answers FAILURE naming the limit (a call's TaskCall.timeLimit, or this key set in its client's own settings, may set a shorter one); 0 means no limit.")
            .define(POOL_TASK_RETRIES, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                    "A pool worker tries a failed task again up to this many times unless the task says otherwise (TaskCall.retries; Celery's max_retries), each retry waiting in a delay-tier topic; past the last, the task goes to '<tasks topic>.DLT' and its client gets the FAILURE; 0 answers FAILURE at once. A client whose own settings set this key (or another kpool.pool.task.* retry key) sends it with every task, overriding the worker's; a key it does not set is left to the worker.")
            .define(POOL_TASK_RETRY_BACKOFF_MS, Type.LONG, 1_000L, Range.atLeast(1), Importance.LOW,
                    "The wait before a task's first retry unless the task says otherwise (Celery's retry_backoff). A client that sets any of the four backoff keys sends the whole backoff, the others at their defaults.")
            .define(POOL_TASK_RETRY_BACKOFF_MULTIPLIER, Type.DOUBLE, 2.0, Range.atLeast(1), Importance.LOW,
                    "Each further retry waits this many times longer than the one before, up to the max.")
            .define(POOL_TASK_RETRY_BACKOFF_MAX_MS, Type.LONG, 600_000L, Range.atLeast(1), Importance.LOW,
                    "The longest wait before a retry (Celery's retry_backoff_max).")
            .define(POOL_TASK_RETRY_JITTER, Type.DOUBLE, 0.2, Range.between(0, 1), Importance.LOW,
                    "Up to this fraction of each wait is left out at random, so tasks failing together do not come back together (Celery's retry_jitter); 0 for exact waits.")
            .define(POOL_TASK_RETRY_ON, Type.LIST, "", Importance.LOW,
                    "Exception class names a worker retries (a subclass counts; Celery's autoretry_for) unless the task says otherwise; empty retries every exception.")
            .define(POOL_TASK_NO_RETRY_ON, Type.LIST, "", Importance.LOW,
                    "Exception class names a worker never retries, even if retry.on names a superclass; an unknown task and bad arguments are never retried.")
            .define(POOL_MAX_TASKS_PER_RECORD, Type.INT, 100, Range.atLeast(1), Importance.LOW,
                    "The most tasks a client packs into one record when it submits faster than it sends; tasks its results show to run under 200 µs are packed, and in a burst (at least 4 tasks per partition) tasks up to 2.5 ms too, about 5 ms of run time to a record; 1 sends one record per task.")
            .define(POOL_DELIVERY, Type.STRING, DeliveryGuarantee.AT_LEAST_ONCE.settingValue(),
                    ConfigDef.ValidString.in(DeliveryGuarantee.settingValues()), Importance.MEDIUM,
                    "A pool worker's delivery of results: at-least-once (a task re-run after a crash may leave two results on the callback topic) or exactly-once (results, retries and DLT records commit in one Kafka transaction with the offsets of the tasks they answer: a read_committed reader sees one result per task).")
            .define(TRANSACTION_INTERVAL_MS, Type.LONG, 5L, Range.atLeast(1), Importance.LOW,
                    "In exactly-once mode (kpool.pool.delivery, kpool.queue.delivery), the least time between the starts of two transactions of a pool worker or queue consumer: a transaction of its finished records' output and offsets begins as soon as something is finished and this much time has passed since the last one began; no transaction stays open while a task runs.")
            .define(TRANSACTION_MAX_RECORDS, Type.INT, 1_000, Range.atLeast(1), Importance.LOW,
                    "In exactly-once mode, a transaction begins before kpool.transaction.interval.ms is up once this many records (results, retries, dead letters) wait for it.")
            .define(JOIN_PROGRESS_INTERVAL_MS, Type.LONG, 2_000L, Range.atLeast(1), Importance.LOW,
                    "How often a waiting join logs its progress.")
            .define(DICT_TOPIC_PREFIX, Type.STRING, "kpool.dict.", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, "A shared dict named N lives on the single-partition topic '<prefix>N'.")
            .define(DICT_LOCK_LEASE_MS, Type.LONG, 10_000L, Range.atLeast(100), Importance.MEDIUM,
                    "How long a shared lock's grant lasts unless its holder renews it (it does, every third of this); a crashed holder's lock frees after this.")
            .define(DICT_OPERATION_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                    "How long a shared dict write waits to see itself applied before it fails (it may still be applied later).");

    private KpoolConfig() {
    }

    /**
     * The settings as a Markdown table (name, default, description), as the README shows it.
     *
     * @return the table, one line per setting, in definition order
     */
    public static String markdownTable() {
        List<String> rows = DEFINITION.configKeys().values().stream()
                .map(key -> "| `%s` | %s | %s |".formatted(key.name, defaultText(key), key.documentation))
                .collect(Collectors.toList());
        return "| setting | default | what it does |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text == null || text.isEmpty() ? "(empty)" : "`" + text + "`";
    }
}
