package dev.s3notifications.priming;

import dev.s3notifications.json.JsonValues;
import dev.s3notifications.notification.Arn;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.NotificationConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The sample events init priming sends: files of {@code events/} (what an S3 client sent through API Gateway, and
 * what the object-events queue delivered, as the tests and {@code scripts/invoke} use them), which the pom packages
 * into the zip as {@code priming/api/…} and {@code priming/sqs/…}.
 */
final class Samples {
    /** The region the samples were recorded in: their signatures' credential scopes and their ARNs name it. */
    static final String REGION = "us-east-1";
    /** SNS topic names are letters, digits, hyphens and underscores (and a ".fifo" end): SNS refuses this one. */
    private static final String IMPOSSIBLE_TOPIC = "s3-notifications-priming.invalid";

    private Samples() {
    }

    /** The sample {@code name} ({@code api/create-bucket.json}), a fresh copy each time. */
    static Map<String, Object> load(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/priming/" + name)) {
            if (in == null) {
                throw new IllegalStateException("priming/" + name + " is not on the class path (the pom copies it from events/)");
            }
            return JsonValues.readObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member {@code name} of a JSON object that must be an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    /**
     * {@code configuration} with every topic renamed to one SNS refuses, in {@code region} (and its partition) and
     * the same account: the n-th topic (from 1) is {@code s3-notifications-priming.invalid} and {@code suffix(n)}.
     */
    static NotificationConfiguration withImpossibleTopics(NotificationConfiguration configuration, String region,
            IntFunction<String> suffix) {
        List<DestinationConfiguration> destinations = new ArrayList<>();
        int topics = 0;
        for (DestinationConfiguration d : configuration.destinations()) {
            if (d.type() == DestinationType.TOPIC) {
                Arn topic = Arn.parse(d.arn());
                String arn = String.join(":", "arn", Arn.partitionOf(region), topic.service(), region,
                        topic.accountId(), IMPOSSIBLE_TOPIC + suffix.apply(++topics));
                d = new DestinationConfiguration(d.type(), d.id(), arn, d.events(), d.filterRules(), d.invocationRole());
            }
            destinations.add(d);
        }
        return new NotificationConfiguration(destinations, configuration.eventBridgeEnabled());
    }
}
