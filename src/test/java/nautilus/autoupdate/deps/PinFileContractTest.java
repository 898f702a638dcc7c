package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What every {@link PinFile} in the registry promises. */
class PinFileContractTest {
  private static final Path FIXTURES = Path.of("src/test/resources/deps");

  @Test
  void idsAreUniqueAndEachHasAFixtureFolder() {
    List<PinFile> all = PinFiles.all();
    assertThat(all).isNotEmpty();
    assertThat(new HashSet<>(all.stream().map(PinFile::id).toList())).hasSize(all.size());
    for (PinFile p : all) {
      assertThat(FIXTURES.resolve(p.id())).as("fixture folder of " + p.id()).isDirectory();
    }
  }

  @Test
  void everyFixtureIsHandledByItsKindAndExtractsPins() throws IOException {
    for (PinFile p : PinFiles.all()) {
      List<Path> files;
      try (Stream<Path> s = Files.list(FIXTURES.resolve(p.id()))) {
        files = s.sorted().toList();
      }
      assertThat(files).as(p.id()).isNotEmpty();
      for (Path f : files) {
        PinScan scan = p.extract(f.getFileName().toString(), Files.readString(f));
        assertThat(scan.error()).as(f.toString()).isEmpty();
        assertThat(scan.pins())
            .as(f.toString())
            .anyMatch(pin -> PackageNames.same(pin.name(), "nautilus_trader"));
        for (Pin pin : scan.pins()) {
          String text = Files.readString(f);
          assertThat(pin.line()).isPositive();
          if (pin.editable()) {
            assertThat(text.substring(pin.start(), pin.end()))
                .as("offsets of " + pin)
                .isEqualTo(pin.specifier());
          }
        }
      }
    }
  }

  @Test
  void registryRoutesPathsToKinds() {
    assertThat(PinFiles.forPath("pyproject.toml")).map(PinFile::id).hasValue("pyproject");
    assertThat(PinFiles.forPath("svc/pyproject.toml")).map(PinFile::id).hasValue("pyproject");
    assertThat(PinFiles.forPath("requirements-dev.txt")).map(PinFile::id).hasValue("requirements");
    assertThat(PinFiles.forPath("requirements/prod.txt")).map(PinFile::id).hasValue("requirements");
    assertThat(PinFiles.forPath("dev-requirements.in")).map(PinFile::id).hasValue("requirements");
    assertThat(PinFiles.forPath("README.md")).isEmpty();
  }

  @Test
  void emptyInputGivesNoPins() {
    for (PinFile p : PinFiles.all()) {
      PinScan scan = p.extract("x", "");
      assertThat(scan.pins()).isEmpty();
      assertThat(scan.error()).isEmpty();
    }
  }

  @Property(tries = 300)
  void extractNeverThrowsOnGarbage(@ForAll("garbage") String text) {
    for (PinFile p : PinFiles.all()) {
      PinScan scan = p.extract("x", text);
      assertThat(scan).isNotNull();
      for (Pin pin : scan.pins()) {
        assertThat(pin.start()).isBetween(0, text.length());
        assertThat(pin.end()).isBetween(pin.start(), text.length());
      }
    }
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> tomlish =
        Arbitraries.of(
                "[project]\n",
                "dependencies = [",
                "\"nautilus_trader",
                "==1.220.0",
                "\",",
                "]\n",
                "'",
                "\"\"\"",
                "[tool.poetry.dependencies]\n",
                "nautilus_trader = ",
                "{ version = ",
                "}",
                "# c\n",
                "\\",
                ";",
                " @ ",
                "-r ",
                "--hash=x ",
                "\n",
                "[",
                ">=",
                "~=",
                "(")
            .list()
            .ofMaxSize(25)
            .map(parts -> String.join("", parts));
    return Arbitraries.oneOf(random, tomlish);
  }
}
