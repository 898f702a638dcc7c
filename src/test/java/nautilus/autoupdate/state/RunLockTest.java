package nautilus.autoupdate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.ProcessStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void theHolderWritesWhoItIs() throws Exception {
    try (RunLock held = RunLock.tryAcquire(dir, "update").orElseThrow()) {
      ProcessStamp h = RunLock.holder(dir).orElseThrow();
      assertThat(h.command()).isEqualTo("update");
      assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(h.describe()).startsWith("update (pid " + h.pid() + ", started ");
      assertThat(Files.readString(RunLock.file(dir))).contains("command=update");
    }
  }

  @Test
  void aSecondCommandWaitsSaysForWhomAndGetsTheLockWhenTheFirstEnds() throws Exception {
    List<Optional<ProcessStamp>> heard = new CopyOnWriteArrayList<>();
    RunLock first = RunLock.tryAcquire(dir, "update").orElseThrow();
    CompletableFuture<RunLock> second =
        CompletableFuture.supplyAsync(
            () -> RunLock.acquire(dir, "fix", Duration.ofSeconds(20), heard::add));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heard.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(heard).hasSize(1);
    assertThat(heard.get(0)).map(ProcessStamp::command).contains("update");
    assertThat(second).isNotDone();
    first.close();
    try (RunLock got = second.get(10, TimeUnit.SECONDS)) {
      assertThat(RunLock.holder(dir)).map(ProcessStamp::command).contains("fix");
    }
  }

  @Test
  void askingAgainOnTheThreadThatHoldsItFailsAtOnceInsteadOfWaitingForItself() {
    try (RunLock held = RunLock.tryAcquire(dir, "run").orElseThrow()) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> RunLock.acquire(dir, "dispatch", Duration.ofSeconds(30), h -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("its own thread already holds");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
    try (RunLock again = RunLock.tryAcquire(dir, "run").orElseThrow()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void whenTheWaitRunsOutTheErrorNamesTheHolder() throws Exception {
    try (AutoCloseable held = LockHolder.hold(dir, "dispatch")) {
      assertThatThrownBy(() -> RunLock.acquire(dir, "update", Duration.ofMillis(400), h -> {}))
          .isInstanceOf(RunLock.Held.class)
          .hasMessageStartingWith("update: dispatch (pid " + ProcessHandle.current().pid())
          .hasMessageContaining("holds the repository lock " + RunLock.file(dir))
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> RunLock.acquire(dir, "update", Duration.ZERO, h -> {}))
          .isInstanceOf(RunLock.Held.class)
          .hasMessageNotContaining("waited");
    }
  }

  @Test
  void aStampOfAGoneProcessDoesNotCountAsTheHolder() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Files.createDirectories(dir);
    Files.writeString(
        RunLock.file(dir),
        new ProcessStamp("update", p.pid(), p.info().startInstant().orElse(null)).format());
    assertThat(RunLock.holder(dir)).isEmpty();
    assertThat(ProcessStamp.parse("garbage")).isEmpty();
    assertThat(ProcessStamp.parse(null)).isEmpty();
    ProcessStamp me = ProcessStamp.current("run");
    assertThat(ProcessStamp.parse(me.format())).contains(me);
    assertThat(me.alive()).isTrue();
  }
}
