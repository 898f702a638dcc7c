package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: {@code deps/<kind>/<case>.before.*} bumped as its first line says ({@code # bump:
 * VERSION channel: CHANNEL}) must equal {@code <case>.after.*}, byte for byte.
 */
class PinBumpGoldenTest {
  private static final Path FIXTURES = Path.of("src/test/resources/deps");
  private static final Pattern HEADER = Pattern.compile("# bump: (\\S+) channel: (\\S+)");

  @TempDir Path repo;

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> s = Files.walk(FIXTURES)) {
      return s
          .filter(p -> p.getFileName().toString().contains(".before."))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Path afterOf(Path before) {
    return before.resolveSibling(before.getFileName().toString().replace(".before.", ".after."));
  }

  private static String targetName(Path before) {
    return before.toString().endsWith(".toml") ? "pyproject.toml" : "requirements.txt";
  }

  private List<FileEdit> bump(String text, String name, String header) {
    Matcher m = HEADER.matcher(header);
    assertThat(m.find()).as("header of the case").isTrue();
    try {
      Files.writeString(repo.resolve(name), text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    AutoUpdateConfig cfg =
        ConfigLoader.load(repo, Map.of("NAUTILUS_AUTOUPDATE_CHANNEL", m.group(2)), Map.of())
            .config();
    return Pins.bump(repo, cfg, Version.parse(m.group(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void beforeBumpsToAfter(Path before) throws IOException {
    Path after = afterOf(before);
    assertThat(after).as("every before has an after").exists();
    String text = Files.readString(before);
    String expected = Files.readString(after);
    String name = targetName(before);
    List<FileEdit> edits = bump(text, name, text);
    assertThat(edits).hasSize(1);
    assertThat(edits.get(0).path()).isEqualTo(name);
    assertThat(edits.get(0).before()).isEqualTo(text);
    assertThat(edits.get(0).after()).isEqualTo(expected);

    // Idempotent: the bumped file needs nothing more.
    assertThat(bump(expected, name, text)).isEmpty();

    // CRLF files stay CRLF.
    String crlf = text.replace("\n", "\r\n");
    List<FileEdit> crlfEdits = bump(crlf, name, text);
    assertThat(crlfEdits.get(0).after()).isEqualTo(expected.replace("\n", "\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void onlyVersionTextsAndIndexLinesChange(Path before) throws IOException {
    List<String> a = Files.readAllLines(before);
    List<String> b = Files.readAllLines(afterOf(before));
    // Changed lines differ in digits, dots and pre-release letters only, unless they were added.
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i)) && b.size() == a.size()) {
        assertThat(a.get(i).replaceAll("[0-9.a-z+*]", ""))
            .as("line %d of %s", i + 1, before.getFileName())
            .isEqualTo(b.get(i).replaceAll("[0-9.a-z+*]", ""));
      }
    }
  }
}
