package nautilus.autoupdate.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import nautilus.autoupdate.UserError;

/**
 * An exclusive lock on {@code <state_dir>/run.lock} so two overlapping cron runs never work at
 * once. The OS releases it when the process dies, so a crashed run never leaves a stale lock.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or empty when another run holds it. */
  public static Optional<RunLock> tryAcquire(Path stateDir) {
    Path file = stateDir.resolve("run.lock");
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
      return Optional.of(new RunLock(ch, l));
    } catch (IOException e) {
      throw new UserError("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UserError("cannot release the run lock: " + e.getMessage(), e);
    }
  }
}
