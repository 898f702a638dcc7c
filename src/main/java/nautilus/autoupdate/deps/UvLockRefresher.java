package nautilus.autoupdate.deps;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;

/**
 * Runs {@code lock_command} (default {@code uv lock --upgrade-package {package}}) in the project
 * folder when it has a {@code uv.lock}. The command is split into arguments (quotes group words),
 * never given to a shell; {@code {package}} is replaced by the configured package.
 */
public final class UvLockRefresher implements LockRefresher {
  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * @param env the whole environment of the command (not added to this process's: the lock command
   *     must not see the tool's secrets, see {@code config.ChildEnv}); its {@code PATH} is where
   *     the executable is looked up
   * @param timeout how long the command may run before it and its children are killed
   */
  public UvLockRefresher(Map<String, String> env, Duration timeout) {
    this.env = Map.copyOf(env);
    this.timeout = timeout;
  }

  @Override
  public Optional<LockResult> refresh(Path projectDir, AutoUpdateConfig cfg) {
    Path lock = projectDir.resolve(UvLockReader.FILE);
    if (!Files.isRegularFile(lock)) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    for (String word : split(cfg.lockCommand())) {
      command.add(word.replace("{package}", cfg.packageName()));
    }
    if (command.isEmpty()) {
      throw new UserError("lock_command is empty");
    }
    String exe = resolve(command.get(0));
    command.set(0, exe);
    return Optional.of(run(projectDir, command));
  }

  private LockResult run(Path dir, List<String> command) {
    long start = System.nanoTime();
    Path log = null;
    try {
      log = Files.createTempFile("nautilus-autoupdate-lock", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new UserError(
            "'" + String.join(" ", command) + "' timed out after " + timeout.toSeconds() + "s");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new UserError(
            "'"
                + String.join(" ", command)
                + "' failed with exit code "
                + p.exitValue()
                + ": "
                + lastLine(output));
      }
      return new LockResult(
          UvLockReader.FILE, command, output, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UserError("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while running '" + String.join(" ", command) + "'", e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // A leftover temp file is harmless; the result already carries the output.
        }
      }
    }
  }

  /** The executable's path: as given when it has a slash, else the first match on PATH. */
  private String resolve(String exe) {
    if (exe.contains("/")) {
      if (Files.isExecutable(Path.of(exe))) {
        return exe;
      }
    } else {
      String path = env.getOrDefault("PATH", "");
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
          return Path.of(dir, exe).toString();
        }
      }
    }
    if (Path.of(exe).getFileName().toString().equals("uv")) {
      throw new UserError(
          "uv is not installed: install it with `pip install uv` (or see"
              + " https://docs.astral.sh/uv/getting-started/installation/), then run again");
    }
    throw new UserError(exe + " is not installed or not on PATH (from lock_command)");
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines.length == 0 || lines[lines.length - 1].isBlank()
        ? "(no output)"
        : lines[lines.length - 1].strip();
  }

  /** Splits a command line into words; single or double quotes group words. No shell involved. */
  static List<String> split(String commandLine) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : commandLine.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UserError("lock_command has an unclosed quote: " + commandLine);
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
