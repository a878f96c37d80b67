package dev.s3notifications.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InitThreadTest {

    @Test
    void runsTheWorkOnAThreadOfItsOwnWhereTheFunctionsClassesLoadThroughTheApplicationClassLoader() {
        assertThat(InitThread.OVERLAPS).as("the tests' classes, like the task root on the class path").isTrue();

        assertThat(InitThread.start("init-thread-test", () -> Thread.currentThread().getName()).join())
                .isEqualTo("init-thread-test");
    }

    @Test
    void runsTheWorkAtOnceOnTheCallersThreadWhereASecondThreadWouldOnlyWait() {
        String caller = Thread.currentThread().getName();

        assertThat(InitThread.start("init-thread-test", () -> Thread.currentThread().getName(), false).join())
                .isEqualTo(caller);
    }

    @Test
    void throwsWhatTheWorkThrewWhereItIsJoined() {
        var failed = new IllegalStateException("no region");
        var broken = new LinkageError("missing class");

        assertThatThrownBy(() -> InitThread.start("init-thread-test", () -> {
            throw failed;
        }).join()).isSameAs(failed);
        assertThatThrownBy(() -> InitThread.start("init-thread-test", () -> {
            throw broken;
        }, false).join()).isSameAs(broken);
    }
}
