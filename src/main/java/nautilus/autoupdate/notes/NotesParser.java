package nautilus.autoupdate.notes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.release.NotesSection;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.version.Version;

/**
 * Turns release-note items into {@link BreakingChange}s with the rules NautilusTrader's notes
 * follow ("Renamed `A` to `B`", "Moved `A` from `m1` to `m2`", "Removed `x` parameter from `F`",
 * "(Rust)", ...). The kinds and scopes are those of shared/labels/README.md.
 *
 * <p>Deprecations are parsed too; their {@code source} ends with {@link #DEPRECATION_SUFFIX} so the
 * impact stage can grade them lower than breaking changes ({@link #isDeprecation}).
 *
 * <p>The parser is pure and total: any text yields a change (kind {@code other} at worst).
 */
public final class NotesParser {

  /** Appended to {@code source} for items of a Deprecations section. */
  public static final String DEPRECATION_SUFFIX = ":deprecation";

  private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern THANKS =
      Pattern.compile("\\s*(\\(#\\d+\\))?\\s*,?\\s*thanks( for reporting)? @[\\w-]+.*$");
  private static final Pattern ISSUE_REF = Pattern.compile("\\s*\\(#\\d+\\)");
  private static final Pattern IDENT =
      Pattern.compile("^[A-Za-z_*][A-Za-z0-9_*]*(?:(?:\\.|::)[A-Za-z_*][A-Za-z0-9_*]*)*$");

  /** Words that are code even without backticks: snake_case, dotted paths, CamelCase types. */
  private static final Pattern BARE_CODE =
      Pattern.compile(
          "(?<![\\w`.])((?:[A-Za-z_]\\w*(?:\\.|::))*(?:[a-z]\\w*_\\w+|[A-Z][a-z0-9]+[A-Z]\\w*"
              + "|[A-Z][A-Z0-9]*_[A-Z0-9_]+)(?:(?:\\.|::)\\w+)*(?:\\(\\))?)(?![\\w`])");

  private static final Pattern DOT_IDENT = Pattern.compile("^\\.[A-Za-z_][A-Za-z0-9_]*$");
  private static final Pattern MODULE = Pattern.compile("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+$");
  private static final Pattern IMPORT_EXAMPLE =
      Pattern.compile(
          "`from ([\\w.]+) import ([\\w, ]+)`\\s+(?:becomes|->|→|to|is now)\\s+`from ([\\w.]+)"
              + " import [\\w, ]+`");

  /** NautilusTrader's top-level subpackages: a dotted path starting with one is a module. */
  private static final Set<String> SUBPACKAGES =
      Set.of(
          "accounting",
          "adapters",
          "analysis",
          "backtest",
          "cache",
          "common",
          "config",
          "core",
          "data",
          "execution",
          "examples",
          "indicators",
          "infrastructure",
          "live",
          "model",
          "persistence",
          "portfolio",
          "risk",
          "serialization",
          "system",
          "test_kit",
          "trading");

  /** Code spans that are values or types, never identifiers downstream code would rename. */
  private static final Set<String> VALUES =
      Set.of(
          "None",
          "True",
          "False",
          "self",
          "str",
          "int",
          "float",
          "bool",
          "bytes",
          "list",
          "dict",
          "tuple",
          "object",
          "string",
          "binary",
          "u8",
          "u16",
          "u32",
          "u64",
          "i32",
          "i64",
          "f64",
          "usize",
          "Some",
          "OFF",
          "ON",
          "uint64",
          "uint64_t",
          "int64",
          "Decimal",
          "anyhow::Error",
          "anyhow::Result",
          "pd.Timestamp",
          "decimal.Decimal",
          "datetime",
          "new",
          "build",
          "builder",
          "Default",
          "Default::default");

  private static final Pattern RUST_MARK =
      Pattern.compile(
          "\\((?:rust|rust v2|in rust)\\)|\\bin rust$|^(?:changed|renamed|removed|added)"
              + " rust\\b|\\brust (?:actor|strategy|strategies|message bus|configs?|apis?"
              + "|live|node|nodes|crate|tutorials)\\b|\\bcrates?\\b|\\bcargo\\b|feature flag"
              + "|\\bbon\\b|default features|features =|struct-literal|trait implementations?");
  private static final Pattern PYTHON_MARK = Pattern.compile("\\bpython\\b|\\bpyo3\\b");
  private static final Pattern BOTH_MARK =
      Pattern.compile("rust and python|python and rust|rust/pyo3|rust/python|python/rust");

  private static final Pattern DATA =
      Pattern.compile(
          "arrow schemas?|json/arrow|schema change|change to schema|catalog schema|cap'n proto|\\bsbe\\b"
              + "|serializations?\\b|pickled|catalog"
              + " (?:data|subdirs?|directory|directories)|directory naming|redis keys|redis cache"
              + " .*storage|stores? must be regenerated|\\bformat;|wire formats?|data migration"
              + "|flush your|clear (?:your )?cache|storage to|parquet schemas?|\\bdbn\\b");
  private static final Pattern PLATFORM =
      Pattern.compile(
          "python 3\\.\\d+|support for python|optional extras?|install extra|\\bupgraded § to"
              + " v|\\bcargo features|default-features|\\bpoetry\\b|now optional extras?|optional feature");

  /** Reads every Breaking Changes and Deprecations item of a release, in order. */
  public List<BreakingChange> parse(Release release) {
    String base = sourceIdOf(release.source());
    List<BreakingChange> out = new ArrayList<>();
    for (NotesSection section : release.sections()) {
      if (section.isBreaking() || section.isDeprecations()) {
        String source = section.isBreaking() ? base : base + DEPRECATION_SUFFIX;
        for (NoteItem item : section.items()) {
          out.add(parseItem(release.version(), item, source));
        }
      }
    }
    return out;
  }

  /** Whether a change came from a Deprecations section rather than Breaking Changes. */
  public static boolean isDeprecation(BreakingChange change) {
    return change.source() != null && change.source().endsWith(DEPRECATION_SUFFIX);
  }

  /**
   * Whether a change is for review rather than a break: a behavior or default change ({@link
   * ChangeKind#review}) or one of a type only ({@link #changesTypeOnly}), that is not a deprecation
   * (a deprecated name still warns where it is used).
   */
  public static boolean isReview(BreakingChange change) {
    String text = change.text() == null ? "" : change.text().toLowerCase(Locale.ROOT);
    return change.kind() != null
        && (change.kind().review() || changesTypeOnly(change))
        && !isDeprecation(change)
        && !text.contains("deprecat");
  }

