package io.kpool.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Waits until a consumer group has its members and every partition assigned, so no timing includes a rebalance. */
final class GroupReady {
    private GroupReady() {
    }

    /**
     * @param servers the broker
     * @param group the consumer group
     * @param members how many members it must have, each owning at least one partition
     * @param partitions how many partitions they must own together
     */
    static void await(String servers, String group, int members, int partitions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            String state = "";
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description = describe(admin, group);
                state = describe(description);
                if (ready(description, members, partitions)) {
                    return;
                }
                if (System.nanoTime() > nextReport) {
                    System.out.printf("   waiting for group %s: %d member(s) wanted, %s%n", group, members, state);
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IllegalStateException("Group " + group + " did not settle on " + members + " member(s) in 120 s: " + state);
        }
    }

    /** @return the group, or null while no member has joined it yet */
    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private static boolean ready(ConsumerGroupDescription description, int members, int partitions) {
        if (description == null || description.members().size() != members) {
            return false;
        }
        int owned = 0;
        for (MemberDescription member : description.members()) {
            int count = member.assignment().topicPartitions().size();
            if (count == 0) {
                return false;
            }
            owned += count;
        }
        return owned == partitions;
    }

    private static String describe(ConsumerGroupDescription description) {
        if (description == null) {
            return "no group yet";
        }
        return description.members().size() + " member(s) owning " + description.members().stream()
                .map(member -> Integer.toString(member.assignment().topicPartitions().size())).toList() + " partition(s)";
    }
}
