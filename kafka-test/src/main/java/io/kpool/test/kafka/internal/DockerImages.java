package io.kpool.test.kafka.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure an image is on the Docker engine before a container is started from it, with a single pull attempt.
 * Testcontainers itself retries a failing pull for two minutes per container, which on a machine without a registry
 * only delays the fall-back to the embedded broker.
 */
final class DockerImages {
    private DockerImages() {
    }

    /**
     * Whether the engine has the image, pulling it once if it does not.
     *
     * @param image       an image reference, e.g. {@code apache/kafka:4.4.0}
     * @param pullTimeout how long the one pull may take
     * @return a short reason why the image cannot be had, or {@code null} if it is there
     */
    static String whyUnavailable(String image, Duration pullTimeout) {
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.inspectImageCmd(image).exec();
            return null;
        } catch (NotFoundException notLocal) {
            return pullOnce(client, DockerImageName.parse(image), pullTimeout);
        }
    }

    private static String pullOnce(DockerClient client, DockerImageName image, Duration timeout) {
        try {
            boolean done = client.pullImageCmd(image.getUnversionedPart()).withTag(image.getVersionPart())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return done ? null : "pulling " + image.asCanonicalNameString() + " took more than " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while pulling " + image.asCanonicalNameString();
        } catch (RuntimeException e) {
            return "not on this Docker engine and pulling it failed: " + String.valueOf(e.getMessage()).strip();
        }
    }
}