  private static final Pattern NOW_OPTIONAL = Pattern.compile("§\\)? (?:is )?now optional\\b");
  private static final Pattern NOT_ONLY_OPTIONAL =
      Pattern.compile(
          "\\b(?:required?|requires|removed?|renamed?|reorder\\w*|no longer|replaced?|added|moved)\\b");

  /**
   * Whether the note changes only the type, optionality or return type of what it names ("Changed
   * `MarginBalance.instrument_id` to optional", "to return `int` instead of `str`", "`x` value type
   * to `float`", "(`client_id` now optional)"): no name goes and no argument becomes required, so
   * only some uses break, and which ones the note cannot say. With the API models of the versions
   * those are proven where the models show them (a keyword whose declared type no longer fits, a
   * member gone); every use of what the note names is for review, never a site of the note's.
   */
  public static boolean changesTypeOnly(BreakingChange change) {
    if (change.kind() == ChangeKind.TYPE) {
      return true;
    }
    if (change.kind() != ChangeKind.SIGNATURE || change.text() == null) {
      return false;
    }
    String prose = SPAN.matcher(change.text()).replaceAll("§").toLowerCase(Locale.ROOT);
    return NOW_OPTIONAL.matcher(prose).find() && !NOT_ONLY_OPTIONAL.matcher(prose).find();
  }

  /**
   * The short source id ({@code releases-md}, {@code n8n}, {@code commit}) from the place a release
   * was read; sources that are not files keep their own description.
   */
  static String sourceIdOf(String where) {
    String w = where == null ? "" : where.toLowerCase(Locale.ROOT);
    if (w.startsWith("commit") || w.endsWith(".jsonl")) {
      return "commit";
    }
    if (w.endsWith(".json")) {
      return "n8n";
    }
    return "releases-md";
  }

  /** Parses one item; never throws. */
  public BreakingChange parseItem(Version version, NoteItem item, String source) {
    String text = item.text() == null ? "" : item.text();
    String migration = item.migration();
    try {
      return parseStrict(version, item, source);
    } catch (RuntimeException unexpected) {
      // A rule that trips on odd text must not lose the change itself.
      return new BreakingChange(
          version,
          text,
          ChangeKind.OTHER,
          ChangeScope.UNKNOWN,
          List.of(),
          List.of(),
          false,
          migration,
          source);
    }
  }

  /** {@link #parseItem} without the safety net, so tests see a rule that throws. */
  BreakingChange parseStrict(Version version, NoteItem item, String source) {
    String text = item.text() == null ? "" : item.text();
    String readable = text;
    if (source != null && !source.startsWith("releases-md") && !text.contains("`")) {
      // Commit messages often name code without backticks: "Renamed enable_buys to ...".
      readable = BARE_CODE.matcher(text).replaceAll("`$1`");
    }
    return new Item(readable).toChange(version, text, item.migration(), source);
  }

  /** One item being read: its cleaned text, prose (code replaced by §) and results. */
  private static final class Item {
    final String text;
    final String clean;
    final String prose; // lower-case, code spans replaced by "§", for keyword rules
    final List<String> old = new ArrayList<>();
    final List<String> replacements = new ArrayList<>();

    Item(String text) {
      this.text = text;
      String c = LINK.matcher(text).replaceAll("$1").replace("**", "");
      // "Consolidated`A`": a code span glued to a word still starts a new word.
      c =
          Pattern.compile("(?<=[A-Za-z0-9])(`[^`\\s][^`]*`)(?=[\\s,.;:)/]|$)")
              .matcher(c)
              .replaceAll(" $1");
      c = THANKS.matcher(c).replaceAll("");
      c = ISSUE_REF.matcher(c).replaceAll("");
      this.clean = c.trim();
      this.prose = SPAN.matcher(clean).replaceAll("§").toLowerCase(Locale.ROOT);
    }

    BreakingChange toChange(Version version, String original, String migration, String source) {
      ChangeKind kind = kind();
      ChangeScope scope = scope(kind);
      identifiers(kind);
      if (kind == ChangeKind.RENAME
          && old.size() == 1
          && replacements.size() == 1
          && replacements.get(0) != null
          && leaf(old.get(0)).equals(leaf(replacements.get(0)))
          && !old.get(0).equals(replacements.get(0))
          && !isModule(old.get(0))) {
        // "Changed `f(a)` to `f(b)`": same name, new parameters.
        kind = ChangeKind.SIGNATURE;
      }
      boolean autoFixable =
          (kind == ChangeKind.RENAME || kind == ChangeKind.MOVE)
              && !old.isEmpty()
              && replacements.size() >= old.size()
              && replacements.stream().allMatch(r -> r != null && !r.contains("*"))
              && old.stream().noneMatch(o -> o.contains("*") && !o.endsWith(".*"));
      return new BreakingChange(
          version, original, kind, scope, old, replacements, autoFixable, migration, source);
    }

    // ---- kind ----------------------------------------------------------------------------

    ChangeKind kind() {
      String p = prose;
      String verb = leadingVerb();
      // "Removed `VenueStatus` and its schemas": removing a named API is a removal first.
      boolean removesNamed = verb.equals("removed") && p.matches("^removed (?:\\w+ )?§.*");
      if (p.contains("arrow schema")
          || (DATA.matcher(p).find() && !p.startsWith("renamed") && !removesNamed)) {
        if (!p.matches("^(?:changed|removed) § (?:from|to) .*") || p.contains("schema")) {
          return ChangeKind.DATA_FORMAT;
        }
      }
      if (PLATFORM.matcher(p).find() || p.startsWith("dropped support")) {
        return ChangeKind.PLATFORM;
      }
      if (p.contains("from a property to a method")
          || p.contains("property to a method")
          || p.contains("to methods")
          || p.contains("signature")) {
        return ChangeKind.SIGNATURE;
      }
      switch (verb) {
        case "renamed":
        case "replaces-rename":
          return ChangeKind.RENAME;
        case "moved":
        case "reorganized":
          return ChangeKind.MOVE;
        case "consolidated":
          return p.matches(".*(module|subpackage|namespace|files|§ into §\\s*(?:to .*)?$).*")
                  && !p.contains("method")
              ? (modulesOnly() ? ChangeKind.MOVE : ChangeKind.RENAME)
              : ChangeKind.RENAME;
        case "removed":
          return removedKind(p);
        case "added":
          return p.contains("enum variant") ? ChangeKind.OTHER : ChangeKind.SIGNATURE;
        case "replaced":
          return clean.matches(".*`\\w+: [^`]+`.*") || p.contains("param")
              ? ChangeKind.SIGNATURE
              : ChangeKind.REMOVE;
        case "deprecated":
          return ChangeKind.REMOVE;
        case "reordered":
          return ChangeKind.SIGNATURE;
        default:
          return changedKind(p, verb);
      }
    }

