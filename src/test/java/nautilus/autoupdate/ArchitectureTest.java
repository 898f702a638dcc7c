package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pipeline's shape: picocli stays in {@code cli}, and a stage imports only stages to its
 * left, so each step can be read (and replaced) without the ones after it.
 */
class ArchitectureTest {
  /**
   * The stages in pipeline order; a stage may import the ones before it. {@code detect} (sources,
   * detector, history, HTTP) comes early so it cannot reach the stages after it; the orchestration
   * of a run is {@code cycle}'s. {@code report} renders every stage's results, so only the cycle
   * and the commands come after it.
   */
  static final List<String> STAGES =
      List.of(
          "version", "config", "state", "release", "deps", "detect", "notes", "code", "api",
          "impact", "fix", "verify", "git", "github", "update", "setup", "notify", "agent", "gate",
          "report", "cycle", "cli");

  private static final Path MAIN = Path.of("src/main/java/nautilus/autoupdate");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?nautilus\\.autoupdate\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyPackageIsAKnownStage() throws IOException {
    try (Stream<Path> dirs = Files.list(MAIN)) {
      List<String> unknown =
          dirs.filter(Files::isDirectory)
              .map(d -> d.getFileName().toString())
              .filter(name -> !STAGES.contains(name))
              .toList();
      assertThat(unknown).as("packages missing from ArchitectureTest.STAGES").isEmpty();
    }
  }

  @Test
  void onlyTheCliImportsPicocli() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (!stageOf(file).equals("cli") && Files.readString(file).contains("import picocli")) {
        offenders.add(MAIN.relativize(file).toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void stagesImportOnlyStagesToTheirLeft() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : javaFiles()) {
      String stage = stageOf(file);
      int own = STAGES.indexOf(stage);
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String imported = m.group(1);
        int other = STAGES.indexOf(imported);
        if (own >= 0 && other > own) {
          offenders.add(MAIN.relativize(file) + " imports " + imported);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** The most lines a command class in {@code cli} may have: it parses options, picks, prints. */
  static final int COMMAND_LINES = 100;

  /**
   * Commands still over {@link #COMMAND_LINES}, with their size when the limit came in: their logic
   * and rendering are still to move into the stages and {@code report}. They may shrink, not grow;
   * one that fits is taken off this list.
   */
  static final Map<String, Integer> OVERSIZE_COMMANDS = Map.of();

  @Test
  void commandClassesStayUnderTheLineLimit() throws IOException {
    List<String> offenders = new ArrayList<>();
    List<String> fitNow = new ArrayList<>();
    for (Path file : javaFiles()) {
      String text = Files.readString(file);
      if (!stageOf(file).equals("cli") || !text.contains("\n@Command(")) {
        continue;
      }
      String name = file.getFileName().toString().replace(".java", "");
      long lines = text.lines().count();
      int allowed = OVERSIZE_COMMANDS.getOrDefault(name, COMMAND_LINES);
      if (lines > allowed) {
        offenders.add(name + " has " + lines + " lines (at most " + allowed + ")");
      } else if (OVERSIZE_COMMANDS.containsKey(name) && lines <= COMMAND_LINES) {
        fitNow.add(name);
      }
    }
    assertThat(offenders).as("command classes over the line limit").isEmpty();
    assertThat(fitNow).as("commands that fit now: take them off OVERSIZE_COMMANDS").isEmpty();
  }

  private static String stageOf(Path file) {
    Path rel = MAIN.relativize(file);
    return rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
