package nautilus.autoupdate.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.ProcessStamp;
import nautilus.autoupdate.UserError;

/**
 * The repository lock: an exclusive OS lock on {@code <state_dir>/run.lock}, taken by {@code run},
 * {@code update}, {@code fix} and {@code dispatch}, so two of them never work on one repository at
 * once. The OS releases it when the process dies, so a crashed command never leaves a stale lock.
 * The holder writes who it is (command, pid, start time) into the file, so a waiting command can
 * say whom it waits for; the content only counts while the lock is held.
 */
public final class RunLock implements AutoCloseable {
  /** How often a waiting command tries again. */
  private static final Duration POLL = Duration.ofMillis(150);

  /** How long a waiter gives a new holder to write its name before announcing it as unknown. */
  private static final Duration NAME_GRACE = Duration.ofSeconds(1);

  /**
   * Which thread holds which lock file in this JVM: a step inside {@code run} that asked for the
   * lock again would otherwise wait for itself until lock_wait_seconds ran out.
   */
  private static final java.util.Map<Path, Thread> HELD =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final FileChannel channel;
  private final FileLock lock;
  private final Path file;

  private RunLock(FileChannel channel, FileLock lock, Path file) {
    this.channel = channel;
    this.lock = lock;
    this.file = file;
  }

  /** The lock was still held by another command when the wait ran out. */
  public static final class Held extends UserError {
    private final transient Optional<ProcessStamp> holder;

    Held(String message, Optional<ProcessStamp> holder) {
      super(message);
      this.holder = holder;
    }

    public Optional<ProcessStamp> holder() {
      return holder;
    }
  }

  public static Path file(Path stateDir) {
    return stateDir.resolve("run.lock");
  }

  /** The lock for a {@code run}, or empty when another command holds it. */
  public static Optional<RunLock> tryAcquire(Path stateDir) {
    return tryAcquire(stateDir, "run");
  }

  /** The lock for {@code command}, or empty when another command holds it. */
  public static Optional<RunLock> tryAcquire(Path stateDir, String command) {
    Path file = file(stateDir).toAbsolutePath().normalize();
    if (HELD.get(file) == Thread.currentThread()) {
      throw new IllegalStateException(
          command + " asked for the repository lock " + file + " its own thread already holds");
    }
    try {
      Files.createDirectories(stateDir);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return Optional.empty();
      }
      try {
        byte[] me = ProcessStamp.current(command).format().getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me), 0);
        ch.force(false);
      } catch (IOException e) {
        l.release();
        ch.close();
        throw e;
      }
      HELD.put(file, Thread.currentThread());
      return Optional.of(new RunLock(ch, l, file));
    } catch (IOException e) {
      throw new UserError("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lock for {@code command}, waiting up to {@code wait} while another command holds it; {@code
   * waiting} hears once whom it waits for (empty when the holder has not named itself). Throws
   * {@link Held}, naming the holder, when the wait runs out.
   */
  public static RunLock acquire(
      Path stateDir, String command, Duration wait, Consumer<Optional<ProcessStamp>> waiting) {
    long start = System.nanoTime();
    boolean announced = false;
    while (true) {
      Optional<RunLock> l = tryAcquire(stateDir, command);
      if (l.isPresent()) {
        return l.get();
      }
      Optional<ProcessStamp> holder = holder(stateDir);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      boolean timeUp = waited.compareTo(wait) >= 0;
      if (!announced && !timeUp && (holder.isPresent() || waited.compareTo(NAME_GRACE) >= 0)) {
        waiting.accept(holder);
        announced = true;
      }
      if (timeUp) {
        throw new Held(
            command
                + ": "
                + holder.map(ProcessStamp::describe).orElse("another command")
                + " holds the repository lock "
                + file(stateDir)
                + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
                + "; try again when it has finished, or raise lock_wait_seconds",
            holder);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError(command + ": interrupted while waiting for the repository lock", e);
      }
    }
  }

  /**
   * Who holds the lock, as it wrote itself into the file: empty when it has not yet, or when what
   * the file says names a process that is gone (a previous holder's leftover).
   */
  public static Optional<ProcessStamp> holder(Path stateDir) {
    try {
      return ProcessStamp.parse(Files.readString(file(stateDir), StandardCharsets.UTF_8))
          .filter(ProcessStamp::alive);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    HELD.remove(file);
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UserError("cannot release the run lock: " + e.getMessage(), e);
    }
  }
}
