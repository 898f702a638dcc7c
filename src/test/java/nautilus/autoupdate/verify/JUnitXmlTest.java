package nautilus.autoupdate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlTest {
  @TempDir Path dir;

  @Test
  void readsFailuresErrorsAndSkipsFromAPytestReport() {
    JUnitXml.Summary s = JUnitXml.parse(Path.of("src/test/resources/verify/pytest-report.xml"));
    assertThat(s.total()).isEqualTo(5);
    assertThat(s.failed()).containsExactly("tests.test_broken", "tests.test_a::test_bad");
    assertThat(s.skipped()).isEqualTo(1);
  }

  @Test
  void malformedReportIsAUserErrorNamingTheFile() throws Exception {
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<testsuite><testcase");
    assertThatThrownBy(() -> JUnitXml.parse(bad))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("bad.xml")
        .hasMessageContaining("JUnit XML");
  }

  @Test
  void doctypesAreRefused() throws Exception {
    Path evil = dir.resolve("evil.xml");
    Files.writeString(
        evil, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite>&e;</testsuite>");
    assertThatThrownBy(() -> JUnitXml.parse(evil)).isInstanceOf(UserError.class);
  }
}
