package nautilus.autoupdate.impact;

import java.util.List;
import java.util.Map;

/**
 * The few upstream inheritance links a note's owner often skips: a note says {@code Actor.on_*}
 * while our class derives from {@code Strategy}. Downstream code alone cannot show these.
 */
final class UpstreamClasses {
  private static final Map<String, List<String>> PARENTS =
      Map.of(
          "Strategy", List.of("Actor"),
          "ExecAlgorithm", List.of("Actor"),
          "DataActor", List.of("Actor"),
          "Actor", List.of("Component"),
          "StrategyConfig", List.of("NautilusConfig"),
          "ActorConfig", List.of("NautilusConfig"),
          "ExecAlgorithmConfig", List.of("NautilusConfig"));

  /** What the attributes every actor and strategy inherits hold ({@code self.cache}). */
  private static final Map<String, String> ACTOR_ATTRIBUTES =
      Map.of(
          "cache", "Cache",
          "portfolio", "Portfolio",
          "clock", "Clock",
          "log", "Logger",
          "msgbus", "MessageBus",
          "order_factory", "OrderFactory");

  private UpstreamClasses() {}

  /** The class an inherited actor attribute holds, or null. */
  static String attributeType(String attribute) {
    return ACTOR_ATTRIBUTES.get(attribute);
  }

  /**
   * Every name through which the matcher reaches a member of {@code owner}: the owner, the classes
   * known to derive from it, and the actor attributes known to hold one ({@code cache}).
   */
  static java.util.Set<String> reaching(String owner) {
    java.util.Set<String> names = new java.util.HashSet<>();
    names.add(owner);
    for (String cls : PARENTS.keySet()) {
      if (isA(cls, owner)) {
        names.add(cls);
      }
    }
    ACTOR_ATTRIBUTES.forEach(
        (attribute, held) -> {
          if (isA(held, owner)) {
            names.add(attribute);
          }
        });
    return names;
  }

  /** Whether {@code cls} is {@code owner} or (as far as we know) derives from it. */
  static boolean isA(String cls, String owner) {
    if (cls.equals(owner)) {
      return true;
    }
    for (String p : PARENTS.getOrDefault(cls, List.of())) {
      if (isA(p, owner)) {
        return true;
      }
    }
    return false;
  }
}
