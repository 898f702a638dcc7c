package nautilus.autoupdate.code;

import java.util.List;

/**
 * The uses of the upstream package in one file, {@code path} relative to the repo root with forward
 * slashes; {@code parseErrors} tells that tree-sitter had to recover from a syntax error.
 */
public record FileUses(String path, List<Use> uses, boolean parseErrors) {
  public FileUses {
    uses = List.copyOf(uses);
  }
}
