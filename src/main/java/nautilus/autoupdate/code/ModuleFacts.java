package nautilus.autoupdate.code;

import java.util.List;
import java.util.Map;

/**
 * What one Python module (or notebook cell, or config file) says, before names are resolved across
 * files. Cached by content hash, so it holds only facts that depend on this file's text alone.
 * Chains are lists of names: the root is a name bound in the module, {@code self} (then {@code
 * selfClass} names the class), or {@code ?} (an object of unknown type); {@code ()} marks an
 * instance made by calling the previous segment.
 */
record ModuleFacts(
    List<ImportFact> imports,
    List<ClassFact> classes,
    List<RefFact> refs,
    List<StringFact> strings,
    List<StringFact> keys,
    List<String> ownNames,
    boolean parseErrors) {

  record ImportFact(String module, String name, String alias, int level, Location at) {
    boolean star() {
      return "*".equals(name);
    }
  }

  record MemberFact(String name, Location at) {}

  record ClassFact(
      String name,
      List<List<String>> bases,
      List<MemberFact> members,
      Map<String, List<String>> attrTypes,
      List<String> selfAssigned) {}

  /** A reference; {@code args} is a call's argument list (null for other references). */
  record RefFact(
      List<String> chain,
      String selfClass,
      boolean call,
      List<Kwarg> kwargs,
      int positional,
      Location at,
      Span args) {
    RefFact(
        List<String> chain,
        String selfClass,
        boolean call,
        List<Kwarg> kwargs,
        int positional,
        Location at) {
      this(chain, selfClass, call, kwargs, positional, at, null);
    }
  }

  record StringFact(String value, Location at) {}
}
