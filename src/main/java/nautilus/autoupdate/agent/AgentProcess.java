package nautilus.autoupdate.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * Runs the coding agent: an argument list, never a shell, with exactly the environment given, the
 * brief on stdin and a time limit. The agent starts in a session and process group of its own
 * ({@code setsid}, when installed), so when the limit passes the whole group dies with it, also
 * grandchildren that left its process tree; its descendants are killed as well.
 */
public final class AgentProcess {
  /** How much of each output stream is read back; the rest is cut (the transcript is capped). */
  static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

  private final Duration timeout;

  public AgentProcess(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The command as it is started: behind {@code setsid} when {@code setsid} is on the PATH. */
  public static List<String> launched(List<String> command, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    String setsid = CommandRunner.onPath("setsid", env.get("PATH"));
    if (!setsid.equals("setsid")) {
      cmd.add(setsid);
    }
    cmd.add(CommandRunner.onPath(command.get(0), env.get("PATH")));
    cmd.addAll(command.subList(1, command.size()));
    return cmd;
  }

  /** Runs {@code command} in {@code dir}; never throws for a failing, hanging or missing agent. */
  public CommandResult run(List<String> command, Path dir, Map<String, String> env, String stdin) {
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("nautilus-autoupdate-agent-out", ".log");
      err = Files.createTempFile("nautilus-autoupdate-agent-err", ".log");
      in = Files.createTempFile("nautilus-autoupdate-agent-in", ".md");
      Files.writeString(in, stdin, StandardCharsets.UTF_8);
      List<String> cmd = launched(command, env);
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new CommandResult(
            -1, "", "", false, "cannot run '" + command.get(0) + "': " + e.getMessage(), 0);
      }
      boolean finished;
      try {
        finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(p, cmd);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the agent ran", e);
      }
      if (!finished) {
        kill(p, cmd);
      }
      return new CommandResult(
          finished ? p.exitValue() : -1,
          read(out),
          read(err),
          !finished,
          null,
          (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(out);
      delete(err);
      delete(in);
    }
  }

  /**
   * Kills the agent's process group (when it has its own), its descendants (collected before the
   * parent dies and they are re-parented) and the agent itself, then waits for it to go.
   */
  static void kill(Process p, List<String> launched) {
    List<ProcessHandle> descendants = p.toHandle().descendants().toList();
    if (Path.of(launched.get(0)).getFileName().toString().equals("setsid")) {
      killGroup(p.pid());
    }
    p.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code kill -KILL -<pgid>}: setsid made the agent's pid its group's id. */
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

  private static String read(Path file) throws IOException {
    try (InputStream s = Files.newInputStream(file)) {
      byte[] bytes = s.readNBytes(MAX_OUTPUT_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static void delete(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temp file is harmless; the agent's result matters more.
    }
  }
}
