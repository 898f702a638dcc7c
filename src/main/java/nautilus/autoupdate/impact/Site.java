package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One place in our code that a breaking change reaches. {@code line} and {@code column} are
 * 1-based; {@code cell} is the 0-based code-cell index in a notebook (null elsewhere, and then line
 * is within the cell); {@code change} indexes {@code ImpactReport.breakingChanges}; {@code fix} is
 * the suggested replacement text when the change names one; {@code evidence} says why a site
 * matched when no note explains it (e.g. an API diff).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Site(
    int line,
    int column,
    Integer cell,
    String code,
    MatchKind match,
    Certainty certainty,
    int change,
    String fix,
    String evidence) {

  /** This site with the judgement of the models: its certainty, fix and evidence replaced. */
  public Site judged(Certainty judgedCertainty, String judgedFix, String judgedEvidence) {
    return new Site(
        line, column, cell, code, match, judgedCertainty, change, judgedFix, judgedEvidence);
  }
}
