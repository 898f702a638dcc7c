package nautilus.autoupdate.deps;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link PinFile} found in one file: every dependency entry (of any package), or, for a file
 * that cannot be read, the reason as {@code file:line:column: message}.
 */
public record PinScan(List<Pin> pins, List<String> includes, Optional<String> error) {
  public PinScan {
    pins = List.copyOf(pins);
    includes = List.copyOf(includes);
  }

  public static PinScan failed(String error) {
    return new PinScan(List.of(), List.of(), Optional.of(error));
  }
}
