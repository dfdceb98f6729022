package io.kpool.pool.internal.wire;

import java.time.Duration;
import java.util.List;

/**
 * The delay tiers of a tasks topic: a retry waits in the topic {@code <tasks>.retry.<tier>} of the
 * longest tier no longer than its delay (delays under 5 s in the first), until the time its
 * {@link PoolHeaders#DUE_AT} header names. A tier's records are due in nearly the order they were
 * stored, so a tier's consumer can hold a partition paused until its head is due; it holds one head at most
 * {@link #holdLimit} (the next tier's delay; the last tier's own), so a record waits at most that long behind one
 * stored before it, whatever that one's due time says.
 */
public final class RetryTiers {
    /** The tiers: their names and delays, shortest first. */
    public static final List<Tier> TIERS = List.of(new Tier("1s", Duration.ofSeconds(1)), new Tier("5s", Duration.ofSeconds(5)),
            new Tier("30s", Duration.ofSeconds(30)), new Tier("2m", Duration.ofMinutes(2)), new Tier("10m", Duration.ofMinutes(10)),
            new Tier("1h", Duration.ofHours(1)));

    /**
     * One tier.
     *
     * @param name its topic's suffix
     * @param delay the shortest delay it is for (but the first, which takes every shorter one too)
     */
    public record Tier(String name, Duration delay) {
    }

    private RetryTiers() {
    }

    /**
     * @param tasksTopic the tasks topic
     * @param delay a retry's delay
     * @return the tier topic it waits in
     */
    public static String topic(String tasksTopic, Duration delay) {
        Tier chosen = TIERS.get(0);
        for (Tier tier : TIERS) {
            if (tier.delay().compareTo(delay) <= 0) {
                chosen = tier;
            }
        }
        return tasksTopic + ".retry." + chosen.name();
    }

    /**
     * @param tierTopic a tier topic ({@link #topics})
     * @return the longest a tier consumer holds that topic's head: the next tier's delay, or the last tier's own
     *     (also for a topic that is no tier's)
     */
    public static Duration holdLimit(String tierTopic) {
        for (int i = 0; i < TIERS.size() - 1; i++) {
            if (tierTopic.endsWith(".retry." + TIERS.get(i).name())) {
                return TIERS.get(i + 1).delay();
            }
        }
        return TIERS.get(TIERS.size() - 1).delay();
    }

    /**
     * @param tasksTopic the tasks topic
     * @return its tier topics, shortest delay first
     */
    public static List<String> topics(String tasksTopic) {
        return TIERS.stream().map(tier -> tasksTopic + ".retry." + tier.name()).toList();
    }
}
