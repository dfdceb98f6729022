package io.kpool.test.kafka;

import io.kpool.test.kafka.internal.BrokerSelection;
import io.kpool.test.kafka.internal.SharedTestKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a real Kafka broker as a {@link TestKafka} parameter:
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class QueueIT {
 *     @Test
 *     void deliversEveryItem(TestKafka kafka) {
 *         String topic = kafka.createTopic("queue", 6);
 *     }
 * }
 * }</pre>
 *
 * <p>The broker is chosen and started once per JVM, on first use, and stopped when the test run ends:
 * <ol>
 *   <li>the broker named by the environment variable {@code KAFKA_BOOTSTRAP_SERVERS}, if set;</li>
 *   <li>else as the system property {@code kpool.test.broker} says: {@code docker} (Testcontainers, image from
 *       {@code kpool.kafka.image}, default {@code apache/kafka:<Kafka version>}), {@code embedded} (the in-JVM
 *       {@code kafka-local} broker), or {@code auto}, the default: Docker when it answers and the container starts
 *       (the image present or pullable), else embedded.</li>
 * </ol>
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    /**
     * Creates the extension; JUnit calls this.
     */
    public KafkaBrokerExtension() {
    }

    /**
     * Resolves parameters of type {@link TestKafka}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test or container
     * @return whether the parameter is a {@link TestKafka}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestKafka.class;
    }

    /**
     * Returns the JVM's broker, starting it on first use. It lives in the root context's store, which closes
     * it (admin client, then broker) when the test run ends.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test or container
     * @return the shared {@link TestKafka}
     */
    @Override
    public TestKafka resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedTestKafka.class, key -> new SharedTestKafka(BrokerSelection.start()),
                        SharedTestKafka.class);
    }
}
