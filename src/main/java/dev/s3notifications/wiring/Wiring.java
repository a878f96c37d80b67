package dev.s3notifications.wiring;

import dev.s3notifications.api.S3Api;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.sns.SnsDestinationVerifier;
import java.time.Clock;

/** The composition root: builds each function's collaborators once, from {@link Settings}. */
public final class Wiring {
    private Wiring() {
    }

    public static S3Api api(Settings settings) {
        var limits = new NotificationConfigurationValidator.Limits(settings.maxConfigurations(),
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        return new S3Api(
                new DynamoDbBucketStore(AwsClients.dynamoDb(settings), settings.bucketsTable()),
                new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId),
                new SnsDestinationVerifier(AwsClients.sns(settings)),
                settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC());
    }
}
