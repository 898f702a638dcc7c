package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A note that changes behavior, not the API ("Changed `Price`, `Quantity`, and `Money` arithmetic
 * to use max precision"), with the places our code uses exactly what it names: for a person to
 * read, never an affected file or site. {@code change} indexes {@code
 * ImpactReport.breakingChanges}; {@code name} is the upstream name our code uses; {@code why} says
 * why a note that names an API change is a review item and not a break (null for a behavior note).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(int change, String name, List<Use> uses, String why) {
  public Review {
    uses = List.copyOf(uses);
  }

  /** A behavior or default note's review item: its kind says why. */
  public Review(int change, String name, List<Use> uses) {
    this(change, name, uses, null);
  }

  /** One use: path relative to the repository, 1-based line, notebook cell or null, the code. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Use(String path, int line, Integer cell, String code) {}
}
