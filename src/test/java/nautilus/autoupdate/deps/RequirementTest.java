package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequirementTest {
  @Test
  void parsesNameExtrasSpecifierAndItsPosition() {
    String text = "nautilus_trader[ib,betfair] >=1.220.0, <2 ; python_version >= \"3.11\"";
    Requirement r = Requirement.parse(text).orElseThrow();
    assertThat(r.name()).isEqualTo("nautilus_trader");
    assertThat(r.extras()).isEqualTo("[ib,betfair]");
    assertThat(r.specifier()).isEqualTo(">=1.220.0, <2");
    assertThat(text.substring(r.specStart(), r.specEnd())).isEqualTo(r.specifier());
    assertThat(r.url()).isFalse();
  }

  @Test
  void parenthesizedSpecifiersAndUrls() {
    String text = "nautilus-trader (==1.220.0)";
    Requirement r = Requirement.parse(text).orElseThrow();
    assertThat(r.specifier()).isEqualTo("==1.220.0");
    assertThat(text.substring(r.specStart(), r.specEnd())).isEqualTo("==1.220.0");
    assertThat(Requirement.parse("nautilus_trader @ file:///x.whl").orElseThrow().url()).isTrue();
    assertThat(Requirement.parse("numpy").orElseThrow().specifier()).isEmpty();
  }

  @Test
  void notRequirements() {
    assertThat(Requirement.parse(null)).isEmpty();
    assertThat(Requirement.parse("")).isEmpty();
    assertThat(Requirement.parse("-e .")).isEmpty();
    assertThat(Requirement.parse("nautilus_trader 1.0")).isEmpty();
  }
}