    private boolean modulesOnly() {
      List<String> spans = spans(clean);
      return !spans.isEmpty() && spans.stream().allMatch(s -> s.matches("[a-z_][a-z0-9_.]*"))
          || prose.contains("module");
    }

    private ChangeKind removedKind(String whole) {
      String p = firstPart(whole, ";");
      if (p.contains("support for")) {
        return ChangeKind.PLATFORM;
      }
      String param =
          "(?:parameters?|params?|arguments?|kwargs?|config options?|config fields?"
              + "|options?|flags?|settings?|config|configs)\\b";
      if (p.matches(".*§ (?:[\\w-]+ )?" + param + ".*") || p.matches(".*\\b" + param + " §.*")) {
        return ChangeKind.SIGNATURE;
      }
      if (p.matches("^§ removed from .*")) {
        return ChangeKind.SIGNATURE;
      }
      Matcher from = Pattern.compile("^removed (?:\\w+ ){0,2}§ (?:from|for) §").matcher(p);
      List<String> spans = spans(clean);
      if (from.find()
          && !spans.isEmpty()
          && spans.get(0).matches("[a-z_][a-z0-9_]*")
          && !p.matches(".*\\b(methods?|functions?|propert(y|ies)|constants?|types?)\\b.*")) {
        return ChangeKind.SIGNATURE;
      }
      if (!spans.isEmpty() && spans.get(0).matches("\\w*Config\\.[a-z_][a-z0-9_]*")) {
        return ChangeKind.SIGNATURE;
      }
      // "Removed fees from margin calculations for `MARGIN` accounts": what goes is a part of a
      // computation, named in plain words; the code span only says where, and stays.
      Matcher object =
          Pattern.compile("^removed ((?:[a-z0-9-]+ )+?)(?:from|for|in|on) ").matcher(p);
      if (object.find()
          && !object
              .group(1)
              .matches(
                  ".*\\b(?:methods?|functions?|propert(?:y|ies)|params?|parameters?|arguments?"
                      + "|kwargs?|configs?|options?|fields?|classes|class|modules?|enums?|variants?"
                      + "|constants?|attributes?|support|functionality|apis?|features?|extras?)\\b.*")) {
        return ChangeKind.BEHAVIOR;
      }
      return ChangeKind.REMOVE;
    }

    /** "from `u8` to `u32`": both ends are types. */
    private boolean typeChange() {
      Matcher m = Pattern.compile("\\bfrom `([^`]+)` to `([^`]+)`").matcher(clean);
      return m.find() && typeLike(m.group(1)) && typeLike(m.group(2));
    }

    private ChangeKind changedKind(String p, String verb) {
      String firstClause = firstPart(p, ";");
      if (firstClause.matches(
          ".*(\\bdefaults? (from|to|is|value)\\b|\\bdefault §|§ defaults?\\b|changed defaults?\\b"
              + "|(off|on|disabled|enabled) by default).*")) {
        return ChangeKind.DEFAULT;
      }
      if (verb.equals("changed-rename")) {
        return ChangeKind.RENAME;
      }
      if (p.matches(".*\\bto (return|wrap)\\b.*")
          || typeChange()
          || p.matches(
              ".*§ fields? to (?:a )?(?:lists?|dicts?|strings?|ints?|floats?|bools?)\\b.*")) {
        return ChangeKind.TYPE;
      }
      if (p.matches(".*\\bnow optional\\b.*")
          || p.matches(".*\\bmethod \\(.*")
          || p.contains("constructor")
          || p.contains("builder")
          || p.matches(".*\\b(reorder|ordering|positional|callers must|must pass).*")
          || p.matches(".*\\b(now takes|no longer takes? (?:a |an )?§|instantiation)\\b.*")) {
        return ChangeKind.SIGNATURE;
      }
      if (p.matches(".*\\bto (return|enforce)\\b.*")
          || p.matches(".*\\breturn (type|types)\\b.*")
          || p.matches(".*\\b(value )?types?\\b.*(to|from) §.*")
          || p.matches(".*\\bto type\\b.*")
          || p.matches(".*\\bto optional\\b.*")
          || p.matches(".*\\bto take § instead of §.*")
          || p.matches(".*\\bdata types?\\b.*")
          || p.matches(".*\\bvalue type\\b.*")) {
        return ChangeKind.TYPE;
      }
      if (p.matches(".*\\bto (take|accept|require)\\b.*")
          || p.matches(".*\\b(parameters?|params?|arguments?)\\b.*")) {
        return ChangeKind.SIGNATURE;
      }
      if (p.matches(".*\\bimport paths?\\b.*") || p.matches(".*\\bimports? from\\b.*")) {
        return ChangeKind.MOVE;
      }
      return ChangeKind.BEHAVIOR;
    }

    /**
     * The verb that decides the kind: the first word, or the verb after leading code spans in
     * passive lines ("`A` renamed to `B`"). "changed-rename" marks "Changed `A` to `B`".
     */
    String leadingVerb() {
      String p = prose;
      Matcher passive =
          Pattern.compile(
                  "^(?:the )?§(?:[ ,/]+(?:and )?§)*(?: [\\w ]{0,25}?)?"
                      + " (renamed|changed|moved|removed|consolidated|replaces|added)\\b(.*)$")
              .matcher(p);
      if (passive.find()) {
        String v = passive.group(1);
        String rest = passive.group(2);
        if (v.equals("changed") && rest.matches("^ to § ?(\\(.*\\)|for .*|in .*)?$")) {
          return "changed-rename";
        }
        if (v.equals("replaces")) {
          return "replaces-rename";
        }
        if (v.equals("changed")) {
          return "changed";
        }
        return v;
      }
      String first = p.split("[\\s:]+", 2)[0];
      switch (first) {
        case "renamed":
        case "moved":
        case "consolidated":
        case "removed":
        case "dropped":
        case "added":
        case "replaced":
        case "deprecated":
        case "reordered":
        case "reorganized":
          return first.equals("dropped") ? "removed" : first;
        case "changed":
          if (isChangedRename(p)) {
            return "changed-rename";
          }
          return "changed";
        default:
          if (p.matches(".*\\bmoved (to|from|into)\\b.*")) {
            return "moved";
          }
          if (p.matches(".*\\brenamed to\\b.*")) {
            return "renamed";
          }
          return "changed";
      }
    }

