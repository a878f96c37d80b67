package dev.s3notifications.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cold-start baseline's stand-ins (src/test/baseline, compiled to target/baseline-classes) replace the
 * function's classes of the same names in the baseline's task root, so each must offer every public method of the
 * class it replaces, with the same signature: the function's classes call them, and a missing one would only show as
 * a NoSuchMethodError in the middle of a benchmark.
 */
class BaselineClassesTest {
    private static final Path BASELINE_CLASSES = Path.of("target/baseline-classes");

    @Test
    void everyStandInHasThePublicMethodsOfTheClassItReplaces() throws Exception {
        List<String> names = standIns();
        assertThat(names).contains("dev.s3notifications.wiring.AwsClients", "dev.s3notifications.xml.S3Documents");
        try (var loader = new StandInLoader(names)) {
            for (String name : names) {
                assertThat(publicMethods(loader.loadClass(name))).as(name)
                        .isEqualTo(publicMethods(Class.forName(name)));
            }
        }
    }

    private static List<String> standIns() throws IOException {
        try (Stream<Path> files = Files.walk(BASELINE_CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .map(f -> BASELINE_CLASSES.relativize(f).toString().replace(".class", "").replace('/', '.'))
                    .sorted().toList();
        }
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(BaselineClassesTest::signature).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method method) {
        return (Modifier.isStatic(method.getModifiers()) ? "static " : "") + method.getReturnType().getName() + " "
                + method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Loads the stand-ins from target/baseline-classes, and everything else as the tests do. */
    private static final class StandInLoader extends URLClassLoader {
        private final List<String> standIns;

        StandInLoader(List<String> standIns) throws MalformedURLException {
            super(new URL[] {BASELINE_CLASSES.toUri().toURL()}, BaselineClassesTest.class.getClassLoader());
            this.standIns = standIns;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!standIns.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
