package nautilus.autoupdate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with an argument list (never a shell string) in a directory, with a timeout that
 * kills the whole process tree. Output goes to temp files, so a chatty program cannot block on a
 * full pipe. A runner {@link #inOwnProcessGroup()} also kills what left the tree.
 */
public final class CommandRunner {
  private final Map<String, String> extraEnv;
  private final boolean inherit;
  private final boolean ownGroup;
  private final int maxOutputBytes;

  /**
   * @param extraEnv variables added to (or replacing) the inherited environment of every run
   */
  public CommandRunner(Map<String, String> extraEnv) {
    this(extraEnv, true);
  }

  private CommandRunner(Map<String, String> env, boolean inherit) {
    this(env, inherit, false, 0);
  }

  private CommandRunner(
      Map<String, String> env, boolean inherit, boolean ownGroup, int maxOutputBytes) {
    this.extraEnv = Map.copyOf(env);
    this.inherit = inherit;
    this.ownGroup = ownGroup;
    this.maxOutputBytes = maxOutputBytes;
  }

  /**
   * A runner whose children see exactly {@code environment} (plus each run's own variables), not
   * this process's: for code the tool does not control ({@code config.ChildEnv}).
   */
  public static CommandRunner isolated(Map<String, String> environment) {
    return new CommandRunner(environment, false);
  }

  public CommandRunner() {
    this(Map.of());
  }

  /**
   * The same runner, starting each program in a session and process group of its own ({@code
   * setsid}, when on the PATH): past the timeout the whole group is killed, also grandchildren that
   * left the process tree. For programs the tool does not control (the coding agent); not for all,
   * since a new session has no controlling terminal.
   */
  public CommandRunner inOwnProcessGroup() {
    return new CommandRunner(extraEnv, inherit, true, maxOutputBytes);
  }

  /**
   * The same runner, reading back at most {@code bytes} of each output stream (the rest is cut).
   */
  public CommandRunner withOutputCap(int bytes) {
    return new CommandRunner(extraEnv, inherit, ownGroup, bytes);
  }

  /**
   * The command as {@link #inOwnProcessGroup()} starts it: behind {@code setsid} when {@code
   * setsid} is on {@code path}, the program looked up on {@code path}.
   */
  public static List<String> inOwnGroup(List<String> command, String path) {
    List<String> cmd = new ArrayList<>();
    String setsid = onPath("setsid", path);
    if (!setsid.equals("setsid")) {
      cmd.add(setsid);
    }
    cmd.add(onPath(command.get(0), path));
    cmd.addAll(command.subList(1, command.size()));
    return cmd;
  }

  public CommandResult run(List<String> command, Path dir, Duration timeout) {
    return run(command, dir, timeout, Map.of());
  }

  public CommandResult run(
      List<String> command, Path dir, Duration timeout, Map<String, String> env) {
    return run(command, dir, timeout, env, null);
  }

  /** The same, with {@code stdin} as the program's standard input (null: none). */
  public CommandResult run(
      List<String> command, Path dir, Duration timeout, Map<String, String> env, String stdin) {
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("nautilus-autoupdate-out", ".log");
      err = Files.createTempFile("nautilus-autoupdate-err", ".log");
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
      if (!inherit) {
        pb.environment().clear();
      }
      pb.environment().putAll(extraEnv);
      pb.environment().putAll(env);
      String path = pb.environment().get("PATH");
      if (ownGroup) {
        pb.command(inOwnGroup(command, path));
      } else {
        pb.command().set(0, onPath(command.get(0), path));
      }
      boolean grouped = ownGroup && isSetsid(pb.command().get(0));
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        // A file, like the output: no pipe a slow reader could block on.
        in = Files.createTempFile("nautilus-autoupdate-in", ".txt");
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
        pb.redirectInput(in.toFile());
      } else {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
      }
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new CommandResult(
            -1, "", "", false, "cannot run '" + command.get(0) + "': " + e.getMessage(), 0);
      }
      boolean finished = waitFor(p, timeout, grouped);
      if (!finished) {
        kill(p, grouped);
        p.waitFor(10, TimeUnit.SECONDS);
      }
      return new CommandResult(
          finished ? p.exitValue() : -1,
          read(out),
          read(err),
          !finished,
          null,
          (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
      deleteQuietly(in);
    }
  }

  /**
   * The program as found on {@code path}: Java looks a bare name up on its own PATH, not on the one
   * given to the child, so a venv or a tool put first on the child's PATH would be missed.
   */
  public static String onPath(String program, String path) {
    if (program.contains(File.separator) || path == null) {
      return program;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = d.isEmpty() ? null : Path.of(d, program);
      if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return program;
  }

  private String read(Path file) throws IOException {
    if (maxOutputBytes <= 0) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (InputStream s = Files.newInputStream(file)) {
      return new String(s.readNBytes(maxOutputBytes), StandardCharsets.UTF_8);
    }
  }

  private static boolean isSetsid(String program) {
    return Path.of(program).getFileName().toString().equals("setsid");
  }

  private static boolean waitFor(Process p, Duration timeout, boolean grouped)
      throws InterruptedException {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // An interrupted tool must not leave test processes behind.
      kill(p, grouped);
      throw e;
    }
  }

  /**
   * Kills the program's process group (when setsid gave it one), its descendants (collected before
   * the parent dies and they get re-parented) and the program itself.
   */
  private static void kill(Process p, boolean grouped) {
    List<ProcessHandle> descendants = p.toHandle().descendants().toList();
    if (grouped) {
      killGroup(p.pid());
    }
    p.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** {@code kill -KILL -<pgid>}: setsid made the program's pid its group's id. */
  private static void killGroup(long pgid) {
    try {
      Process k =
          new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      k.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No kill program: the descendants are still killed one by one.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temp log is harmless; the command's result matters more than its cleanup.
    }
  }
}
