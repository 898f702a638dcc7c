package nautilus.autoupdate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who made something: a command, its process id and the process's start time, as written into the
 * repository lock and beside each worktree. The start time tells a live owner from a later process
 * that happens to reuse its pid.
 */
public record ProcessStamp(String command, long pid, Instant started) {
  /** The OS measures start times in clock ticks; two readings of one process agree to this. */
  private static final Duration SAME_START = Duration.ofSeconds(2);

  /** This process, doing {@code command}. */
  public static ProcessStamp current(String command) {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessStamp(command, self.pid(), self.info().startInstant().orElse(null));
  }

  /** Whether the process is still running (and is the same one, not a reused pid). */
  public boolean alive() {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    Optional<Instant> start = h.get().info().startInstant();
    if (started == null || start.isEmpty()) {
      return true; // cannot tell a reused pid: keep what may still be in use
    }
    return Duration.between(started, start.get()).abs().compareTo(SAME_START) <= 0;
  }

  /** "update (pid 4242, started 2026-12-03T08:52:16Z)". */
  public String describe() {
    return (command == null ? "another command" : command)
        + " (pid "
        + pid
        + (started == null
            ? ""
            : ", started " + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + ")";
  }

  /** As stored: {@code key=value} lines. */
  public String format() {
    return "command="
        + (command == null ? "" : command)
        + "\npid="
        + pid
        + "\nstarted="
        + (started == null ? "" : started)
        + "\n";
  }

  /** The stamp in {@code text}, or empty when it is missing or garbled (a write cut short). */
  public static Optional<ProcessStamp> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    try {
      long pid = Long.parseLong(kv.getOrDefault("pid", ""));
      String s = kv.getOrDefault("started", "");
      String c = kv.getOrDefault("command", "");
      return Optional.of(
          new ProcessStamp(c.isEmpty() ? null : c, pid, s.isEmpty() ? null : Instant.parse(s)));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
