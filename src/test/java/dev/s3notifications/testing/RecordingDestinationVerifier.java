package dev.s3notifications.testing;

import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link DestinationVerifier} that knows a fixed set of missing topics and records every test event "sent". */
public final class RecordingDestinationVerifier implements DestinationVerifier {
    private final Map<String, String> failingTopics = new HashMap<>();
    public final List<String> testMessagesSentTo = new ArrayList<>();

    public RecordingDestinationVerifier failing(String topicArn, String reason) {
        failingTopics.put(topicArn, reason);
        return this;
    }

    @Override
    public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
        List<Argument> failures = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        destinations.stream().filter(d -> d.type() == DestinationType.TOPIC).map(DestinationConfiguration::arn).distinct()
                .forEach(arn -> {
                    if (failingTopics.containsKey(arn)) {
                        failures.add(new Argument(arn, failingTopics.get(arn)));
                    } else {
                        testMessagesSentTo.add(arn);
                        ids.put(arn, "test-message-" + testMessagesSentTo.size());
                    }
                });
        return new Verification(failures, ids);
    }
}
