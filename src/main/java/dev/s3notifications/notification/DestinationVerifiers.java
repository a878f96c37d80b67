package dev.s3notifications.notification;

import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies each kind of destination with the verifier for it (topics and queues by their test message, functions
 * by their permission) and reports the failures in S3's order: topics, then queues, then functions, each in the
 * order of the configuration. A kind without a verifier is accepted as it is.
 */
public final class DestinationVerifiers implements DestinationVerifier {
    private final Map<DestinationType, DestinationVerifier> verifiers;

    public DestinationVerifiers(Map<DestinationType, DestinationVerifier> verifiers) {
        this.verifiers = new EnumMap<>(verifiers);
    }

    @Override
    public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
        List<Argument> failures = new ArrayList<>();
        Map<String, String> testMessageIds = new LinkedHashMap<>();
        for (DestinationType type : DestinationType.values()) {
            DestinationVerifier verifier = verifiers.get(type);
            List<DestinationConfiguration> ofType = destinations.stream().filter(d -> d.type() == type).toList();
            if (verifier == null || ofType.isEmpty()) {
                continue;
            }
            Verification verification = verifier.verify(ofType, testMessage);
            failures.addAll(verification.failures());
            testMessageIds.putAll(verification.testMessageIds());
        }
        return new Verification(failures, testMessageIds);
    }
}
