package dev.s3notifications.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void configurationCacheLivesFiveSecondsUnlessConfigured() {
        assertThat(Settings.from(Map.of()).configurationCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Settings.from(Map.of("CONFIGURATION_CACHE_TTL_SECONDS", "30")).configurationCacheTtl())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.from(Map.of("CONFIGURATION_CACHE_TTL_SECONDS", "0")).configurationCacheTtl()).isZero();
    }

    @Test
    void primesAtInitUnlessToldFalse() {
        assertThat(Settings.from(Map.of()).primeAtInit()).isTrue();
        assertThat(Settings.from(Map.of("PRIME_AT_INIT", "true")).primeAtInit()).isTrue();
        assertThat(Settings.from(Map.of("PRIME_AT_INIT", "FALSE")).primeAtInit()).isFalse();
        assertThat(Settings.from(Map.of("PRIME_AT_INIT", " false ")).primeAtInit()).isFalse();
    }

    @Test
    void takesCredentialsFromTheEnvironmentWhenLambdaPutThemThereAndNoSnapshotIsTaken() {
        Map<String, String> keys = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
        assertThat(Settings.from(keys).environmentCredentials()).isTrue();
        assertThat(Settings.from(with(keys, "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")).environmentCredentials()).isTrue();
        assertThat(Settings.from(with(keys, "AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))
                .environmentCredentials()).isTrue();
        assertThat(Settings.from(with(keys, "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")).environmentCredentials()).isFalse();
        assertThat(Settings.from(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")).environmentCredentials()).isFalse();
        assertThat(Settings.from(Map.of()).environmentCredentials()).isFalse();
        assertThat(Settings.from(with(keys, "AWS_SECRET_ACCESS_KEY", " ")).environmentCredentials()).isFalse();
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        var copy = new java.util.HashMap<>(map);
        copy.put(name, value);
        return copy;
    }

    @Test
    void refusesAFlagThatIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> Settings.from(Map.of("PRIME_AT_INIT", "flase")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PRIME_AT_INIT is true or false, not flase");
    }

    @Test
    void rejectsANegativeCacheLifetime() {
        assertThatThrownBy(() -> Settings.from(Map.of("CONFIGURATION_CACHE_TTL_SECONDS", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONFIGURATION_CACHE_TTL_SECONDS");
    }
}
