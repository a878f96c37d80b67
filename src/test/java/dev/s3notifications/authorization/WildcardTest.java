package dev.s3notifications.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

    @ParameterizedTest(name = "{0} ~ {1} (ignore case {2}) = {3}")
    @CsvSource({
            "s3:GetBucketNotification, s3:GetBucketNotification, false, true",
            "s3:*, s3:PutBucketNotification, false, true",
            "*, s3:PutBucketNotification, false, true",
            "s3:Get*, s3:GetBucketNotification, false, true",
            "s3:Get*, s3:PutBucketNotification, false, false",
            "s3:?etBucketPolicy, s3:GetBucketPolicy, false, true",
            "s3:?etBucketPolicy, s3:DeleteBucketPolicy, false, false",
            "s3:getbucketnotification, s3:GetBucketNotification, true, true",
            "s3:getbucketnotification, s3:GetBucketNotification, false, false",
            "arn:aws:s3:::photos, arn:aws:s3:::photos, false, true",
            "arn:aws:s3:::photos, arn:aws:s3:::photos2, false, false",
            "arn:aws:s3:::photo*, arn:aws:s3:::photos, false, true",
            "arn:aws:s3:::photos/*, arn:aws:s3:::photos, false, false",
            "arn:aws:s3:::*/*, arn:aws:s3:::photos, false, false",
            "a*b*c, aXXbYYc, false, true",
            "a*b*c, aXXbYY, false, false",
            "'', '', false, true",
            "*, '', false, true",
    })
    void matchesAsIamDoes(String pattern, String value, boolean ignoreCase, boolean expected) {
        assertThat(Wildcard.matches(pattern, value, ignoreCase)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aHostilePatternStaysFast() {
        String value = "a".repeat(20_000);
        assertThat(Wildcard.matches("*a*a*a*a*a*a*a*a*a*b", value, false)).isFalse();
    }
}
