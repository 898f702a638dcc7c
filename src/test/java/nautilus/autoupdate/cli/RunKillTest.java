package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.state.RunLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in a real child JVM, killed (halted, no cleanup) right after each step this build's
 * CLI reaches; a rerun ends in the same state as an uninterrupted run. Also: a run started while
 * another process holds the lock exits 0 at once.
 */
class RunKillTest {
  @TempDir Path tmp;
  FakeUpstream up;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(20)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofMinutes(3)));
  }

  @AfterEach
  void stop() {
    up.close();
  }

  record Child(int exitCode, String out) {}

  Child child(Path repo, String crashAfter) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (crashAfter != null) {
      cmd.add("-D" + DetectSupport.CRASH_PROPERTY + "=" + crashAfter);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("run");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env(repo));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Child(p.exitValue(), out);
  }

  Map<String, String> env(Path repo) {
    return up.env(repo.resolve(".state"), "stable");
  }

  Path repo(String name) throws IOException {
    Path r = Files.createDirectories(tmp.resolve(name));
    Files.writeString(
        r.resolve("pyproject.toml"), "[project]\ndependencies = [\"nautilus-trader==1.221.0\"]\n");
    return r;
  }

  /** status --format json without the times (they differ between runs). */
  String finalState(Path repo) throws IOException {
    CliRunner.Result r = CliRunner.run(repo, env(repo), "status", "--format", "json");
    var rows = Json.mapper().readTree(r.out());
    StringBuilder sb = new StringBuilder();
    rows.forEach(
        n ->
            sb.append(n.path("version").asText())
                .append(' ')
                .append(n.path("state").asText())
                .append(' ')
                .append(n.path("sources"))
                .append(' ')
                .append(n.path("recommendation").asText())
                .append('\n'));
    return sb.toString();
  }

  @Test
  void killedAfterEachStepThenRerunEndsInTheSameState() throws Exception {
    Path clean = repo("clean");
    assertThat(CliRunner.run(clean, env(clean), "run").exitCode()).isZero();
    String expected = finalState(clean);
    assertThat(expected).contains("1.222.0 reported");

    for (String step : List.of("detected", "targeted", "checked", "recorded")) {
      Path repo = repo("kill-" + step);
      Child killed = child(repo, step);
      assertThat(killed.exitCode()).as(killed.out()).isEqualTo(137);
      assertThat(CliRunner.run(repo, env(repo), "run").exitCode()).isZero();
      assertThat(finalState(repo)).as("after a kill at " + step).isEqualTo(expected);
    }
  }

  @Test
  void aSecondRunWhileTheLockIsHeldExitsZeroWithAMessage() throws Exception {
    Path repo = repo("locked");
    try (RunLock held = RunLock.tryAcquire(repo.resolve(".state")).orElseThrow()) {
      Child second = child(repo, null);
      assertThat(second.exitCode()).as(second.out()).isZero();
      assertThat(second.out()).contains("another run is working");
    }
    assertThat(repo.resolve(".state/state.db")).doesNotExist();
    Child after = child(repo, null);
    assertThat(after.out()).contains("new 1.222.0");
  }
}