    /** "Changed `A` [a few words] to `B`" where B is another identifier, not a value. */
    private boolean isChangedRename(String p) {
      Matcher m =
          Pattern.compile(
                  "^changed (?:from )?(?:[\\w-]+ ){0,5}§((?: [\\w-]+){0,3}) (?:from § )?to §")
              .matcher(p);
      if (!m.find()) {
        return false;
      }
      String gap = m.group(1);
      if (gap.matches(".*\\b(return|take|use|require|accept|be|enforce|type|default|level)\\b.*")) {
        return false;
      }
      List<String> spans = spans(clean);
      String target =
          spans.size() >= 2
              ? spans.get(Math.min(spans.size() - 1, countBefore(p, m.end()) - 1))
              : "";
      return isIdentifier(stripCall(target)) && !VALUES.contains(target);
    }

    // ---- scope ---------------------------------------------------------------------------

    ChangeScope scope(ChangeKind kind) {
      if (kind == ChangeKind.DATA_FORMAT) {
        return ChangeScope.DATA;
      }
      String p = prose;
      List<String> all = spans(clean);
      boolean both =
          BOTH_MARK.matcher(p).find()
              || all.stream()
                  .anyMatch(
                      x ->
                          x.matches("[A-Z][a-z]+[A-Za-z]*")
                              && all.contains(x.toUpperCase(Locale.ROOT)));
      boolean rust =
          RUST_MARK.matcher(p).find()
              || (spans(clean).stream().anyMatch(s -> s.contains("::")) && !p.contains("python"));
      boolean python = PYTHON_MARK.matcher(p).find();
      if (both || (rust && p.matches(".*\\b(python|pyo3)\\b.*") && !p.contains("(rust)"))) {
        return ChangeScope.BOTH;
      }
      if (rust && !python) {
        return ChangeScope.RUST;
      }
      if (rust && p.contains("(rust)")) {
        return ChangeScope.RUST;
      }
      return ChangeScope.PYTHON;
    }

    // ---- identifiers ---------------------------------------------------------------------

    void identifiers(ChangeKind kind) {
      String main = stripParentheticals(clean);
      if (importExample() || replacedRule(main)) {
        return;
      }
      String[] clauses = main.split("\\s*;\\s*|\\s+-\\s+|\\.\\s+(?=[A-Z])");
      // A text made only of separators (";") splits into nothing.
      String first = clauses.length == 0 ? "" : clauses[0];
      switch (kind) {
        case RENAME:
          renameOrMove(first, false);
          break;
        case MOVE:
          renameOrMove(first, true);
          break;
        default:
          subjectOf(first, kind);
      }
      if (kind == ChangeKind.RENAME && old.isEmpty()) {
        subjectOf(first, kind);
      }
      if (old.isEmpty()) {
        fallback(main, kind);
      }
      insteadRules(main, kind);
      dedupe();
    }

    /**
     * "Replaced `a` with `b` on `X`", "`f` signature: replaced `a` with `b`", "onto `b`, replacing
     * the prior `a`": a replacement of named parameters or fields.
     */
    private boolean replacedRule(String main) {
      String list = "((?:`[^`]+`[ ,/]*(?:and |or )?)+)";
      Matcher m =
          Pattern.compile(
                  "(?i)\\breplaced "
                      + list
                      + "(?:[\\w ]{0,20}?)with "
                      + list
                      + "(?:(?:[\\w ]{0,20}?)\\b(?:on|in|for) "
                      + list
                      + ")?")
              .matcher(main);
      List<String> olds;
      List<String> news;
      List<String> owners = List.of();
      if (m.find()) {
        olds = composed(m.group(1));
        news = composed(m.group(2));
        if (m.group(3) != null) {
          owners = leadingList(m.group(3));
        } else {
          Matcher sig = Pattern.compile("`([^`]+)` signature").matcher(main);
          owners =
              sig.find() && identifierOf(sig.group(1)) != null
                  ? List.of(stripCall(identifierOf(sig.group(1))))
                  : List.of();
        }
      } else {
        Matcher r =
            Pattern.compile(
                    "(?i)`([^`]+)`[\\w ]{0,20}?,? replacing (?:the )?(?:prior |old |previous )?"
                        + list)
                .matcher(main);
        if (!r.find()) {
          return false;
        }
        olds = composed(r.group(2));
        String n = identifierOf(r.group(1));
        news = n == null ? List.of() : List.of(stripCall(n));
      }
      if (olds.isEmpty()) {
        return false;
      }
      List<String> scopes = owners.isEmpty() ? java.util.Collections.singletonList(null) : owners;
      for (String owner : scopes) {
        for (int i = 0; i < olds.size(); i++) {
          String n = news.isEmpty() ? null : news.get(Math.min(i, news.size() - 1));
          old.add(owner == null ? olds.get(i) : owner + "." + olds.get(i));
          replacements.add(n == null ? null : owner == null ? n : owner + "." + n);
        }
      }
      return true;
    }

    /** "(e.g., `from a.b import X` becomes `from a import X`)": a module-level rule. */
    private boolean importExample() {
      Matcher m = IMPORT_EXAMPLE.matcher(clean);
      if (!m.find()) {
        Matcher removed =
            Pattern.compile(
                    "^Removed `([\\w.]+)` (?:sub)?(?:package|module).*imported from `([\\w.]+)`")
                .matcher(clean);
        if (removed.find()) {
          old.add(removed.group(1));
          replacements.add(removed.group(2));
          return true;
        }
        return false;
      }
      String from = m.group(1);
      String to = m.group(3);
      if (from.startsWith(to + ".")) {
        // Nested modules flattened into their parent: every submodule import moves.
        old.add(to + ".*");
      } else {
        old.add(from);
      }
      replacements.add(to);
      return true;
    }

