package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiModel.Missing;
import nautilus.autoupdate.api.ApiModel.Resolution;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Location;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;

/**
 * What one use of the package in our code claims of its API, each claim with the lookup that checks
 * it on an {@link ApiModel}: the fix proof checks the claims an edit adds on the target, the model
 * judge compares a site's claims on both versions. {@code key} names the claim without its place,
 * so the same claim before and after an edit compares equal.
 */
public final class UseClaims {
  private UseClaims() {}

  /** One thing a use claims of the upstream API, how to check it, and how to say it. */
  public record Claim(String key, Location at, String text, Function<ApiModel, Resolution> check) {}

  /** What a use claims; nothing for keys and strings that name no API. */
  public static List<Claim> of(Use u) {
    List<Claim> out = new ArrayList<>();
    String t = u.target();
    switch (u.kind()) {
      case IMPORT -> {
        if (u.name() == null || "*".equals(u.name())) {
          out.add(
              new Claim(
                  "module " + u.module(),
                  u.at(),
                  "import " + u.module(),
                  m -> m.importModule(u.module())));
        } else {
          out.add(
              new Claim(
                  "import " + u.module() + ":" + u.name(),
                  u.at(),
                  "from " + u.module() + " import " + u.name(),
                  m -> m.importName(u.module(), u.name())));
        }
      }
      case NAME, ATTRIBUTE, CALL -> {
        if (u.resolved()) {
          out.add(new Claim(nameKey(t), u.at(), "`" + t + "`", m -> m.resolve(t)));
        } else {
          String member = t.substring(t.lastIndexOf('.') + 1);
          out.add(
              new Claim(
                  "member ?." + member,
                  u.at(),
                  "`." + member + "` (on a value of unknown type)",
                  m ->
                      m.anyClassHasMember(member)
                          ? new Found("?." + member, "member", null, "")
                          : new Missing("no class of the package has a member `" + member + "`")));
        }
        if (u.kind() == UseKind.CALL) {
          for (Kwarg k : u.kwargs()) {
            out.add(
                new Claim(
                    keywordKey(t, k.name()),
                    k.at(),
                    "keyword `" + k.name() + "=` of `" + t + "`",
                    m ->
                        u.resolved()
                            ? m.keyword(t, k.name())
                            : new ApiModel.Unknown("the callee of " + t + " is not resolved")));
          }
        }
      }
      case OVERRIDE -> {
        // Keyed by the method alone: our own helper methods are "overrides" of nothing, and a
        // moved base class must not make each of them look new.
        String member = t.substring(t.lastIndexOf('.') + 1);
        out.add(new Claim("override " + member, u.at(), "override `" + t + "`", m -> m.resolve(t)));
      }
      case CONFIG_STRING ->
          out.add(
              new Claim(
                  "string " + t, u.at(), "import path \"" + u.name() + "\"", m -> m.resolve(t)));
      default -> {}
    }
    return out;
  }

  /** The key of the claim that {@code target} resolves. */
  public static String nameKey(String target) {
    return "name " + target;
  }

  /** The key of the claim that keyword {@code kw} binds at a call of {@code target}. */
  public static String keywordKey(String target, String kw) {
    return "keyword " + target + "(" + kw + "=)";
  }
}
