package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker kafka-local cluster, each broker its own process, loses one broker to SIGKILL mid-run (the one
 * coordinating the workers' group): nothing is lost or run twice, and results pause no longer than Kafka takes to
 * fence the dead broker and elect new leaders.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerLossIT {
    private static final int BROKERS = 3;
    /** How much longer than the election the clients may take to find the new leaders (metadata refresh, backoff). */
    private static final double CLIENT_SLACK_SECONDS = 5;

    @Test
    void losingOneBrokerOfThreeLosesNothingAndPausesOnlyForTheLeaderElection(@TempDir Path dataDir) throws Exception {
        BrokerFaults.assumeNotOnDockerStage();
        int base = BrokerProcess.freePorts(2 * BROKERS);
        List<BrokerProcess> brokers = new ArrayList<>();
        try {
            for (int node = 1; node <= BROKERS; node++) {
                brokers.add(BrokerProcess.launch("broker-" + node, dataDir, base, "--brokers", Integer.toString(BROKERS),
                        "--node", Integer.toString(node), "--controller-port", Integer.toString(base + BROKERS)));
            }
            brokers.forEach(BrokerProcess::awaitReady);
            String servers = "localhost:" + base + ",localhost:" + (base + 1) + ",localhost:" + (base + 2);
            try (ProcessKafka kafka = new ProcessKafka(servers); PoolFaultRun run = new PoolFaultRun(kafka, 4)) {
                assertReplicatedThreeTimesWithTwoInSync(kafka, run.tasksTopic());
                run.worker("w1");
                run.worker("w2");
                run.submit(200, 0.2);
                run.awaitResults(20);
                int victim = kafka.admin().describeConsumerGroups(List.of(run.group())).all().get(30, TimeUnit.SECONDS)
                        .get(run.group()).coordinator().id();
                long inFlight = run.pending();
                long killedAt = System.nanoTime();
                brokers.get(victim - 1).kill();
                double election = awaitLeadersWithout(kafka, victim, List.of(run.tasksTopic(), run.callbackTopic()), killedAt);
                run.submit(40, 0.2);

                CallbackResults topic = run.settle();

                BrokerFaultFigures figures = run.figures("kill 1 of 3 brokers (the group coordinator)", topic, 1, inFlight);
                System.out.println(String.format(Locale.ROOT, "FAULT MATRIX | kill 1 of 3 brokers | node %d killed"
                        + " | leaders elected and ISRs shrunk %.1f s after the kill | longest gap between results %.1f s",
                        victim, election, figures.longestGapSeconds()));
                run.assertEveryTaskAnsweredOnceAndRunOnce(figures, topic);
                assertThat(figures.longestGapSeconds()).as("longest pause between results (s) vs the election")
                        .isLessThanOrEqualTo(election + CLIENT_SLACK_SECONDS);
            }
        } finally {
            brokers.forEach(BrokerProcess::close);
        }
    }

    private static void assertReplicatedThreeTimesWithTwoInSync(ProcessKafka kafka, String topic) throws Exception {
        TopicDescription description = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(BROKERS));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs = kafka.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
        assertThat(configs.get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
    }

    /** @return seconds from the kill until every partition of the topics has a leader other than the dead node and no ISR holds it */
    private static double awaitLeadersWithout(ProcessKafka kafka, int deadNode, List<String> topics, long killedAt) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            Map<String, TopicDescription> descriptions = kafka.admin().describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            return descriptions.values().stream().flatMap(d -> d.partitions().stream()).allMatch(p -> movedOff(p, deadNode));
        });
        return (System.nanoTime() - killedAt) / 1e9;
    }

    private static boolean movedOff(TopicPartitionInfo partition, int deadNode) {
        return partition.leader() != null && partition.leader().id() != deadNode
                && partition.isr().stream().noneMatch(node -> node.id() == deadNode);
    }
}
