package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.Recommendation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated junk (deep nesting, bytes that are not UTF-8, random bytes, long lines) fed through
 * every reader {@code check} has: notebooks, Python sources, an N8N changelog, RELEASES.md,
 * pyproject.toml and requirements files. Whatever it is, the command ends in exit 1 with one line
 * or in a report; a report never recommends more than the same repo without the junk, and a junk
 * file holding a breaking site either shows the site or is named as unread.
 */
class JunkInputsPropertyTest {
  private static final String IMPORT =
      "from nautilus_trader.analysis.statistics.win_rate import WinRate\n";

  private static Path base;
  private static Recommendation baseline;

  @BeforeContainer
  static void demo() throws IOException {
    base = Files.createTempDirectory("junk-inputs");
    Examples.copyTo(base);
    CliRunner.Result r = check(base, List.of());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    baseline = recommendation(Json.mapper().readTree(r.out()));
  }

  @AfterContainer
  static void clean() throws IOException {
    delete(base);
  }

  enum Reader {
    NOTEBOOK,
    PYTHON,
    N8N,
    RELEASES_MD,
    PYPROJECT,
    REQUIREMENTS
  }

  @Property(tries = 40)
  void junkNeverEscapesTheCliNorRaisesTheRecommendation(
      @ForAll Reader reader, @ForAll("junk") byte[] junk, @ForAll("where") double where)
      throws IOException {
    Path wd = Files.createTempDirectory("junk-try");
    try {
      copy(base, wd);
      Path demo = wd.resolve("examples/demo-strategy");
      List<String> extra = new ArrayList<>();
      String planted = null;
      switch (reader) {
        case NOTEBOOK -> {
          planted = "notebooks/junk.ipynb";
          Files.write(demo.resolve(planted), around(junk, notebookSite(), where));
        }
        case PYTHON -> {
          planted = "demo/junk.py";
          Files.write(
              demo.resolve(planted),
              // On a line of its own: after a `#` of the junk it would be a comment, no site.
              around(junk, ("\n" + IMPORT).getBytes(StandardCharsets.UTF_8), where));
        }
        case N8N -> {
          Path f = wd.resolve("changelog.json");
          Files.write(f, junk);
          extra.addAll(List.of("--changelog-json", f.toString()));
        }
        case RELEASES_MD -> {
          Path f = wd.resolve("examples/RELEASES.md");
          Files.write(f, around(Files.readAllBytes(f), junk, where));
        }
        case PYPROJECT -> {
          Path f = demo.resolve("pyproject.toml");
          Files.write(f, around(Files.readAllBytes(f), junk, where));
        }
        case REQUIREMENTS -> Files.write(demo.resolve("requirements.txt"), junk);
      }
      CliRunner.Result r = check(wd, extra);
      assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.ERROR, ExitCodes.UPDATE_AVAILABLE);
      if (r.exitCode() == ExitCodes.ERROR) {
        // One line, no stack trace, no "unexpected" crash.
        assertThat(r.err().strip()).as(r.err()).doesNotContain("\n").startsWith("error: ");
        assertThat(r.err()).doesNotContain("unexpected").doesNotContain("Exception");
        // Only the notes and pin readers may refuse a file; code junk never stops the analysis.
        assertThat(reader).as(r.err()).isNotIn(Reader.NOTEBOOK, Reader.PYTHON);
        return;
      }
      JsonNode report = Json.mapper().readTree(r.out());
      assertThat(recommendation(report).compareTo(baseline))
          .as(
              "%s: %s vs baseline %s, caps %s",
              reader, recommendation(report), baseline, report.get("caps"))
          .isGreaterThanOrEqualTo(0);
      if (planted != null) {
        String path = planted;
        boolean shown = report.get("affected_files").toString().contains("\"" + path + "\"");
        boolean named = false;
        for (JsonNode u : report.get("unread")) {
          named |= u.get("path").asText().equals(path) && u.get("may_use_package").asBoolean();
        }
        assertThat(shown || named)
            .as("the breaking site in %s is shown or the file is unread: %s", path, report)
            .isTrue();
        if (named) {
          assertThat(recommendation(report)).isIn(Recommendation.MANUAL, Recommendation.BLOCKED);
        }
      }
    } finally {
      delete(wd);
    }
  }

  @Provide
  Arbitrary<Double> where() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    Arbitrary<byte[]> nesting =
        Combinators.combine(
                Arbitraries.of("[", "{\"a\":", "(", "[[", "{\"cells\": ["),
                Arbitraries.integers().between(1, 3000))
            .as((open, n) -> open.repeat(n).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> badUtf8 =
        Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars(" \n\"=:#[]{}").ofMaxLength(200),
                Arbitraries.of(
                    new byte[] {(byte) 0xE9},
                    new byte[] {(byte) 0xC0, (byte) 0x80},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xFF, (byte) 0xFE},
                    new byte[] {(byte) 0xE2, (byte) 0x82}))
            .as(
                (text, bad) -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  int half = text.length() / 2;
                  out.writeBytes(text.substring(0, half).getBytes(StandardCharsets.UTF_8));
                  out.writeBytes(bad);
                  out.writeBytes(text.substring(half).getBytes(StandardCharsets.UTF_8));
                  return out.toByteArray();
                });
    Arbitrary<byte[]> longLine =
        Combinators.combine(
                Arbitraries.of("x", "é", "\"", "[", "#", " "),
                Arbitraries.integers().between(1_000, 60_000))
            .as((c, n) -> c.repeat(n).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> jsonish =
        Arbitraries.of(
                "{\"stable_version\": \"v1.221.0\"}",
                "{\"stable_version\": 5, \"breaking_changes\": {}}",
                "{\"stable_version\": \"v1.221.0\", \"breaking_changes\": [null, 3, {}]}",
                "{\"cells\": [{\"cell_type\": \"code\", \"source\": {\"x\": 1}}]}",
                "{\"cells\": null}",
                "[]",
                "null",
                "# NautilusTrader 1.221.0 Beta\n\nReleased on 99th Smarch 2025\n",
                "[tool.nautilus-autoupdate]\nsource_dirs = 5\n",
                "-r ../../../etc/passwd\n",
                "nautilus_trader==not-a-version\n")
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, nesting, badUtf8, longLine, jsonish);
  }

  /** A notebook cell holding the breaking import, as notebook JSON text. */
  private static byte[] notebookSite() {
    return ("{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"" + IMPORT.strip() + "\\n\"]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code inner} put into {@code outer} at a relative position. */
  private static byte[] around(byte[] outer, byte[] inner, double where) {
    int at = (int) Math.round(outer.length * where);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(outer, 0, at);
    out.writeBytes(inner);
    out.write(outer, at, outer.length - at);
    return out.toByteArray();
  }

  private static CliRunner.Result check(Path wd, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--repo",
                wd.resolve("examples/demo-strategy").toString(),
                "--to",
                "1.221.0",
                "--offline",
                "--format",
                "json"));
    args.addAll(extra);
    return CliRunner.run(wd, args.toArray(String[]::new));
  }

  private static Recommendation recommendation(JsonNode report) {
    return Recommendation.valueOf(report.get("recommendation").asText().toUpperCase());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(p);
        if (rel.toString().contains(".nautilus-autoupdate")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
