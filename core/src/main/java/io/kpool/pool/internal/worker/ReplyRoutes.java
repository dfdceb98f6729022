package io.kpool.pool.internal.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a task's result can go where its headers say: a legal topic name that exists, and a partition
 * of it. Checked before the task runs, so that a task whose answer could never be delivered is
 * dead-lettered at once instead of running, then blocking the worker's producer on a topic or partition
 * that does not exist. Partition counts are looked up with the admin client and kept for a while; a
 * lookup that fails for another reason (the broker is away) lets the task through.
 */
final class ReplyRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyRoutes.class);
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KNOWN_FOR = Duration.ofMinutes(1);
    private static final Duration UNKNOWN_FOR = Duration.ofSeconds(10);

    private final Admin admin;
    private final String tasksTopic;
    private final Clock clock;
    private final Map<String, PartitionCount> counts = new ConcurrentHashMap<>();

    /** A topic's partition count (0: the topic does not exist) and until when it is trusted. */
    private record PartitionCount(int count, Instant until) {
    }

    /**
     * @param admin looks up partition counts
     * @param tasksTopic the worker's tasks topic, which is never a reply topic
     * @param clock says how long a lookup is trusted
     */
    ReplyRoutes(Admin admin, String tasksTopic, Clock clock) {
        this.admin = admin;
        this.tasksTopic = tasksTopic;
        this.clock = clock;
    }

    /**
     * @param topic the reply topic
     * @param partition the reply partition, or null to let the producer choose by key
     * @return null if a result can go there, else why not (for the dead letter)
     */
    String problem(String topic, Integer partition) {
        if (!LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return "reply topic '" + topic + "' is no legal topic name (1-249 of a-z A-Z 0-9 . _ -)";
        }
        if (topic.equals(tasksTopic)) {
            return "reply topic '" + topic + "' is the tasks topic";
        }
        if (partition != null && partition < 0) {
            return "reply partition " + partition + " is negative";
        }
        int count = partitionCount(topic);
        if (count == 0) {
            return "reply topic '" + topic + "' does not exist";
        }
        if (partition != null && count > 0 && partition >= count) {
            return "reply partition " + partition + " does not exist: topic '" + topic + "' has " + count + " partition(s)";
        }
        return null;
    }

    /** @return the partition count, 0 if the topic does not exist, -1 if it could not be learnt */
    private int partitionCount(String topic) {
        Instant now = clock.instant();
        PartitionCount known = counts.get(topic);
        if (known != null && now.isBefore(known.until())) {
            return known.count();
        }
        try {
            int count = admin.describeTopics(List.of(topic)).allTopicNames().get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            counts.put(topic, new PartitionCount(count, now.plus(KNOWN_FOR)));
            return count;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof InvalidTopicException) {
                counts.put(topic, new PartitionCount(0, now.plus(UNKNOWN_FOR)));
                return 0;
            }
            LOG.warn("Cannot look up reply topic '{}' ({}); its tasks run and their results are sent", topic, e.getCause().toString());
            return -1;
        } catch (TimeoutException e) {
            LOG.warn("No answer in {} about reply topic '{}'; its tasks run and their results are sent", LOOKUP_TIMEOUT, topic);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
