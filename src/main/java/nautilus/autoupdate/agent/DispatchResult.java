package nautilus.autoupdate.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one {@code dispatch} did. {@code breaksBefore}/{@code breaksAfter}: the sites the analysis
 * finds plus the tests the update broke, before and after the agent (-1 when not measured). {@code
 * summary} is the agent's own closing text (untrusted); {@code message} says what happened in one
 * line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispatchResult(
    String version,
    DispatchOutcome outcome,
    boolean success,
    String branch,
    String commitSha,
    String prUrl,
    int breaksBefore,
    int breaksAfter,
    String tests,
    List<String> violations,
    String summary,
    String message) {

  public DispatchResult {
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  /** The same, with the pull request's URL. */
  public DispatchResult withPr(String url) {
    return new DispatchResult(
        version,
        outcome,
        success,
        branch,
        commitSha,
        url,
        breaksBefore,
        breaksAfter,
        tests,
        violations,
        summary,
        message);
  }
}
