package nautilus.autoupdate.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code fix} did: each fixed site (file, line, the changed lines before and after, the
 * breaking change's index), each site left for the agent or a person with the reason, and how many
 * files changed.
 */
public record FixResult(List<Applied> applied, List<Skipped> skipped, int filesChanged) {
  public FixResult {
    applied = List.copyOf(applied);
    skipped = List.copyOf(skipped);
  }

  /**
   * A fixed site; {@code before} equals {@code after} when another edit of its change covers it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Applied(
      String path, int line, Integer cell, String before, String after, int change) {}

  /** A site not fixed, with why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Skipped(String path, int line, Integer cell, String reason, int change) {}
}
