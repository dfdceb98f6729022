package io.kpool.queue;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** A test consumer's loop: takes items, records each and marks it done, until the poison pills stop it. */
final class QueueEater {
    private QueueEater() {
    }

    /**
     * @param queue an open consumer
     * @param eaten where each item's text goes
     * @return how many items it ate before every partition it owned was poisoned
     */
    static int eatUntilPills(QueueConsumer queue, Collection<String> eaten) {
        int count = 0;
        while (true) {
            Optional<QueueItem> item;
            try {
                item = queue.get(Duration.ofMillis(200));
            } catch (QueueShutDownException e) {
                return count;
            }
            if (item.isPresent()) {
                eaten.add(item.get().text());
                queue.taskDone(item.get());
                count++;
            }
        }
    }
}