    private void renameOrMove(String clause, boolean move) {
      String c = clause;
      // Passive: "`A` renamed to `B`", "`A` moved from `X` to `Y`", "`B` replaces `A`".
      Matcher replaces = Pattern.compile("^(`[^`]+`) replaces (`[^`]+`)").matcher(c);
      if (replaces.find()) {
        c = "Renamed " + replaces.group(2) + " to " + replaces.group(1);
      }
      Matcher passive =
          Pattern.compile(
                  "^(?:The )?((?:`[^`]+`[ ,/]*(?:and )?)+)((?:[\\w-]+ ){0,3})(?:renamed|changed|moved)\\b(.*)$")
              .matcher(c);
      if (passive.find()) {
        c = "Renamed " + passive.group(1) + " " + passive.group(2) + passive.group(3);
      }
      String lower = c.toLowerCase(Locale.ROOT);
      int fromAt = indexOfWord(lower, "from");
      int toAt = firstOf(lower, List.of(" to ", " -> ", " → ", " into ", " onto "));
      if (toAt < 0) {
        // "Renamed `FillModel` params": nothing to pair.
        return;
      }
      String left = c.substring(0, fromAt >= 0 && fromAt < toAt ? fromAt : toAt);
      String fromPart =
          fromAt >= 0 && fromAt < toAt ? c.substring(Math.min(fromAt + 5, toAt), toAt) : "";
      String right = c.substring(toAt).replaceFirst("^\\s*(?:to|->|→|into|onto)\\s+", "");
      right = right.replaceFirst("^(?:the |a |single |a single )+", "");
      List<String> subjects = composed(left);
      List<String> froms = leadingList(fromPart);
      List<String> tos = leadingList(right);
      List<String> owners = trailingOwners(right);
      if (tos.isEmpty()) {
        old.addAll(subjects.isEmpty() ? froms : subjects);
        return;
      }
      if (!move || subjects.isEmpty()) {
        if (!froms.isEmpty()) {
          // "Renamed X from `a` to `b`": the from-list is what changes name.
          List<String> owner = subjects.stream().filter(NotesParser::isOwnerLike).toList();
          subjects = owner.size() == 1 ? prefixAll(owner.get(0), froms) : froms;
        }
        pairRenames(subjects, tos, owners, move);
        return;
      }
      // A move: the subject keeps its name and gets a new home; a consolidated module merges.
      boolean merge = clause.toLowerCase(Locale.ROOT).startsWith("consolidated");
      for (String s : subjects) {
        if (merge && s.matches("[a-z_][a-z0-9_.]*") && froms.isEmpty()) {
          old.add(s);
          replacements.add(tos.get(0));
          continue;
        }
        if (froms.isEmpty()) {
          for (String to : tos) {
            old.add(s);
            replacements.add(relocate(s, to));
          }
        } else {
          for (String f : froms) {
            old.add(leaf(f).equals(leaf(s)) ? f : f + sepOf(f) + leaf(s));
            replacements.add(relocate(s, tos.get(0)));
          }
        }
      }
    }

    private void pairRenames(
        List<String> subjects, List<String> tos, List<String> owners, boolean move) {
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < subjects.size(); i++) {
        String s = subjects.get(i);
        String t =
            tos.size() == subjects.size() ? tos.get(i) : tos.get(Math.min(i, tos.size() - 1));
        targets.add(move && isModule(t) && !isModule(s) ? t + "." + leaf(s) : carryOwner(s, t));
      }
      if (!owners.isEmpty() && subjects.stream().noneMatch(NotesParser::hasOwner)) {
        for (String owner : owners) {
          for (int i = 0; i < subjects.size(); i++) {
            old.add(owner + "." + subjects.get(i));
            replacements.add(owner + "." + leaf(targets.get(i)));
          }
        }
        return;
      }
      old.addAll(subjects);
      replacements.addAll(targets);
    }

    /** Old identifiers of a non-rename clause: its subject, joined with named owners. */
    private void subjectOf(String clause, ChangeKind kind) {
      String c = clause;
      String lower = c.toLowerCase(Locale.ROOT);
      // "`X` removed from `Y`", "`X` added `p` to constructor params".
      Matcher passive =
          Pattern.compile(
                  "^(?:the )?((?:`[^`]+`[ ,/]*(?:and )?)+)(?:[\\w-]+ ){0,3}?(removed|added)\\b(.*)$")
              .matcher(c);
      if (passive.find()) {
        List<String> subjects = composed(passive.group(1));
        if (passive.group(2).equals("added")) {
          old.addAll(subjects);
          return;
        }
        List<String> owners = ownersAfter(passive.group(3));
        if (!owners.isEmpty()) {
          for (String o : owners) {
            for (String s : subjects) {
              old.add(o + "." + (s.matches("[A-Z]\\w*") ? snake(s) : leaf(s)));
            }
          }
          return;
        }
        old.addAll(subjects);
        return;
      }
      if (lower.startsWith("added ")) {
        // "Added `flags` parameter to `OrderBook.update`": the target changes.
        List<String> owners = ownersAfter(c.substring(6));
        if (!owners.isEmpty()) {
          old.addAll(owners);
          return;
        }
      }
      if (c.startsWith("`") || lower.startsWith("the `")) {
        // "`A` will now ... the `B`": a statement about the code it names.
        int stop =
            firstOf(
                lower,
                List.of(
                    " now takes ",
                    " takes ",
                    " now requires ",
                    " instead of ",
                    " no longer ",
                    ", but ",
                    " now return"));
        old.addAll(composed(stop < 0 ? c : c.substring(0, stop)));
        return;
      }
      int cut =
          firstOf(
              lower,
              List.of(
                  " to ",
                  " from ",
                  " on ",
                  " as ",
                  " instead of ",
                  " with ",
                  " into ",
                  " onto ",
                  " by ",
                  " when ",
                  " so ",
                  " rather than ",
                  " becomes ",
                  ": "));
      String left = cut < 0 ? c : c.substring(0, cut);
      String rest = cut < 0 ? "" : c.substring(cut);
      // "Changed `f` parameter for `Cache.bar_types(...)`": the for-owner owns the subject.
      int forAt = indexOfWord(left.toLowerCase(Locale.ROOT), "for");
      List<String> forOwners = List.of();
      if (forAt > 0) {
        forOwners =
            leadingList(left.substring(forAt + 4)).stream()
                .filter(NotesParser::isClassOwner)
                .toList();
        left = left.substring(0, forAt);
      }
      if (kind == ChangeKind.DATA_FORMAT) {
        // Schemas and stores: the record type is what the note names, not its fields.
        old.addAll(forOwners.isEmpty() ? firstCluster(left) : forOwners);
        return;
      }
      List<String> subjects = composed(left);
      if (kind == ChangeKind.REMOVE || kind == ChangeKind.SIGNATURE || kind == ChangeKind.TYPE) {
        List<String> owners = new ArrayList<>(forOwners);
        if (owners.isEmpty() && rest.toLowerCase(Locale.ROOT).matches("^ (from|for|on) .*")) {
          owners.addAll(ownersAfter(rest));
        }
        if (!owners.isEmpty() && subjects.stream().noneMatch(NotesParser::hasOwner)) {
          for (String o : owners) {
            for (String s : subjects) {
              old.add(o + sepOf(o) + s);
            }
          }
          return;
        }
      } else if (!forOwners.isEmpty() && subjects.stream().noneMatch(NotesParser::hasOwner)) {
        for (String o : forOwners) {
          for (String s : subjects) {
            old.add(o + "." + s);
          }
        }
        return;
      }
      if (subjects.isEmpty() && lower.contains(": ")) {
        // "Changed getters to methods: `Position.events()`, `adjustments()`".
        subjects = carryWithin(leadingList(c.substring(lower.indexOf(": ") + 2)));
      }
      old.addAll(subjects);
    }

