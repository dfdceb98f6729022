package io.kpool.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The items consumer-app processes say they ate, read from their {@code <name> ate <item>} log lines. */
final class EatenItems {
    private static final Pattern ATE = Pattern.compile("INFO\\s+(\\S+) ate (.+)$");

    private EatenItems() {
    }

    /** @return every item the consumers ate, as often as they ate it */
    static List<String> by(List<ServiceProcess> consumers) {
        List<String> items = new ArrayList<>();
        for (ServiceProcess consumer : consumers) {
            for (String line : consumer.lines()) {
                Matcher matcher = ATE.matcher(line);
                if (matcher.find()) {
                    items.add(matcher.group(2));
                }
            }
        }
        return items;
    }
}
