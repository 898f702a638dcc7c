package nautilus.autoupdate.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the repository lock on a thread of its own, as another command would, so a test can run a
 * command in-process on its own thread against it.
 */
public final class LockHolder {
  private LockHolder() {}

  /** Takes the lock for {@code command}; closing the result releases it. */
  public static AutoCloseable hold(Path stateDir, String command) throws InterruptedException {
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              try (RunLock l = RunLock.tryAcquire(stateDir, command).orElseThrow()) {
                taken.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "holds " + stateDir);
    t.start();
    assertThat(taken.await(10, TimeUnit.SECONDS)).as("lock taken").isTrue();
    return () -> {
      release.countDown();
      t.join(10_000);
    };
  }
}