    /** When the subject names nothing: "(was `x`)", "`new` instead of `old`", first span. */
    private void fallback(String main, ChangeKind kind) {
      Matcher was = Pattern.compile("\\(was (?:optional |an? )?`([^`]+)`").matcher(clean);
      if (was.find() && isIdentifier(was.group(1))) {
        old.add(was.group(1));
        List<String> before = spans(clean.substring(0, was.start()));
        replacements.add(before.isEmpty() ? null : stripCall(before.get(0)));
        return;
      }
      Matcher instead =
          Pattern.compile("((?:`[^`]+`[ ,/]*(?:and )?)+)instead of ((?:`[^`]+`[ ,/]*(?:and )?)+)")
              .matcher(main);
      if (instead.find()
          && !main.substring(0, instead.start())
              .matches("(?i).*\\b(return|take|use|accept)\\s*$")) {
        List<String> news = composed(instead.group(1));
        List<String> olds = composed(instead.group(2));
        if (!olds.isEmpty()) {
          old.addAll(olds);
          for (int i = 0; i < olds.size(); i++) {
            replacements.add(i < news.size() ? news.get(i) : null);
          }
          return;
        }
      }
      if (kind == ChangeKind.DATA_FORMAT || kind == ChangeKind.PLATFORM) {
        return;
      }
      String first = firstPart(main, "\\s*;\\s*|\\s+-\\s+");
      Matcher span = SPAN.matcher(first);
      while (span.find()) {
        String before = first.substring(0, span.start()).toLowerCase(Locale.ROOT);
        if (before.matches(
            ".*\\b(use|using|pass|call|set|enable|run|see|return|returns|with|via|opt out with)"
                + "(?: (?:the|a|an|bon))?\\s*$")) {
          continue;
        }
        String id = stripCall(span.group(1));
        if (isIdentifier(id)
            && !VALUES.contains(id)
            && !id.endsWith("Error")
            && !id.contains("::")) {
          old.add(id);
          return;
        }
      }
    }

    /** "use `y` instead", "in favour of `y`", "as redundant with `.y()`": the replacement. */
    private void insteadRules(String main, ChangeKind kind) {
      Matcher useInstead =
          Pattern.compile(
                  "(?i)\\buse ((?:`[^`]+`[ ,/]*(?:and |or )?)+)instead of ((?:`[^`]+`[ ,/]*(?:and"
                      + " |or )?)+)")
              .matcher(main);
      if (useInstead.find()) {
        List<String> news = composed(useInstead.group(1));
        List<String> olds = composed(useInstead.group(2));
        for (int i = 0; i < olds.size() && !news.isEmpty(); i++) {
          if (!old.contains(olds.get(i))) {
            old.add(olds.get(i));
            replacements.add(news.get(Math.min(i, news.size() - 1)));
          }
        }
        return;
      }
      if (old.isEmpty()
          || replacements.stream().anyMatch(r -> r != null)
          || !(kind == ChangeKind.REMOVE || kind == ChangeKind.SIGNATURE)) {
        return;
      }
      Matcher use =
          Pattern.compile(
                  "(?i)(?:\\buse (?:the |a |an |[\\w-]+ ){0,2}?|in favou?r of (?:a |the )?"
                      + "|as redundant with |replaced (?:by|with) |migrate to |import [\\w ]{0,30}?from )"
                      + "((?:`[^`]+`[ ,/]*(?:and |or )?)+)")
              .matcher(clean);
      if (!use.find()) {
        return;
      }
      List<String> news = composed(use.group(1));
      if (news.isEmpty()) {
        return;
      }
      expandWildcard(news);
      replacements.clear();
      for (int i = 0; i < old.size(); i++) {
        String n = news.size() == old.size() ? news.get(i) : news.get(0);
        replacements.add(carryOwner(old.get(i), n));
      }
    }

    /**
     * "Removed `BINANCE_ED25519_*` (use `BINANCE_API_KEY`/`BINANCE_API_SECRET`)": one wildcard and
     * named replacements that share its prefix spell out the names the wildcard stood for.
     */
    private void expandWildcard(List<String> news) {
      if (old.size() != 1 || !old.get(0).endsWith("*") || news.size() < 2) {
        return;
      }
      String prefix = old.get(0).substring(0, old.get(0).length() - 1);
      List<String> expanded = new ArrayList<>();
      for (String n : news) {
        int common = 0;
        while (common < Math.min(prefix.length(), n.length())
            && prefix.charAt(common) == n.charAt(common)) {
          common++;
        }
        int cut = n.lastIndexOf('_', common - 1) + 1;
        if (cut <= 0) {
          return;
        }
        expanded.add(prefix + n.substring(cut));
      }
      old.clear();
      old.addAll(expanded);
    }

