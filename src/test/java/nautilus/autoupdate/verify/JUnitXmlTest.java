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
    assertThat(s.messages())
        .containsEntry("tests.test_a::test_bad", "assert")
        .containsEntry("tests.test_broken", "collection failure");
  }

  @Test
  void theReasonIsPytestsLastErrorLineElseTheMessage() throws Exception {
    Path report = dir.resolve("r.xml");
    Files.writeString(
        report,
        "<testsuite><testcase classname=\"\" name=\"tests.test_perf\"><error message=\"collection"
            + " failure\">Traceback:\ndemo/perf.py:5: in &lt;module&gt;\n    from a.b import C\n"
            + "E   ModuleNotFoundError: No module named 'a.b'</error></testcase>"
            + "<testcase classname=\"t\" name=\"x\"><failure message=\"boom\"/></testcase>"
            + "<testcase classname=\"t\" name=\"y\"><failure>first\nsecond</failure></testcase>"
            + "<testcase classname=\"t\" name=\"z\"><failure message=\"%s\"/></testcase>"
                .formatted("x".repeat(400))
            + "</testsuite>");
    JUnitXml.Summary s = JUnitXml.parse(report);
    assertThat(s.messages())
        .containsEntry("tests.test_perf", "ModuleNotFoundError: No module named 'a.b'")
        .containsEntry("t::x", "boom")
        .containsEntry("t::y", "first");
    assertThat(s.messages().get("t::z")).hasSize(JUnitXml.MESSAGE_LIMIT + 1).endsWith("…");
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
