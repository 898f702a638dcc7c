package nautilus.autoupdate.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.UserError;

/** Runs a program (argument list, never a shell string) and collects its output. */
public interface ProcessRunner {
  /** Exit code and output of a finished process. */
  record Result(int exitCode, String out, String err) {}

  Result run(
      List<String> command, Path dir, Map<String, String> env, String stdin, Duration timeout);

  /** The real one: ProcessBuilder, output read concurrently, killed at the timeout. */
  static ProcessRunner system() {
    return (command, dir, env, stdin, timeout) -> {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
      }
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // The process may exit without reading its input; its exit code tells what happened.
      }
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new UserError(
              String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while running " + command.get(0), e);
      }
    };
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