    private void dedupe() {
      Set<String> seen = new LinkedHashSet<>();
      List<String> o = new ArrayList<>();
      List<String> r = new ArrayList<>();
      for (int i = 0; i < old.size(); i++) {
        String id = normalizeModule(old.get(i));
        if (seen.add(id)) {
          o.add(id);
          String rep = i < replacements.size() ? replacements.get(i) : null;
          r.add(rep == null ? null : normalizeModule(rep));
        }
      }
      old.clear();
      old.addAll(o);
      replacements.clear();
      replacements.addAll(r);
    }
  }

  // ---- span helpers (static, pure) ------------------------------------------------------------

  static List<String> spans(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = SPAN.matcher(s);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  private static int countBefore(String prose, int end) {
    int n = 0;
    for (int i = 0; i < end && i < prose.length(); i++) {
      if (prose.charAt(i) == '§') {
        n++;
      }
    }
    return n;
  }

  /**
   * The identifiers at the start of a text fragment that form a list ("`A`, `B` and `C`", "`a`/`b`
   * respectively"), stopping at the first other word once one was found.
   */
  static List<String> leadingList(String fragment) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("^\\s*(?:the |both |all |a |an |existing |new )*`([^`]+)`")
            .matcher(fragment);
    int pos = 0;
    String rest = fragment;
    while (m.find()) {
      String id = identifierOf(m.group(1));
      if (id != null) {
        out.add(stripCall(id));
      }
      pos = m.end();
      rest = fragment.substring(pos);
      Matcher sep =
          Pattern.compile("^\\s*(?:,|/|&|\\band\\b|\\bor\\b)\\s*(?:and\\s+|or\\s+)?").matcher(rest);
      if (!sep.find() || sep.end() == 0) {
        break;
      }
      rest = rest.substring(sep.end());
      m = Pattern.compile("^\\s*`([^`]+)`").matcher(rest);
      fragment = rest;
    }
    return out;
  }

  /** Owners named after the subject: "from `X`", "for `X` and `Y`", "on `X`/`Y`", "in `X`". */
  private static List<String> ownersAfter(String rest) {
    Matcher m =
        Pattern.compile("(?i)^\\s*(?:(?:`[^`]+`|[\\w-]+)\\s+){0,4}?(?:from|for|on|in|to)\\s+(.*)$")
            .matcher(rest);
    if (!m.find()) {
      return List.of();
    }
    return leadingList(m.group(1)).stream().filter(NotesParser::isOwnerLike).toList();
  }

  /** "... to `b` in `DataEngineConfig`/`LiveDataEngineConfig`": owners after the new names. */
  private static List<String> trailingOwners(String right) {
    Matcher m =
        Pattern.compile("^(?:`[^`]+`[ ,/]*(?:and |or )?)+(?:[\\w-]+ ){0,2}?(?:in|on|for) (.*)$")
            .matcher(right);
    if (!m.find()) {
      return List.of();
    }
    return leadingList(m.group(1)).stream().filter(o -> o.matches("[A-Z][A-Za-z0-9_]*")).toList();
  }

  /**
   * The subject identifiers of a fragment, with an owner joined to its members ("`Logger`
   * `component_name` parameter" is {@code Logger.component_name}; "`A`/`B` request `c`/`d`" gives
   * the four combinations) and an owner carried within a list ("`X.a`/`b`").
   */
  static List<String> composed(String fragment) {
    List<List<String>> clusters = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    Matcher m = SPAN.matcher(fragment);
    int last = -1;
    List<String> current = null;
    while (m.find()) {
      String gap = last < 0 ? "" : fragment.substring(last, m.start());
      String id = identifierOf(m.group(1));
      last = m.end();
      if (id == null) {
        continue;
      }
      if (current != null && gap.matches("\\s*(?:,|/|&|,?\\s*\\band\\b|\\bor\\b)\\s*")) {
        current.add(id);
      } else {
        current = new ArrayList<>();
        current.add(id);
        clusters.add(current);
        gaps.add(gap);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i++) {
      List<String> cluster = carryWithin(clusters.get(i));
      if (i + 1 < clusters.size() && joinable(cluster, clusters.get(i + 1), gaps.get(i + 1))) {
        List<String> members = carryWithin(clusters.get(i + 1));
        for (String owner : cluster) {
          if (owner.endsWith("()")) {
            out.add(stripCall(owner));
            continue;
          }
          for (String member : members) {
            out.add(stripCall(owner) + "." + member);
          }
        }
        i++;
        continue;
      }
      for (String id : cluster) {
        out.add(stripCall(id));
      }
    }
    return out;
  }

  private static List<String> firstCluster(String fragment) {
    List<String> all = spans(fragment);
    for (String s : all) {
      String id = identifierOf(s);
      if (id != null) {
        return List.of(stripCall(id));
      }
    }
    return List.of();
  }

  private static boolean joinable(List<String> owners, List<String> members, String gap) {
    String g = gap.trim().toLowerCase(Locale.ROOT);
    if (g.split("\\s+").length > 2
        || g.matches(".*\\b(and|or|to|from|in|on|for|with|as|schema|arrow)\\b.*")) {
      return false;
    }
    boolean ownersOk = owners.stream().allMatch(NotesParser::isOwnerLike);
    boolean membersOk = members.stream().allMatch(x -> x.matches("[a-z_][a-z0-9_*]*"));
    return ownersOk && membersOk;
  }

  /** "`X.a`, `b`": b is X.b. */
  private static List<String> carryWithin(List<String> ids) {
    List<String> out = new ArrayList<>();
    String owner = null;
    for (String id : ids) {
      String bare = stripCall(id);
      if (owner != null && !hasOwner(bare) && !bare.startsWith(".")) {
        out.add(owner + sepOf(ids.get(0)) + bare);
        continue;
      }
      if (bare.startsWith(".") && owner != null) {
        out.add(owner + bare);
        continue;
      }
      out.add(id);
      owner = hasOwner(bare) && !isModule(bare) ? ownerOf(bare) : null;
    }
    return out;
  }

  /** The identifier a code span names, or null for values, types and expressions. */
  static String identifierOf(String span) {
    String s = span.trim();
    Matcher call = Pattern.compile("^([\\w.:]+)\\(([a-z_][a-z0-9_]*)\\)$").matcher(s);
    if (call.matches() && call.group(1).contains(".") && !call.group(2).equals("self")) {
      // "OrderFactory.bracket(post_only)": a parameter of that method.
      return call.group(1) + "." + call.group(2);
    }
    Matcher typed =
        Pattern.compile("^([a-z_][a-z0-9_]*)\\s*:(?!:)\\s*[A-Za-z_][\\w\\[\\]<>|.,& ]*$")
            .matcher(s);
    if (typed.matches()) {
      return typed.group(1);
    }
    Matcher kwarg = Pattern.compile("^([a-z_][a-z0-9_]*)\\s*=\\s*[^=].*$").matcher(s);
    if (kwarg.matches()) {
      // "`allow_past=False`": the keyword argument is what code spells.
      return kwarg.group(1);
    }
    String bare = stripCall(s);
    if (VALUES.contains(bare) || !(isIdentifier(bare) || DOT_IDENT.matcher(bare).matches())) {
      return null;
    }
    if (bare.matches("\\d.*")) {
      return null;
    }
    // Keep a call marker: "`Position.to_dict()` `key`" names a key of the result, not a member.
    return s.endsWith(")") ? bare + "()" : bare;
  }

  static boolean isIdentifier(String s) {
    return s != null && IDENT.matcher(s).matches() && !s.equals("*");
  }

  private static String stripCall(String s) {
    return s.replaceFirst("\\(.*\\)$", "").trim();
  }

  private static boolean hasOwner(String id) {
    return id.contains(".") || id.contains("::");
  }

  private static String sepOf(String id) {
    return id.contains("::") ? "::" : ".";
  }

  private static String ownerOf(String id) {
    int i = Math.max(id.lastIndexOf('.'), id.lastIndexOf("::") + 1);
    int dot = id.lastIndexOf('.');
    int colons = id.lastIndexOf("::");
    return colons > dot ? id.substring(0, colons) : id.substring(0, Math.max(dot, i - 1));
  }

  static String leaf(String id) {
    String s = stripCall(id);
    int dot = s.lastIndexOf('.');
    int colons = s.lastIndexOf("::");
    return colons > dot ? s.substring(colons + 2) : s.substring(dot + 1);
  }

  /**
   * A type or value rather than an API name: {@code u8}, {@code list[str]}, {@code float | None}.
   */
  static boolean typeLike(String span) {
    String s = span.trim();
    return VALUES.contains(s)
        || s.matches(".*[<>\\[\\]|&].*")
        || s.matches("[a-z]\\d+")
        || s.matches("(?:str|int|float|bool|bytes|string|binary|datetime)");
  }

  /** A class-like owner a note can attach a member to: {@code Cache}, {@code Actor.subscribe}. */
  private static boolean isClassOwner(String id) {
    String s = stripCall(id);
    return isOwnerLike(s) && (s.matches("[A-Z].*") || hasOwner(s));
  }

  private static boolean isOwnerLike(String id) {
    String s = stripCall(id);
    return isIdentifier(s) && !s.contains("*");
  }

  private static boolean isModule(String id) {
    return MODULE.matcher(id).matches()
        && (id.startsWith("nautilus_trader.") || SUBPACKAGES.contains(firstPart(id, "\\.")));
  }

  private static String normalizeModule(String id) {
    String first = firstPart(id, "\\.|::");
    if (!id.startsWith("nautilus_trader") && id.contains(".") && SUBPACKAGES.contains(first)) {
      String[] parts = id.split("\\.");
      // Only the lower-case prefix is the module path; a class or member may follow.
      if (parts.length >= 2 && parts[1].matches("[a-z_][a-z0-9_]*")) {
        return "nautilus_trader." + id;
      }
    }
    return id;
  }

  /** The new name of {@code old} when the note names {@code neu}, carrying the owner. */
  private static String carryOwner(String old, String neu) {
    String n = stripCall(neu);
    if (n.startsWith(".") && hasOwner(old)) {
      return ownerOf(old) + n;
    }
    if (!hasOwner(n) && hasOwner(old) && !isModule(old)) {
      return ownerOf(old) + sepOf(old) + n;
    }
    return n;
  }

  /** {@code subject} moved into {@code home} (a module, a class or a full new path). */
  private static String relocate(String subject, String home) {
    if (isModule(subject) && (isModule(home) || home.matches("[a-z_][a-z0-9_.]*"))) {
      return home;
    }
    if (isModule(home) || home.matches("[a-z_][a-z0-9_]*")) {
      return home + "." + leaf(subject);
    }
    if (hasOwner(home) && !home.matches(".*\\.[A-Z][A-Za-z0-9]*$")) {
      return home;
    }
    if (hasOwner(home) && leaf(home).equals(leaf(subject))) {
      return home;
    }
    return home + "." + leaf(subject);
  }

  private static List<String> prefixAll(String owner, List<String> ids) {
    return ids.stream().map(i -> hasOwner(i) ? i : owner + "." + i).toList();
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** Removes "(remarks)" outside code spans, keeping ones that only list code spans. */
  static String stripParentheticals(String s) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean code = false;
    StringBuilder paren = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '`') {
        code = !code;
      }
      if (!code && ch == '(') {
        depth++;
      }
      if (depth > 0) {
        paren.append(ch);
      } else {
        out.append(ch);
      }
      if (!code && ch == ')' && depth > 0) {
        depth--;
        if (depth == 0) {
          String inner = paren.toString();
          if (inner.matches("\\((?:\\s*`[^`]+`\\s*[,/]?\\s*(?:and |or )?)+\\)")) {
            out.append(inner);
          }
          paren.setLength(0);
        }
      }
    }
    return out.toString().replaceAll("\\s+", " ").trim();
  }

  private static int indexOfWord(String lower, String word) {
    Matcher m = Pattern.compile("\\b" + word + "\\b").matcher(lower);
    return m.find() ? m.start() : -1;
  }

  private static int firstOf(String lower, List<String> needles) {
    int best = -1;
    for (String n : needles) {
      int i = lower.indexOf(n);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  // String.split drops trailing empty strings, so a text made only of separators gives [].
  static String firstPart(String text, String separator) {
    String[] parts = text.split(separator);
    return parts.length == 0 ? "" : parts[0];
  }
}
