package nautilus.autoupdate.code;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One use of the upstream package. {@code target} is the dotted upstream path it resolves to
 * ({@code nautilus_trader.trading.strategy.Strategy.on_tick}); {@code resolved} is false when the
 * owner could not be resolved (a name from {@code from upstream import *}, an attribute on an
 * object of unknown type), then {@code target} starts with {@code ?.} or holds only what is known.
 * For imports, {@code module}/{@code name}/{@code alias} describe the statement; for calls, {@code
 * kwargs} and {@code positionalArgs} (-1 when {@code *args} makes the count unknown) and {@code
 * args}, the byte range of the argument list (what sits inside the call, whatever its lines); for
 * config strings, {@code name} holds the string as written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Use(
    UseKind kind,
    String target,
    boolean resolved,
    Location at,
    List<Kwarg> kwargs,
    int positionalArgs,
    String module,
    String name,
    String alias,
    Span args) {

  public Use {
    kwargs = kwargs == null ? List.of() : List.copyOf(kwargs);
  }

  static Use of(UseKind kind, String target, boolean resolved, Location at) {
    return new Use(kind, target, resolved, at, List.of(), 0, null, null, null, null);
  }

  /** Whether {@code other} sits inside this call's argument list (same file and cell). */
  public boolean encloses(Use other) {
    return args != null
        && java.util.Objects.equals(at.cell(), other.at().cell())
        && args.holds(other.at());
  }
}
